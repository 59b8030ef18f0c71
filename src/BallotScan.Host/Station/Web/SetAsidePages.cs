using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// Nothing hidden (不计入的图像): every sheet the count leaves out (another election, not a ballot, the same file again, set
/// aside by a decision), with its image and why; a scrutineer confirms each, or brings it back to count box by box.
/// </summary>
internal static class SetAsidePages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/set-aside", Page);
        pages.MapPost("/set-aside/decide", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var lang = Html.LangOf(context);
            var bringBack = form["action"] == "count";
            return ReviewPages.DecideFromForm(context, af, station, new Adjudication
            {
                Sheet = form["sheet"].ToString(),
                Kind = AdjudicationKind.Sheet,
                SheetDecision = bringBack ? SheetDecision.Count : SheetDecision.NotCounted,
                Scrutineer = string.Empty,
                Reason = bringBack ? "核对图像：是本选举的选票，逐框裁定" : "核对图像：确认不计入",
            }, lang.T("不计入的图像"), "/set-aside", "/set-aside");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
    }

    private static IResult Page(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Html.LangOf(context);
        var count = station.Results.Count();
        var sheets = count.Sheets.DistinctBy(s => s.SheetId).ToDictionary(s => s.SheetId, StringComparer.Ordinal);
        var decided = station.Results.Decisions().Where(d => d.Effective && d.Decision.Kind == AdjudicationKind.Sheet)
            .GroupBy(d => d.Decision.Sheet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Decision.Scrutineer, StringComparer.Ordinal);
        var rows = count.Result.Records.Where(r => r.Status == SheetStatus.NotCounted).Select(r =>
        {
            var sheet = sheets.GetValueOrDefault(r.Sheet);
            var why = sheet is null
                ? Words.StatusReason(lang, station.Definition, r.StatusReason)
                : string.Join(lang.T("；"), sheet.SheetReasons.Select(x => Words.ReasonText(lang, x)).Append(Words.SheetMessage(lang, station.Definition, sheet) ?? string.Empty).Where(x => x.Length > 0));
            return new SetAsideRow(r.Sheet, Path.GetFileName(r.Source) ?? string.Empty, why, decided.GetValueOrDefault(r.Sheet), sheet?.SheetReasons.Contains(ReviewReason.Duplicate) == true);
        }).ToList();
        return Component<Components.SetAsidePage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.SetAsidePage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.SetAsidePage.Rows)] = rows,
            [nameof(Components.SetAsidePage.CanDecide)] = context.IsIn(StationRole.Scrutineer),
        });
    }
}

/// <summary>A sheet the count leaves out, as the set-aside page shows it.</summary>
/// <param name="Sheet">The sheet's id (its image's SHA-256 and page).</param>
/// <param name="File">The file it came in as.</param>
/// <param name="Why">Why it is left out, in the reader's language.</param>
/// <param name="SetAsideBy">The scrutineer who confirmed it left out (null: the machine left it out, a scrutineer has yet to confirm).</param>
/// <param name="Duplicate">The same file taken in again: counted once, it cannot be brought back.</param>
public sealed record SetAsideRow(string Sheet, string File, string Why, string? SetAsideBy, bool Duplicate);
