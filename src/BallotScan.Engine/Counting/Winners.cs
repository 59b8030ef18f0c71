using System.Text.Json.Serialization;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Counting;

/// <summary>What the base of a seat rule counts.</summary>
public enum SeatRuleBase
{
    /// <summary>参加投票的人数: those who voted.</summary>
    Voted,

    /// <summary>实到会人数: those present.</summary>
    Present,

    /// <summary>应到会有选举权的人数: those due to attend.</summary>
    DueToAttend,

    /// <summary>A 另行选举: the most approvals win, but no fewer than a share of those who voted.</summary>
    SupplementaryVoted,
}

/// <summary>What a person needs to be elected in one contest: a share of a base, reached or exceeded.</summary>
/// <param name="Counts">What the base counts (the rule's code; its words are <see cref="Description"/>).</param>
/// <param name="Base">The number the share is taken of (应到会, 实到会, 参加投票, or the ballots cast in a 另行选举).</param>
/// <param name="Share">The share: 1/2 for a majority, 1/3 in a villagers' 另行选举.</param>
/// <param name="Strict">More than the share (过半数: exactly half is not enough), or at least it (不得少于).</param>
public sealed record SeatRule([property: JsonIgnore] SeatRuleBase Counts, int Base, Fraction Share, bool Strict)
{
    /// <summary>The rule in the report's words (Chinese, as the result files keep it), from its code and values.</summary>
    [JsonPropertyOrder(-1)]
    public string Description => Counts switch
    {
        SeatRuleBase.SupplementaryVoted => $"另行选举：得票多者当选，但得票数不得少于投票数 {Base} 的{Share}",
        SeatRuleBase.DueToAttend => $"赞成票超过应到会有选举权的人数 {Base} 的半数",
        SeatRuleBase.Present => $"赞成票超过实到会人数 {Base} 的半数",
        _ => $"赞成票超过参加投票的人数 {Base} 的半数",
    };

    /// <summary>Whether <paramref name="approvals"/> meets the rule, in whole numbers (no rounding).</summary>
    public bool Qualifies(int approvals)
    {
        var have = (long)approvals * Share.Denominator;
        var need = (long)Base * Share.Numerator;
        return Strict ? have > need : have >= need;
    }
}

/// <summary>A person's total in a contest, as the winners are decided on.</summary>
/// <param name="Name">The name.</param>
/// <param name="Approvals">赞成 (with cascaded votes where the rule adds them).</param>
/// <param name="Listed">A listed candidate (false for a write-in).</param>
public sealed record Standing(string Name, int Approvals, bool Listed);

/// <summary>Who is elected in one contest, and what is left for a further vote.</summary>
/// <param name="Elected">Elected, most approvals first.</param>
/// <param name="TiedAtLastSeat">Tied for the last seat(s): a new vote among them decides (the software never breaks a tie).</param>
/// <param name="SeatsLeft">Seats left empty (for a tie or for 另行选举).</param>
/// <param name="Rule">The rule applied.</param>
public sealed record ContestOutcome(IReadOnlyList<string> Elected, IReadOnlyList<string> TiedAtLastSeat, int SeatsLeft, SeatRule Rule);

/// <summary>Who is elected: the pure rule, apart from counting.</summary>
public static class Winners
{
    /// <summary>
    /// Those who meet <paramref name="rule"/> are elected, most approvals first, up to <paramref name="seats"/>. When more
    /// qualify than there are seats, the highest win; a tie at the last seat is reported and those tied are not elected.
    /// Seats left over are reported for a 另行选举.
    /// </summary>
    public static ContestOutcome Decide(IEnumerable<Standing> standings, int seats, SeatRule rule)
    {
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(rule);
        var qualified = standings.Where(s => rule.Qualifies(s.Approvals)).OrderByDescending(s => s.Approvals).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (qualified.Count <= seats)
        {
            return new ContestOutcome(qualified.Select(s => s.Name).ToList(), [], seats - qualified.Count, rule);
        }

        var last = qualified[seats - 1].Approvals;
        var above = qualified.Where(s => s.Approvals > last).Select(s => s.Name).ToList();
        var atLast = qualified.Where(s => s.Approvals == last).Select(s => s.Name).ToList();
        return above.Count + atLast.Count == seats
            ? new ContestOutcome([.. above, .. atLast], [], 0, rule)
            : new ContestOutcome(above, atLast, seats - above.Count, rule);
    }
}
