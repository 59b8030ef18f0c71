using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// Write-ins like the best adjudication screens (另选他人汇总): every inked write-in cell of a contest as a crop, grouped,
/// the names already entered offered first and listed candidates flagged, so a name is typed once for many ballots.
/// </summary>
internal static class WriteInPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/write-ins", Page);
        app.MapPost("/write-ins/decide", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var sheet = form["sheet"].ToString();
            var box = form["box"].ToString();
            var machine = station.Interpretation(sheet)?.Positions.FirstOrDefault(p => p.BoxId == box)?.Symbol;
            return ReviewPages.DecideFromForm(context, af, station, new Adjudication
            {
                Sheet = sheet,
                Kind = AdjudicationKind.WriteIn,
                BoxId = box,
                WriteInName = form["name"].ToString(),
                Symbol = machine,
                Scrutineer = string.Empty,
                Reason = "核对图像：另选他人汇总",
            }, Lang.Of(context).S("另选他人", "Write-ins"), "/write-ins", $"/write-ins#cell-{Uri.EscapeDataString(sheet)}-{Uri.EscapeDataString(box)}");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
    }

    private static IResult Page(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Lang.Of(context);
        var count = station.Count();
        var set = count.Result.Records.Where(r => r.Status == SheetStatus.NotCounted).Select(r => r.Sheet).ToHashSet(StringComparer.Ordinal);
        var named = station.Decisions().Where(d => d.Decision.Kind == AdjudicationKind.WriteIn && (d.Effective || d.AwaitingConfirmation))
            .GroupBy(d => (d.Decision.Sheet, d.Decision.BoxId!)).ToDictionary(g => g.Key, g => g.Last().Decision.WriteInName ?? string.Empty);
        var canDecide = context.IsIn(StationRole.Scrutineer);
        var body = new StringBuilder($"<p>{E(lang.S("每个职位中所有写了字的另选他人栏，逐一放大显示：已录入的姓名排在前面可直接选用；与名单内候选人同名的，须按规则处理（见选票的计票规则）。", "Every write-in cell with ink, per contest, zoomed: names already entered are offered first; a name that is a listed candidate's is marked, to be counted as the rules say."))}</p>");
        foreach (var contest in station.Definition.Contests)
        {
            var cells = count.Sheets.Where(s => s.Accepted && !set.Contains(s.SheetId))
                .SelectMany(s => s.Positions.Where(p => p.ContestId == contest.Id && p.Kind == BoxKind.WriteIn && (p.Symbol != MarkSymbol.Blank || p.Reasons.Contains(ReviewReason.WriteIn))).Select(p => (Sheet: s.SheetId, p.BoxId, p.Symbol)))
                .DistinctBy(c => (c.Sheet, c.BoxId)).ToList();
            if (cells.Count == 0)
            {
                continue;
            }

            // The names entered in this contest, most used first, then the listed candidates (flagged).
            var entered = cells.Select(c => named.GetValueOrDefault((c.Sheet, c.BoxId))).Where(n => !string.IsNullOrEmpty(n)).GroupBy(n => n!).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
            var listed = contest.Candidates.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var options = string.Concat(entered.Select(n => $"<option value=\"{E(n)}\"{(listed.Contains(n) ? $" label=\"{E(n)}（{E(lang.S("名单内候选人", "listed candidate"))}）\"" : string.Empty)}>"))
                + string.Concat(listed.Except(entered).Select(n => $"<option value=\"{E(n)}\" label=\"{E(n)}（{E(lang.S("名单内候选人", "listed candidate"))}）\">"));
            var undecided = cells.Count(c => !named.ContainsKey((c.Sheet, c.BoxId)));
            body.Append(Heading(lang, contest.Title, cells.Count, undecided));
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"<datalist id=\"names-{E(contest.Id)}\">{options}</datalist><div class=\"write-ins\">");
            foreach (var (sheet, box, symbol) in cells.OrderBy(c => named.ContainsKey((c.Sheet, c.BoxId))).ThenBy(c => c.Sheet, StringComparer.Ordinal))
            {
                var name = named.GetValueOrDefault((sheet, box));
                var flag = name is not null && listed.Contains(name) ? $" <span class=\"problem\">{E(lang.S("名单内候选人", "listed candidate"))}</span>" : string.Empty;
                body.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
                    <div class="write-in-cell{(name is null ? string.Empty : " decided")}" id="cell-{E(sheet)}-{E(box)}">
                      <a href="{E(ReviewPages.SheetLink(sheet))}"><img class="crop" src="{E(ReviewPages.CropLink(sheet, box))}" alt="{E(box)}" loading="lazy"></a>
                      <span class="hint">{E(ReviewPages.Glyph(symbol))} {(name is null ? E(lang.S("未录入", "not entered")) : E(name))}{flag}</span>
                      {(canDecide ? $"<form method=\"post\" action=\"/write-ins/decide\" class=\"inline\">{Token(context, af)}<input type=\"hidden\" name=\"sheet\" value=\"{E(sheet)}\"><input type=\"hidden\" name=\"box\" value=\"{E(box)}\"><input name=\"name\" list=\"names-{E(contest.Id)}\" value=\"{E(name)}\" placeholder=\"{E(lang.S("写入的姓名", "name written"))}\" required> <button type=\"submit\">{E(lang.S("记录", "Record"))}</button></form>" : string.Empty)}
                    </div>
                    """);
            }

            body.Append("</div>");
        }

        return Html.Page(context, af, lang.S("另选他人汇总", "Write-ins"), body.ToString());

        static string Heading(Lang lang, string title, int n, int open) =>
            $"<h2>{E(title)} <span class=\"hint\">{E(lang.S($"{n} 栏，待录入 {open} 栏", $"{n} cell(s), {open} to enter"))}</span></h2>";
    }
}
