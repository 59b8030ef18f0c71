using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Counting;

/// <summary>What a scrutineer's decision is about.</summary>
public enum AdjudicationKind
{
    /// <summary>What the mark in one box is (a symbol, which the rules then turn into a vote).</summary>
    Box,

    /// <summary>The name written in a write-in cell (另选他人), read from the image; it may also say what the cell's box holds.</summary>
    WriteIn,

    /// <summary>The sheet as a whole: counted, void, or not a ballot to count.</summary>
    Sheet,
}

/// <summary>A scrutineer's decision on a whole sheet.</summary>
public enum SheetDecision
{
    /// <summary>Count the sheet as read, with the box decisions (e.g. a skewed sheet whose readings the scrutineers checked).</summary>
    Count,

    /// <summary>The ballot is void as a whole (废票): e.g. a signature or remark where the local rule voids it.</summary>
    Void,

    /// <summary>Not a ballot to count: the same paper scanned again, or not a ballot of this election.</summary>
    NotCounted,
}

/// <summary>
/// One decision of the scrutineers (监票人) about one sheet: who decided, what and why. Decisions are added beside the
/// machine's reading and never change it; when there are several about the same thing, the latest counts and the others stay
/// on record.
/// </summary>
public sealed record Adjudication
{
    /// <summary>The sheet (<see cref="SheetInterpretation.SheetId"/>).</summary>
    public required string Sheet { get; init; }

    public required AdjudicationKind Kind { get; init; }

    /// <summary>The box (for <see cref="AdjudicationKind.Box"/> and <see cref="AdjudicationKind.WriteIn"/>).</summary>
    public string? BoxId { get; init; }

    /// <summary>What the box holds, as the scrutineers read it.</summary>
    public MarkSymbol? Symbol { get; init; }

    /// <summary>For a write-in: the name written, as read from the image; empty when no name is written.</summary>
    public string? WriteInName { get; init; }

    /// <summary>For a sheet decision.</summary>
    public SheetDecision? SheetDecision { get; init; }

    /// <summary>The scrutineer who decided (监票人).</summary>
    public required string Scrutineer { get; init; }

    /// <summary>Why, in the scrutineer's words.</summary>
    public required string Reason { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>A file of decisions, as written by the station or by hand.</summary>
public sealed record AdjudicationFile
{
    public const string CurrentSchema = "ballotscan/adjudications/1";

    public string Schema { get; init; } = CurrentSchema;

    public string? ElectionId { get; init; }

    public IReadOnlyList<Adjudication> Decisions { get; init; } = [];
}

/// <summary>Rules about the scrutineers' decisions, pure functions of the reading and the decision.</summary>
public static class Adjudications
{
    /// <summary>
    /// Whether a decision changes what would be counted without it: a box read otherwise than the machine's most likely
    /// symbol, a name written in (a vote for someone), a ballot voided or set aside, a sheet the machine could not place
    /// counted, or a possible rescan counted.
    /// </summary>
    public static bool ChangesACount(SheetInterpretation sheet, Adjudication decision)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Kind switch
        {
            AdjudicationKind.Box => sheet.Positions.FirstOrDefault(p => p.BoxId == decision.BoxId)?.Symbol != decision.Symbol,
            AdjudicationKind.WriteIn => !string.IsNullOrWhiteSpace(decision.WriteInName),
            // Counting a sheet flagged as a possible rescan may count one paper twice: that too needs a second scrutineer.
            _ => decision.SheetDecision != SheetDecision.Count || !sheet.Accepted || sheet.SheetReasons.Contains(ReviewReason.PossibleRescan),
        };
    }
}
