using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;
using static BallotScan.Host.Text.Shown;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// 符号汇总审核: every box that waits for a person for its mark alone (an uncertain mark, or one not ○ or ×), across all the
/// sheets, as crops grouped by what the machine read, each with why it was sent in words; a scrutineer ticks the alike
/// marks and records what they are at once, each box its own decision with its own audit row, as if decided one by one
/// on its sheet. Many of the real voters' ○ the machine is unsure of are plain ○ to a person: here they are decided
/// quickly, side by side.
/// </summary>
internal static class MarkReviewPages
{
    /// <summary>The most boxes decided at once.</summary>
    private const int MaxBoxesAtOnce = 500;

    /// <summary>The most boxes of one group a page shows (each a crop of its sheet's image: an old laptop shows 200 well).</summary>
    internal const int MaxShownPerGroup = 200;

    /// <summary>The review reasons that are about the mark in the box alone (a stray, a write-in or an unreadable box is decided on its sheet).</summary>
    private static readonly ReviewReason[] MarkAlone = [ReviewReason.MarginalMark, ReviewReason.UnrecognisedSymbol];

    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/marks", Page);
        pages.MapPost("/marks/decide-many", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var lang = Html.LangOf(context);
            var title = lang.T("符号汇总审核");
            var chosen = ReviewPages.Ticked(form, "boxes");
            if (chosen.Count is 0 or > MaxBoxesAtOnce)
            {
                return Html.Problem(context, af, title, lang.T("请勾选要记录的选框（一次最多 {0} 个）。", MaxBoxesAtOnce), "/marks");
            }

            // The symbol by its defined name only (circle, cross, check, blank, other), as the sheet page's buttons send it.
            if (!EnumNames.TryParse<MarkSymbol>(form["symbol"].ToString(), out var symbol))
            {
                return Html.Problem(context, af, title, lang.T("请选择勾选的各框是什么符号：○、×、√、空白或其他。"), "/marks");
            }

            return ReviewPages.DecideEach(context, af, chosen, c => ReviewPages.TryDecide(context, station, new Adjudication
            {
                Sheet = c.Sheet,
                Kind = AdjudicationKind.Box,
                BoxId = c.Box,
                Symbol = symbol,
                Scrutineer = string.Empty,
                Reason = "核对图像：符号汇总审核",
            }), title, "/marks", "框");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
    }

    /// <summary>
    /// The boxes that wait for a person for the mark alone, in reading order: every need of the box is one of
    /// <see cref="MarkAlone"/> (the count already leaves out a box whose decision stands), and no decision on it awaits its
    /// second scrutineer.
    /// </summary>
    internal static IReadOnlyList<(string Sheet, string Box)> Waiting(CountingStation station)
    {
        var awaiting = station.Results.Decisions().Where(d => d.AwaitingConfirmation && d.Decision.Symbol is not null).Select(d => (d.Decision.Sheet, d.Decision.BoxId)).ToHashSet();
        return [.. station.Results.Count().Result.ReviewList.SelectMany(r => r.Items.Select(WaitingItem.Parse)
                .Where(i => i.BoxId is not null && i.Needs.All(n => n.Need == WaitingNeed.Reasons && n.Reasons.All(MarkAlone.Contains)))
                .Select(i => (r.Sheet, Box: i.BoxId!)))
            .Where(b => !awaiting.Contains(b))];
    }

    private static IResult Page(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Html.LangOf(context);
        var read = Waiting(station).GroupBy(b => b.Sheet).SelectMany(sheetBoxes =>
        {
            var readings = station.Reading.Interpretation(sheetBoxes.Key)?.Positions.ToDictionary(p => p.BoxId, StringComparer.Ordinal);
            return sheetBoxes.Select(b => (b.Box, Reading: readings?.GetValueOrDefault(b.Box))).Where(b => b.Reading is not null).Select(b =>
            {
                var p = b.Reading!;
                var why = string.Join(lang.T("，"), p.Reasons.Select(r => Words.ReasonText(lang, r)).Concat(p.Guards.Select(g => Words.GuardText(lang, g))));
                return (p.Symbol, p.Confidence, Cell: new MarkCell(sheetBoxes.Key, b.Box, Words.Box(lang, station.Layout, station.Definition, b.Box), $"{ReviewPages.Glyph(lang, p.Symbol)} {N(p.Confidence * 100, "0")}%", why));
            });
        }).ToLookup(c => c.Symbol);

        // ○ first (most of them), then ×, √, the marks read as none of these, and blanks; in each, the surest reading first
        // (alike marks side by side, to be ticked in a run; equal ones in reading order), at most a page's worth at a time.
        MarkSymbol[] order = [MarkSymbol.Circle, MarkSymbol.Cross, MarkSymbol.Check, MarkSymbol.Other, MarkSymbol.Blank];
        var shown = order.Where(read.Contains)
            .Select(s => new MarkGroup(EnumNames.Name(s), ReviewPages.Glyph(lang, s), read[s].Count(), [.. read[s].OrderByDescending(c => c.Confidence).Take(MaxShownPerGroup).Select(c => c.Cell)])).ToList();
        return Component<Components.MarkReviewPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.MarkReviewPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.MarkReviewPage.Groups)] = shown,
            [nameof(Components.MarkReviewPage.CanDecide)] = context.IsIn(StationRole.Scrutineer),
        });
    }
}

/// <summary>The boxes waiting for the mark alone that the machine read as one symbol.</summary>
/// <param name="Symbol">The symbol's defined name (for the page's anchors and the form's default).</param>
/// <param name="Glyph">The symbol as shown (○ × √ ? 空).</param>
/// <param name="Total">How many boxes the group has (the page shows the first <see cref="MarkReviewPages.MaxShownPerGroup"/>).</param>
/// <param name="Cells">The boxes shown, the machine's surest reading first.</param>
public sealed record MarkGroup(string Symbol, string Glyph, int Total, IReadOnlyList<MarkCell> Cells);

/// <summary>One box waiting for the mark alone.</summary>
/// <param name="Sheet">The sheet's id.</param>
/// <param name="Box">The box's id (for the form and the crop's address).</param>
/// <param name="BoxName">The box in words, as printed (职位 候选人).</param>
/// <param name="Reading">What the machine read, with its confidence.</param>
/// <param name="Why">Why it was sent to a person, in words (the reasons and the symbol guards that fired).</param>
public sealed record MarkCell(string Sheet, string Box, string BoxName, string Reading, string Why);
