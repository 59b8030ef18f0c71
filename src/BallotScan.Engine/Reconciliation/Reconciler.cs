using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Reconciliation;

/// <summary>Why a sheet is suspected of explaining a difference: a code, with its parameters on the <see cref="Suspect"/>.</summary>
public enum SuspectReason
{
    /// <summary>The candidate's part of this ballot was counted void (<see cref="Suspect.BoxId"/>, <see cref="Suspect.Symbol"/>).</summary>
    VoidPart,

    /// <summary>A write-in cell's name, counted as <see cref="Suspect.Vote"/>.</summary>
    WriteIn,

    /// <summary>A mark in a write-in cell with no name.</summary>
    WriteInWithoutName,

    /// <summary>A sheet void, not counted or waiting: <see cref="Suspect.Status"/> and <see cref="Suspect.Details"/>.</summary>
    SheetStanding,

    /// <summary>Still waiting for the scrutineers: <see cref="Suspect.Details"/> are the items.</summary>
    Waiting,

    /// <summary>The contest is void on this ballot (<see cref="Suspect.ContestStatus"/>); a hand count may have counted the mark.</summary>
    ContestVoid,

    /// <summary>The scrutineers decided the box as <see cref="Suspect.Symbol"/>; the machine read <see cref="Suspect.Read"/>.</summary>
    Decided,

    /// <summary>The machine read the box as <see cref="Suspect.Read"/> at <see cref="Suspect.Confidence"/>.</summary>
    Read,
}

/// <summary>A sheet that may explain a difference, and why it is suspected: a code and its parameters (the edges say it in words).</summary>
public sealed record Suspect(string Sheet, string? Source, SuspectReason Reason)
{
    public string? BoxId { get; init; }

    /// <summary>The box's symbol as counted (or decided).</summary>
    public MarkSymbol? Symbol { get; init; }

    /// <summary>The machine's reading of the box.</summary>
    public MarkSymbol? Read { get; init; }

    public double? Confidence { get; init; }

    /// <summary>A written-in name.</summary>
    public string? Name { get; init; }

    public Vote? Vote { get; init; }

    public SheetStatus? Status { get; init; }

    public ContestStatus? ContestStatus { get; init; }

    /// <summary>The sheet's standing (<see cref="CastVoteRecord.StatusReason"/>), or what it waits for (<see cref="CastVoteRecord.Waiting"/>).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
}

/// <summary>One line where the hand count and the machine count differ, with the sheets most likely behind it (most likely first).</summary>
/// <param name="Line">What is counted.</param>
/// <param name="Hand">The hand count (null: the line is not in the hand tally).</param>
/// <param name="Machine">The machine count (null: the machine has no such line, e.g. a write-in name it did not see).</param>
/// <param name="Suspects">The sheets to look at first.</param>
public sealed record Difference(TallyLine Line, int? Hand, int? Machine, IReadOnlyList<Suspect> Suspects)
{
    /// <summary>Hand minus machine (a missing side counts as 0).</summary>
    public int Delta => (Hand ?? 0) - (Machine ?? 0);
}

/// <summary>The comparison of the hand count with the machine count, line by line.</summary>
/// <param name="LinesCompared">How many lines were compared.</param>
/// <param name="Differences">Every line that differs.</param>
public sealed record ReconciliationReport(int LinesCompared, IReadOnlyList<Difference> Differences)
{
    public bool Agrees => Differences.Count == 0;
}

/// <summary>
/// Compares the hand tally with the machine's (adjudicated) tally line by line, and for each difference lists the sheets
/// most likely to explain it: readings the scrutineers decided first, then the machine's least certain readings that,
/// read otherwise, would move the count towards the hand's.
/// </summary>
public static class Reconciler
{
    public static ReconciliationReport Compare(IReadOnlyList<TallyLine> hand, ElectionTally machine, IReadOnlyList<CastVoteRecord> records, RuleProfile rules)
    {
        ArgumentNullException.ThrowIfNull(hand);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rules);
        var machineLines = ResultLines.Of(machine).ToDictionary(l => l.Key);
        var handLines = hand.ToDictionary(l => l.Key);
        var differences = new List<Difference>();
        var compared = 0;
        // Every line of the hand tally; and the machine's other lines of the kinds the hand tally carries (a write-in name the
        // counters did not list is a difference; a figure they left out altogether is not compared).
        var kinds = hand.Select(l => l.Kind).ToHashSet();
        var keys = hand.Select(l => l.Key).Concat(machineLines.Keys.Where(k => kinds.Contains(k.Item1) && !handLines.ContainsKey(k)));
        foreach (var key in keys)
        {
            compared++;
            int? h = handLines.TryGetValue(key, out var hl) ? hl.Count : null;
            int? m = machineLines.TryGetValue(key, out var ml) ? ml.Count : null;
            if ((h ?? 0) == (m ?? 0))
            {
                continue;
            }

            var line = hl ?? ml!;
            var delta = (h ?? 0) - (m ?? 0);
            differences.Add(new Difference(line, h, m, Suspects(line, delta, records, rules).Take(Math.Max(8, 3 * Math.Abs(delta))).ToList()));
        }

