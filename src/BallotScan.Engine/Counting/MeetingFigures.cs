namespace BallotScan.Engine.Counting;

/// <summary>
/// The figures of the meeting that the rules count against, taken from the meeting's own record (they are on the result
/// report): any may be unknown, and a check that needs an unknown figure says so instead of guessing.
/// </summary>
public sealed record MeetingFigures
{
    /// <summary>应到人数: members due to attend (party), or registered voters (villagers' committee).</summary>
    public int? Due { get; init; }

    /// <summary>实到人数: present at the meeting.</summary>
    public int? Present { get; init; }

    /// <summary>发出选票: ballots handed out.</summary>
    public int? Issued { get; init; }

    /// <summary>收回选票: ballots found in the box, counted by hand before the tally.</summary>
    public int? Returned { get; init; }

    /// <summary>参加投票的人数: those who voted (when not given, the ballots returned).</summary>
    public int? Voted { get; init; }
}
