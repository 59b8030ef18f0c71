using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Audit;

/// <summary>One place where today's reader reads an archived sheet differently from the reading that was counted.</summary>
/// <param name="Sheet">The sheet id.</param>
/// <param name="Box">The box (or "sheet" for the sheet as a whole).</param>
/// <param name="Counted">What the archived reading said.</param>
/// <param name="Today">What today's reader says.</param>
public sealed record ReadingChange(string Sheet, string Box, string Counted, string Today);

/// <summary>
/// Compares an archived reading with today's reading of the same image: the certified result is never changed, but an
/// auditor sees every sheet a newer reader would read otherwise.
/// </summary>
public static class Reread
{
    public static IReadOnlyList<ReadingChange> Compare(SheetInterpretation counted, SheetInterpretation today)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(today);
        var changes = new List<ReadingChange>();
        static string SheetState(SheetInterpretation s) => s.Accepted ? "placed" + (s.SheetReasons.Count > 0 ? $" ({string.Join(", ", s.SheetReasons)})" : string.Empty) : $"not placed ({string.Join(", ", s.SheetReasons)})";
        if (SheetState(counted) != SheetState(today))
        {
            changes.Add(new ReadingChange(counted.SheetId, "sheet", SheetState(counted), SheetState(today)));
        }

        static string Position(PositionReading? p) => p is null ? "not read" : $"{p.Symbol} {(p.Band == DecisionBand.Confident ? "confident" : "review: " + string.Join(", ", p.Reasons))}";
        var now = today.Positions.ToDictionary(p => p.BoxId, StringComparer.Ordinal);
        foreach (var before in counted.Positions)
        {
            now.TryGetValue(before.BoxId, out var after);
            if (Position(before) != Position(after))
            {
                changes.Add(new ReadingChange(counted.SheetId, before.BoxId, Position(before), Position(after)));
            }
        }

        foreach (var extra in today.Positions.Where(p => counted.Positions.All(c => c.BoxId != p.BoxId)))
        {
            changes.Add(new ReadingChange(counted.SheetId, extra.BoxId, "not read", Position(extra)));
        }

        return changes;
    }
}
