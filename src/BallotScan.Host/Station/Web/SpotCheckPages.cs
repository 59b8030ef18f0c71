using System.Globalization;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// 抽查 (spot-check): sheets drawn from a public seed with the SHA-256 sampler, each image beside what was counted, the
/// auditor's finding recorded, and the risk of each contest's outcome (Kaplan-Markov, Stark 2010).
/// </summary>
internal static class SpotCheckPages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/spot-check", Page);
        pages.MapPost("/spot-check/record", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var seed = form["seed"].ToString();
            var sheet = form["sheet"].ToString();
            var finding = form["finding"].ToString() switch
            {
                "agree" => SpotCheckFinding.Agree,
                "disagree" => SpotCheckFinding.Disagree,
                _ => SpotCheckFinding.Open,
            };
            bool? sameImage = form["image"].ToString() switch { "yes" => true, "no" => false, _ => null };
            var entry = new SpotCheckEntry(int.TryParse(form["order"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order : 0, sheet, string.Empty, finding, form["note"].ToString().Trim(), form["marks"].ToString().Trim(), sameImage);
            var lang = Html.LangOf(context);
            if (station.Reading.Sheet(sheet) is null || seed.Length == 0)
            {
                return Html.Problem(context, af, lang.T("抽查"), lang.T("没有这张选票。"), "/spot-check");
            }

            try
            {
                SpotCheck.AuditedDecisions(entry, station.Layout, context.UserName());
            }
            catch (SpotCheckException e)
            {
                return Html.Problem(context, af, lang.T("抽查"), ProblemWords.Say(lang, e), "/spot-check");
            }

            station.Audit.RecordSpotCheck(seed, entry, context.UserName());
            return TypedResults.Redirect($"/spot-check?seed={Uri.EscapeDataString(seed)}&n={Uri.EscapeDataString(form["n"].ToString())}&limit={Uri.EscapeDataString(form["limit"].ToString())}&against={(form["against"] == "image" ? "image" : "paper")}#draw-{entry.Order}");
        }).RequireAuthorization(p => p.RequireRole(nameof(StationRole.Auditor)));
    }

    /// <summary>How to write what the paper shows, in this election's own names: a candidate's box, and a write-in cell ("另选1" is how the box is named).</summary>
    private static (string Box, string WriteIn) MarkExamples(CountingStation station)
    {
        var contest = station.Definition.Contests.LastOrDefault(c => c.Candidates.Count > 0);
        if (contest is null)
        {
            return ("委员 李红梅=×", "委员 另选1=张三○");
        }

        var names = contest.Candidates.Select(c => c.Name).ToList();
        return ($"{contest.Title} {names[0]}=×", $"{contest.Title} 另选1={names[^1]}○");
    }

    private static IResult Page(HttpContext context, IAntiforgery af, CountingStation station, string? seed, int? n, double? limit, string? against)
    {
        var paper = against != "image";
        var lang = Html.LangOf(context);
        var riskLimit = limit is > 0 and < 1 ? limit.Value : 0.1;
        var size = n is > 0 and <= 1000 ? n.Value : 20;
        return Component<Components.SpotCheckPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.SpotCheckPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.SpotCheckPage.Seed)] = seed,
            [nameof(Components.SpotCheckPage.Size)] = size,
            [nameof(Components.SpotCheckPage.RiskLimit)] = riskLimit,
            [nameof(Components.SpotCheckPage.Paper)] = paper,
            [nameof(Components.SpotCheckPage.ArchiveRoot)] = station.Audit.ArchiveRoot,
            [nameof(Components.SpotCheckPage.Examples)] = MarkExamples(station),
            [nameof(Components.SpotCheckPage.CanRecord)] = context.IsIn(StationRole.Auditor),
            [nameof(Components.SpotCheckPage.Drawn)] = string.IsNullOrWhiteSpace(seed) ? null : Draw(lang, station, seed, size, paper),
        });
    }

    /// <summary>The sheets <paramref name="seed"/> draws, with what was counted for each and the auditor's findings so far, and each outcome's risk.</summary>
    private static SpotCheckDraw Draw(Lang lang, CountingStation station, string seed, int size, bool paper)
    {
        var count = station.Results.Count();
        var sheets = count.Sheets.ToDictionary(s => s.SheetId, StringComparer.Ordinal);
        var drawn = SpotCheckSampler.Draw(seed, sheets.Keys, size);
        var findings = station.Audit.SpotChecks(seed);
        var entries = drawn.Select((id, i) => findings.TryGetValue(id, out var f) ? f.Entry with { Order = i + 1 } : new SpotCheckEntry(i + 1, id, string.Empty, SpotCheckFinding.Open, string.Empty)).ToList();
        // Against paper the drawn sheets are listed in retrieval order: batch by batch, in scan order.
        var retrievalList = RetrievalList.Of(drawn, count.Sheets);
        var retrieval = retrievalList.ToDictionary(r => r.Sheet, StringComparer.Ordinal);
        var rank = retrievalList.Select((r, i) => (r.Sheet, i)).ToDictionary(x => x.Sheet, x => x.i, StringComparer.Ordinal);
        var listed = paper ? [.. entries.OrderBy(e => rank.GetValueOrDefault(e.Sheet))] : entries;
        var records = count.Result.Records.ToDictionary(r => r.Sheet, StringComparer.Ordinal);
        var (risks, unmeasured) = SpotCheck.Risks(entries, station.Definition, station.Layout, sheets, count.Decisions, count.Result.Adjudicated);
        var rows = listed.Select(e =>
        {
            var where = retrieval.GetValueOrDefault(e.Sheet);
            var record = records.GetValueOrDefault(e.Sheet);
            var counted = record is null ? [] : record.Contests.Select(c =>
                $"{station.Definition.Contests.First(x => x.Id == c.ContestId).Title}{(c.Status == ContestStatus.Valid ? string.Empty : lang.T("（{0}）", Words.ContestStatus(lang, c.Status)))}{lang.T("：")}"
                + string.Join(lang.T("，"), c.Candidates.Select(m => $"{m.Candidate} {VoteText(lang, m.Vote)}")
                    .Concat(c.WriteIns.Where(w => w.Name is { Length: > 0 }).Select(w => $"{w.Name} {VoteText(lang, w.Vote)}")))).ToList();
            var counts = record?.Status is SheetStatus.Counted or null;
            return new SpotCheckDrawRow(
                e.Order, e.Sheet, where?.Batch, where?.Position, where?.Page ?? 1,
                counts ? null : Words.StatusText(lang, record!.Status), counts ? null : Words.StatusReason(lang, station.Definition, record!.StatusReason),
                counted, e.Finding, e.Note, e.AuditedMarks, e.ImageMatchesPaper);
        }).ToList();
        return new SpotCheckDraw(sheets.Count, rows, [.. entries.Where(e => e.ImageMatchesPaper == false).Select(e => e.Order)], [.. unmeasured.Select(u => u.Order)], risks);
    }

    private static string VoteText(Lang lang, Vote vote) => vote switch
    {
        Vote.Approve => lang.T("赞成○"),
        Vote.Disapprove => lang.T("不赞成×"),
        Vote.Abstain => lang.T("弃权"),
        _ => lang.T("无效"),
    };
}