        return new ReconciliationReport(compared, differences);
    }

    private static IEnumerable<Suspect> Suspects(TallyLine line, int delta, IReadOnlyList<CastVoteRecord> records, RuleProfile rules)
    {
        switch (line.Kind)
        {
            case LineKind.Approve or LineKind.Disapprove or LineKind.Abstain:
                return CandidateSuspects(line, delta, records, rules);
            case LineKind.CandidateVoid:
                // The ballots on which this candidate's part was counted void, then those still waiting.
                return records.SelectMany(r => r.Contests.Where(c => c.ContestId == line.Contest && c.Status == ContestStatus.Valid)
                        .SelectMany(c => c.Candidates).Where(m => m.Candidate == line.Name && m.Vote == Vote.Void)
                        .Select(m => new Suspect(r.Sheet, r.Source, SuspectReason.VoidPart) { BoxId = m.BoxId, Symbol = m.Symbol }))
                    .Concat(Unsettled(records));
            case LineKind.WriteIn:
                return records.SelectMany(r => r.Contests.Where(c => c.ContestId == line.Contest).SelectMany(c => c.WriteIns)
                        .Where(w => w.Name is not null || w.Vote == Vote.Void)
                        .Select(w => new Suspect(r.Sheet, r.Source, w.Name is null ? SuspectReason.WriteInWithoutName : SuspectReason.WriteIn) { BoxId = w.BoxId, Name = w.Name, Vote = w.Vote }))
                    .Concat(Unsettled(records));
            default:
                // Ballot figures: the sheets whose standing is not plain.
                return records.Where(r => r.Status is SheetStatus.Void or SheetStatus.NotCounted)
                    .Select(r => new Suspect(r.Sheet, r.Source, SuspectReason.SheetStanding) { Status = r.Status, Details = [r.StatusReason ?? string.Empty] })
                    .Concat(Unsettled(records));
        }
    }

    private static IEnumerable<Suspect> Unsettled(IReadOnlyList<CastVoteRecord> records) =>
        records.Where(r => r.Status == SheetStatus.Pending).Select(r => new Suspect(r.Sheet, r.Source, SuspectReason.Waiting) { Details = r.Waiting });

    /// <summary>
    /// For a candidate's line: when the hand has more, the sheets the machine counted otherwise, ranked by how likely the mark
    /// is what the hand saw; when the hand has fewer, the sheets the machine counted so, least certain first. Decided readings
    /// and over-voted contests (which a hand count may have counted) go first.
    /// </summary>
    /// <summary>
    /// How open a mark is to being read otherwise, 0 to 2: a scrutineer's decision against the machine's reading, then the
    /// machine's own doubt (1 − its confidence).
    /// </summary>
    public static double Doubt(CandidateMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return (mark.Source == VoteSource.Adjudicated && mark.Symbol != mark.Read ? 1 : 0) + (1 - mark.Confidence);
    }

    private static IEnumerable<Suspect> CandidateSuspects(TallyLine line, int delta, IReadOnlyList<CastVoteRecord> records, RuleProfile rules)
    {
        var vote = line.Kind switch { LineKind.Approve => Vote.Approve, LineKind.Disapprove => Vote.Disapprove, _ => Vote.Abstain };
        var symbols = vote switch
        {
            Vote.Approve => rules.CheckMark == CheckMarkMeaning.Approve ? [MarkSymbol.Circle, MarkSymbol.Check] : new[] { MarkSymbol.Circle },
            Vote.Disapprove => [MarkSymbol.Cross],
            _ => [MarkSymbol.Blank],
        };
        var candidates = new List<(double Rank, Suspect Suspect)>();
        foreach (var record in records)
        {
            foreach (var contest in record.Contests.Where(c => c.ContestId == line.Contest))
            {
                var mark = contest.Candidates.FirstOrDefault(c => c.Candidate == line.Name);
                if (mark is null)
                {
                    continue;
                }

                if (contest.Status != ContestStatus.Valid)
                {
                    candidates.Add((2, new Suspect(record.Sheet, record.Source, SuspectReason.ContestVoid) { ContestStatus = contest.Status, BoxId = mark.BoxId, Symbol = mark.Symbol }));
                    continue;
                }

                var counted = mark.Vote == vote;
                if (counted == delta > 0)
                {
                    continue; // the hand has more: look at sheets not counted so; fewer: at sheets counted so
                }

                var likelihood = mark.Probabilities.Count == 5 ? symbols.Sum(s => mark.Probabilities[(int)s]) : 0;
                var rank = mark.Source == VoteSource.Adjudicated ? 2 + Doubt(mark) : delta > 0 ? likelihood : Doubt(mark);
                candidates.Add((rank, new Suspect(record.Sheet, record.Source, mark.Source == VoteSource.Adjudicated ? SuspectReason.Decided : SuspectReason.Read)
                {
                    BoxId = mark.BoxId, Symbol = mark.Symbol, Read = mark.Read, Confidence = mark.Confidence,
                }));
            }
        }

        return candidates.OrderByDescending(c => c.Rank).Select(c => c.Suspect).Concat(Unsettled(records));
    }
}
