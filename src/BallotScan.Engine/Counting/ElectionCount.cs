using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Counting;

/// <summary>Something on a sheet that waits for the scrutineers.</summary>
/// <param name="Sheet">The sheet id.</param>
/// <param name="Source">The image file.</param>
/// <param name="Items">What waits: "sheet: …" or "box id: reasons".</param>
public sealed record ReviewItem(string Sheet, string? Source, IReadOnlyList<string> Items);

/// <summary>A whole count: every sheet's record, the tally from the machine alone and with the scrutineers' decisions, and what still waits.</summary>
public sealed record CountResult(
    IReadOnlyList<CastVoteRecord> Records,
    ElectionTally MachineOnly,
    ElectionTally Adjudicated,
    IReadOnlyList<ReviewItem> ReviewList,
    int Decisions);

/// <summary>Counts an election from its sheet readings and the scrutineers' decisions: one call, no I/O.</summary>
public static class ElectionCount
{
    public static CountResult Run(ElectionDefinition definition, BallotLayout layout, IReadOnlyList<SheetInterpretation> sheets, IReadOnlyList<Adjudication> decisions, MeetingFigures figures)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(decisions);
        var counter = new BallotCounter(definition, layout);
        var bySheet = decisions.GroupBy(d => d.Sheet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<Adjudication>)g.ToList(), StringComparer.Ordinal);
        var machine = Records(counter, sheets, _ => []);
        var adjudicated = Records(counter, sheets, id => bySheet.GetValueOrDefault(id) ?? []);
        var review = adjudicated.Where(r => r.Status == SheetStatus.Pending).Select(r => new ReviewItem(r.Sheet, r.Source, r.Waiting)).ToList();
        return new CountResult(
            adjudicated,
            Tallying.Tally(definition, machine, figures, adjudicated: false),
            Tallying.Tally(definition, adjudicated, figures, adjudicated: true),
            review,
            decisions.Count);
    }

    /// <summary>One record per sheet; the same sheet id a second time (the same file imported again) is not counted twice.</summary>
    private static List<CastVoteRecord> Records(BallotCounter counter, IReadOnlyList<SheetInterpretation> sheets, Func<string, IReadOnlyList<Adjudication>> decisions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var records = new List<CastVoteRecord>(sheets.Count);
        foreach (var sheet in sheets)
        {
            var record = counter.Count(sheet, decisions(sheet.SheetId));
            if (!seen.Add(sheet.SheetId) && record.Status != SheetStatus.NotCounted)
            {
                record = record with { Status = SheetStatus.NotCounted, StatusReason = new SheetStanding(StandingReason.SameImageFile).Format(), Contests = [] };
            }

            records.Add(record);
        }

        return records;
    }
}
