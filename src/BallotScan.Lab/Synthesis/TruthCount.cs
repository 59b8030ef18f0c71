using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Synthesis;

/// <summary>
/// The generator's truth put through the count: the result a perfect reader and perfect scrutineers would reach, and the
/// decisions careful scrutineers would make on what the machine sent them. For tests, the demo and evaluations only: at a
/// real count there is no truth, and decisions come from people looking at the images.
/// </summary>
public static class TruthCount
{
    private const string Scrutineer = "demo scrutineer (decides from the generator's truth)";

    /// <summary>The count of the ballots in <paramref name="truths"/> as they were meant (each paper once).</summary>
    public static CountResult Run(ElectionDefinition definition, BallotLayout layout, IEnumerable<SheetTruth> truths, MeetingFigures figures)
    {
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(layout);
        var ballots = truths.Where(t => t.Kind == SheetKind.Ballot).ToList();
        var layoutBoxes = Boxes(layout);
        var sheets = ballots.Select(t => new SheetInterpretation
        {
            Source = t.File,
            Sha256 = t.Sha256,
            Accepted = true,
            ElectionId = t.ElectionId,
            Page = t.Page,
            Positions = t.Boxes.Select(b => new PositionReading(b.BoxId, layoutBoxes[b.BoxId].ContestId, layoutBoxes[b.BoxId].Kind,
                b.Symbol, 1, DecisionBand.Confident, [], [], [], [], 1, null, false)).ToList(),
        }).ToList();
        var names = ballots.SelectMany(t => t.Boxes.Where(b => b.WriteInName is not null).Select(b => Decision(t.Sha256, AdjudicationKind.WriteIn, b.BoxId, null, b.WriteInName))).ToList();
        return ElectionCount.Run(definition, layout, sheets, names, figures);
    }

    /// <summary>For every sheet the machine could not settle, what careful scrutineers looking at it would decide.</summary>
    public static IReadOnlyList<Adjudication> Scrutinise(IEnumerable<SheetInterpretation> sheets, IReadOnlyDictionary<string, SheetTruth> truthBySha256, BallotLayout layout)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(layout);
        var layoutBoxes = Boxes(layout);
        ArgumentNullException.ThrowIfNull(truthBySha256);
        var decisions = new List<Adjudication>();
        foreach (var sheet in sheets)
        {
            if (sheet.Sha256 is null || !truthBySha256.TryGetValue(sheet.Sha256, out var truth) || sheet.SheetReasons.Contains(ReviewReason.Duplicate))
            {
                continue;
            }

            var id = sheet.SheetId;
            if (truth.Kind is SheetKind.Rescan or SheetKind.LayoutMismatch or SheetKind.UnknownPage && sheet.NeedsReview)
            {
                decisions.Add(Decision(id, AdjudicationKind.Sheet, null, null, null, SheetDecision.NotCounted,
                    truth.Kind == SheetKind.Rescan ? "the same paper scanned again" : "not a ballot printed for this count"));
                continue;
            }

            if (truth.Kind != SheetKind.Ballot || !sheet.NeedsReview)
            {
                continue;
            }

            var boxes = truth.Boxes.ToDictionary(b => b.BoxId, StringComparer.Ordinal);
            if (!sheet.Accepted || sheet.SheetReasons.Count > 0)
            {
                decisions.Add(Decision(id, AdjudicationKind.Sheet, null, null, null, SheetDecision.Count, sheet.Accepted ? "checked the readings on the image" : "the ballot is read by hand, box by box"));
            }

            var toDecide = sheet.Accepted
                ? sheet.Positions.Where(p => p.Band == DecisionBand.Review).Select(p => (p.BoxId, p.Kind))
                : truth.Boxes.Select(b => (b.BoxId, layoutBoxes[b.BoxId].Kind));
            foreach (var (boxId, kind) in toDecide)
            {
                var box = boxes[boxId];
                decisions.Add(kind == BoxKind.WriteIn
                    ? Decision(id, AdjudicationKind.WriteIn, boxId, box.Symbol, box.WriteInName ?? string.Empty)
                    : Decision(id, AdjudicationKind.Box, boxId, box.Symbol, null));
            }
        }

        return decisions;
    }

    /// <summary>
    /// The true count as the counters would write it, with one mistake: on one ballot, a ○ for a candidate called as ×.
    /// The ballot chosen is one whose mark there the scrutineers decided, or failing that the machine was least sure of:
    /// where a hand count most often goes wrong.
    /// </summary>
    public static (List<TallyLine> Lines, string Sheet) HandTallyWithOneMistake(CountResult truth, IReadOnlyList<CastVoteRecord> records)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(records);
        var (sheet, contest, mark) = records.Where(r => r.Status == SheetStatus.Counted)
            .SelectMany(r => r.Contests.Where(c => c.Status == ContestStatus.Valid).SelectMany(c => c.Candidates.Where(m => m.Vote == Vote.Approve).Select(m => (r.Sheet, c.ContestId, m))))
            .OrderByDescending(x => x.m.Source == VoteSource.Adjudicated).ThenByDescending(x => Reconciler.Doubt(x.m)).First();
        var lines = ResultLines.Of(truth.Adjudicated).Select(l => l.Contest == contest && l.Name == mark.Candidate
            ? l.Kind switch { LineKind.Approve => l with { Count = l.Count - 1 }, LineKind.Disapprove => l with { Count = l.Count + 1 }, _ => l }
            : l).ToList();
        return (lines, sheet);
    }

    private static Dictionary<string, MarkingBox> Boxes(BallotLayout layout) => layout.Pages.SelectMany(p => p.Boxes).ToDictionary(b => b.Id, StringComparer.Ordinal);

    internal static Adjudication Decision(string sheet, AdjudicationKind kind, string? boxId, MarkSymbol? symbol, string? name, SheetDecision? sheetDecision = null, string reason = "as seen on the image") => new()
    {
        Sheet = sheet,
        Kind = kind,
        BoxId = boxId,
        Symbol = symbol,
        WriteInName = name,
        SheetDecision = sheetDecision,
        Scrutineer = Scrutineer,
        Reason = reason,
    };
}
