using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// Nothing hidden (不计入的图像): every sheet the count leaves out (another election, not a ballot, the same file again, set
/// aside by a decision), with its image and why; a scrutineer confirms each, or brings it back to count box by box.
/// </summary>
internal static class SetAsidePages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/set-aside", Page);
        app.MapPost("/set-aside/decide", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var lang = Lang.Of(context);
            var bringBack = form["action"] == "count";
            return ReviewPages.DecideFromForm(context, af, station, new Adjudication
            {
                Sheet = form["sheet"].ToString(),
                Kind = AdjudicationKind.Sheet,
                SheetDecision = bringBack ? SheetDecision.Count : SheetDecision.NotCounted,
                Scrutineer = string.Empty,
                Reason = bringBack ? "核对图像：是本选举的选票，逐框裁定" : "核对图像：确认不计入",
            }, lang.S("不计入的图像", "Set aside"), "/set-aside", "/set-aside");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
    }

    private static IResult Page(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Lang.Of(context);
        var count = station.Count();
        var sheets = count.Sheets.DistinctBy(s => s.SheetId).ToDictionary(s => s.SheetId, StringComparer.Ordinal);
        var decided = station.Decisions().Where(d => d.Effective && d.Decision.Kind == AdjudicationKind.Sheet)
            .GroupBy(d => d.Decision.Sheet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var canDecide = context.IsIn(StationRole.Scrutineer);
        var rows = count.Result.Records.Where(r => r.Status == SheetStatus.NotCounted).Select((r, i) =>
        {
            var sheet = sheets.GetValueOrDefault(r.Sheet);
            var duplicate = sheet?.SheetReasons.Contains(ReviewReason.Duplicate) == true;
            var why = sheet is null ? Words.StatusReason(lang, r.StatusReason) : string.Join(lang.S("；", "; "), sheet.SheetReasons.Select(x => ReviewPages.ReasonText(lang, x)).Append(Words.SheetMessage(lang, station.Definition, sheet) ?? string.Empty).Where(x => x.Length > 0));
            var state = decided.TryGetValue(r.Sheet, out var d)
                ? E(lang.S($"{d.Decision.Scrutineer} 已确认不计入", $"set aside by {d.Decision.Scrutineer}"))
                : E(lang.S("机器判定，待监票人确认", "set aside by the machine; a scrutineer confirms"));
            var actions = !canDecide ? string.Empty : duplicate
                ? E(lang.S("同一文件重复收入：只计一次，不能再计入。", "The same file taken in again: counted once, it cannot be counted twice."))
                : $"""
                  <form method="post" action="/set-aside/decide" class="inline">{Token(context, af)}<input type="hidden" name="sheet" value="{E(r.Sheet)}">
                  <button name="action" value="confirm">{E(lang.S("确认不计入", "Confirm"))}</button>
                  <button name="action" value="count">{E(lang.S("改为计入（逐框裁定）", "Bring back to count (box by box)"))}</button></form>
                  """;
            return new[]
            {
                N(i + 1),
                $"<a href=\"{E(ReviewPages.SheetLink(r.Sheet))}\"><img class=\"thumb\" src=\"/sheet/image?id={E(Uri.EscapeDataString(r.Sheet))}\" alt=\"{E(Path.GetFileName(r.Source))}\" loading=\"lazy\"></a>",
                E(Path.GetFileName(r.Source)), E(why), state, actions,
            };
        }).ToList();
        var body = new StringBuilder();
        body.Append(Intro(lang, rows.Count));
        body.Append(Table(["#", lang.S("图像", "Image"), lang.S("文件", "File"), lang.S("原因", "Why"), lang.S("状态", "State"), string.Empty], rows, "set-aside"));
        return Html.Page(context, af, lang.S("不计入的图像", "Sheets set aside"), body.ToString());

        static string Intro(Lang lang, int n) => $"<p>{E(lang.S($"以下 {n} 张图像不计入计票结果：非本选举的选票、不是选票、同一文件重复收入，或已由监票人裁定不计入。请逐张核对图像；若确是本选举的选票，可改为计入，再逐框裁定（须第二位监票人复核）。", $"These {n} images are not in the count: another election's ballot, not a ballot, the same file again, or set aside by a decision. Check each image; a ballot of this election can be brought back and read box by box (a second scrutineer confirms)."))}</p>";
    }
}