/// <summary>A spot-check's draw as its page shows it.</summary>
/// <param name="Sheets">The sheets it was drawn from.</param>
/// <param name="Rows">The drawn sheets, in retrieval order against paper, in draw order otherwise.</param>
/// <param name="ImageNotPaper">The draw numbers whose image the auditor found is not its paper's.</param>
/// <param name="Unmeasured">The draw numbers that disagree without saying what the image shows (no risk is measured until they do).</param>
/// <param name="Risks">Each contest's outcome and its risk.</param>
public sealed record SpotCheckDraw(int Sheets, IReadOnlyList<SpotCheckDrawRow> Rows, IReadOnlyList<int> ImageNotPaper, IReadOnlyList<int> Unmeasured, IReadOnlyList<ContestRisk> Risks);

/// <summary>One drawn sheet: where to find its paper, what was counted, and the auditor's finding.</summary>
/// <param name="Order">Its number in the draw.</param>
/// <param name="Sheet">The sheet's id.</param>
/// <param name="Batch">Its batch (empty: none; null: not on the retrieval list).</param>
/// <param name="Position">Its place in the batch's scan order.</param>
/// <param name="Page">Its page of the ballot.</param>
/// <param name="Status">Why it was not counted as read, in words (null: counted).</param>
/// <param name="StatusReason">The reason behind <paramref name="Status"/>, in words.</param>
/// <param name="Counted">Per contest, what was counted for it, in words.</param>
/// <param name="Finding">The auditor's finding so far.</param>
/// <param name="Note">The auditor's note.</param>
/// <param name="Marks">What the paper (or image) shows, box=symbol, where it differs.</param>
/// <param name="ImageMatchesPaper">Whether the image is this paper's (null: not said).</param>
public sealed record SpotCheckDrawRow(int Order, string Sheet, string? Batch, int? Position, int Page, string? Status, string? StatusReason, IReadOnlyList<string> Counted, SpotCheckFinding Finding, string Note, string Marks, bool? ImageMatchesPaper);
