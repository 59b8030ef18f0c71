using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Counting;

/// <summary>
/// One post in one round (轮次): its seats, how many the round filled and the rule it was decided by (过半数 in the first
/// round, 不少于三分之一 in a 另行选举).
/// </summary>
/// <param name="ContestId">The contest.</param>
/// <param name="Post">职务.</param>
/// <param name="Seats">应选: the seats this round was to fill.</param>
/// <param name="Filled">当选: the seats it filled.</param>
/// <param name="Rule">当选条件 (null when the election itself is void).</param>
public sealed record RoundPost(string ContestId, string Post, int Seats, int Filled, SeatRule? Rule);

/// <summary>
/// One round of an election (第一轮, 另行选举) as the last round's report lists them all (各轮当选情况): who it elected, post by
/// post, and the archive that holds its ballots.
/// </summary>
/// <param name="Round">1 for the first vote, 2 and on for each 另行选举.</param>
/// <param name="ElectionId">This round's election id.</param>
/// <param name="FirstRound">The first round's election id (the same as <paramref name="ElectionId"/> for the first round).</param>
/// <param name="Date">The round's date.</param>
/// <param name="Valid">Whether the round's vote was valid (选举有效).</param>
/// <param name="ArchiveRoot">The Merkle root of the round's archive, where known.</param>
/// <param name="Posts">Each post's seats and rule.</param>
/// <param name="Elected">Who the round elected, with their facts.</param>
public sealed record RoundOutcome(int Round, string ElectionId, string FirstRound, DateOnly Date, bool Valid, string? ArchiveRoot, IReadOnlyList<RoundPost> Posts, IReadOnlyList<ElectedPerson> Elected);

/// <summary>Why a count cannot be listed among the rounds of an election.</summary>
public enum RoundsProblemCode
{
    /// <summary>The count is of another election (its first round is not this one's).</summary>
    AnotherElection,

    /// <summary>The count's round is not before the round being counted.</summary>
    NotAnEarlierRound,

    /// <summary>Two counts of the same round were given.</summary>
    SameRoundTwice,
}

/// <summary>A count that cannot be listed among the rounds, with the election and round it is of.</summary>
public sealed record RoundsProblem(RoundsProblemCode Code, string ElectionId, int Round);

/// <summary>The rounds of one election put side by side: the first vote and each 另行选举 after it.</summary>
public static class ElectionRounds
{
    /// <summary>The round <paramref name="tally"/> counted, from its definition.</summary>
    public static RoundOutcome Of(ElectionDefinition definition, ElectionTally tally, string? archiveRoot)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tally);
        return new RoundOutcome(definition.RoundNumber ?? 1, definition.Id, definition.FirstRound ?? definition.Id, definition.Date, tally.ElectionValid, archiveRoot,
            [.. tally.Contests.Select(c => new RoundPost(c.ContestId, c.Title, c.Seats, c.Outcome?.Elected.Count ?? 0, c.Outcome?.Rule))],
            ElectedPeople.Of(definition, tally));
    }

    /// <summary>Why some of <paramref name="earlier"/> are not earlier rounds of <paramref name="current"/>'s election; none when all are.</summary>
    public static IReadOnlyList<RoundsProblem> Problems(ElectionDefinition current, IReadOnlyList<RoundOutcome> earlier)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Problems(current.RoundNumber ?? 1, current.FirstRound ?? current.Id, earlier);
    }

    /// <summary>
    /// Every round in order, <paramref name="earlier"/> and then <paramref name="current"/>; or, when one of
    /// <paramref name="earlier"/> is not an earlier round of the same election, why.
    /// </summary>
    public static (IReadOnlyList<RoundOutcome> Rounds, IReadOnlyList<RoundsProblem> Problems) Together(RoundOutcome current, IReadOnlyList<RoundOutcome> earlier)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = Problems(current.Round, current.FirstRound, earlier);
        return problems.Count > 0 ? ([], problems) : ([.. earlier.OrderBy(r => r.Round), current], []);
    }

    private static List<RoundsProblem> Problems(int round, string firstRound, IReadOnlyList<RoundOutcome> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var problems = new List<RoundsProblem>();
        foreach (var r in earlier)
        {
            if (r.FirstRound != firstRound)
            {
                problems.Add(new RoundsProblem(RoundsProblemCode.AnotherElection, r.ElectionId, r.Round));
            }
            else if (r.Round >= round)
            {
                problems.Add(new RoundsProblem(RoundsProblemCode.NotAnEarlierRound, r.ElectionId, r.Round));
            }
        }

        problems.AddRange(earlier.GroupBy(r => r.Round).Where(g => g.Count() > 1).Select(g => new RoundsProblem(RoundsProblemCode.SameRoundTwice, g.First().ElectionId, g.Key)));
        return problems;
    }
}
