using System.Text.Json.Serialization;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Counting;

/// <summary>A voter's choice on one candidate, after the rules.</summary>
public enum Vote
{
    /// <summary>赞成 (○).</summary>
    Approve,

    /// <summary>不赞成 (×).</summary>
    Disapprove,

    /// <summary>弃权 (no mark).</summary>
    Abstain,

    /// <summary>无效: this part of the ballot is void (a mark that is not a valid symbol, or cannot be read).</summary>
    Void,
}

/// <summary>Where a counted choice comes from.</summary>
public enum VoteSource
{
    /// <summary>The machine's confident reading.</summary>
    Machine,

    /// <summary>A scrutineer's decision (the machine's reading stays on record beside it).</summary>
    Adjudicated,
}

/// <summary>How a sheet stands in the count.</summary>
public enum SheetStatus
{
    /// <summary>A ballot of this election, counted (some of its contests may still be void by the rules).</summary>
    Counted,

    /// <summary>A ballot of this election, void as a whole (废票): counted as returned and void, for no candidate.</summary>
    Void,

    /// <summary>Waits for the scrutineers: not in any figure until they decide.</summary>
    Pending,

    /// <summary>Not a ballot to count: another election, not a ballot, or the same file or paper again.</summary>
    NotCounted,
}

/// <summary>How one contest on one ballot stands.</summary>
public enum ContestStatus
{
    Valid,

    /// <summary>More approved than seats (多选): void by the over-vote rule.</summary>
    OverVote,

    /// <summary>The whole ballot is void (by an over-vote elsewhere with the whole-ballot setting, or a scrutineer's decision).</summary>
    BallotVoid,

    /// <summary>Waits for a decision on this ballot.</summary>
    Pending,
}

/// <summary>One listed candidate's box on one ballot, read and counted.</summary>
/// <param name="Candidate">The candidate's name.</param>
/// <param name="BoxId">The box.</param>
/// <param name="Read">What the machine read.</param>
/// <param name="Confidence">The machine's confidence in that reading.</param>
/// <param name="Symbol">The symbol counted: the machine's, or the scrutineers' decision.</param>
/// <param name="Vote">What it counts as under the rules.</param>
/// <param name="Source">Machine or adjudicated.</param>
/// <param name="Probabilities">The machine's probability of each symbol (for tracing a difference).</param>
public sealed record CandidateMark(string Candidate, string BoxId, MarkSymbol Read, double Confidence, MarkSymbol Symbol, Vote Vote, VoteSource Source, IReadOnlyList<double> Probabilities);

/// <summary>One write-in cell (另选他人) on one ballot.</summary>
/// <param name="BoxId">The cell's box.</param>
/// <param name="Name">The name written, as the scrutineers read it (null when none).</param>
/// <param name="Symbol">The symbol in its box, as counted.</param>
/// <param name="Vote">What it counts as: Approve for <see cref="Name"/>, Abstain (nothing), or Void.</param>
/// <param name="CountedFor">When the name is a listed candidate of the contest and the rule counts it for them: that candidate.</param>
/// <param name="Source">Machine or adjudicated.</param>
public sealed record WriteInMark(string BoxId, string? Name, MarkSymbol Symbol, Vote Vote, string? CountedFor, VoteSource Source);

/// <summary>One contest on one ballot.</summary>
public sealed record ContestRecord(string ContestId, ContestStatus Status, int Approvals, IReadOnlyList<CandidateMark> Candidates, IReadOnlyList<WriteInMark> WriteIns);

/// <summary>
/// The cast-vote record of one sheet (JSON): how it stands, and for each contest what each box counts as and whether that
/// comes from the machine or a scrutineer. Every figure of the tally is a count over these records.
/// </summary>
/// <param name="Sheet">The sheet: its image's SHA-256.</param>
/// <param name="Source">The image file it was read from.</param>
/// <param name="Status">How it stands in the count.</param>
/// <param name="StatusReason">Why it stands so, as the record keeps it (<see cref="SheetStanding.Format"/>; <see cref="Standing"/> reads it); null for a ballot counted as read.</param>
/// <param name="Contests">Each contest on it, box by box.</param>
/// <param name="Waiting">What it waits for (<see cref="WaitingItem"/>), while it does.</param>
public sealed record CastVoteRecord(
    string Sheet,
    string? Source,
    SheetStatus Status,
    string? StatusReason,
    IReadOnlyList<ContestRecord> Contests,
    IReadOnlyList<string> Waiting)
{
    /// <summary>Why the sheet stands as it does, as a code and its values (null for a ballot counted as read); not kept apart in the JSON.</summary>
    [JsonIgnore]
    public SheetStanding? Standing => StatusReason is null ? null : SheetStanding.Parse(StatusReason);
}
