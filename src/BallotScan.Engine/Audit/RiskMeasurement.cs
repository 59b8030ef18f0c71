using BallotScan.Engine.Counting;

namespace BallotScan.Engine.Audit;

/// <summary>
/// The Kaplan-Markov P-value of a ballot-level comparison audit, as in P. B. Stark, "Super-Simple Simultaneous
/// Single-Ballot Risk-Limiting Audits", EVT/WOTE 2010, eq. (9)–(10) and Table 3:
/// P = (1 − μ/(2γ))^n · (1 − 1/(2γ))^(−o₁) · (1 − 1/γ)^(−o₂) · (1 + 1/(2γ))^(−u₁) · (1 + 1/γ)^(−u₂), at most 1,
/// where n ballots were audited, μ is the diluted margin (the smallest margin in votes divided by the ballots cast), o₁ and
/// o₂ count ballots overstating some margin by one or two votes, u₁ and u₂ ballots understating every margin by one or two.
/// The audit confirms the outcome at risk limit α once P ≤ α. It assumes sampling with replacement; BallotScan's sampler
/// draws without replacement, for which the same P is conservative.
/// </summary>
public static class KaplanMarkov
{
    /// <summary>γ as used by Stark's tools, Colorado's RLA tool and Arlo: a single two-vote overstatement does not force a full hand count.</summary>
    public const double DefaultGamma = 1.03905;

    public static double PValue(int audited, double dilutedMargin, double gamma, int oneOver, int twoOver, int oneUnder, int twoUnder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(audited);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gamma, 1);
        if (dilutedMargin <= 0)
        {
            return 1;
        }

        var logP = (audited * Math.Log(1 - (dilutedMargin / (2 * gamma))))
                   - (oneOver * Math.Log(1 - (1 / (2 * gamma))))
                   - (twoOver * Math.Log(1 - (1 / gamma)))
                   - (oneUnder * Math.Log(1 + (1 / (2 * gamma))))
                   - (twoUnder * Math.Log(1 + (1 / gamma)));
        return Math.Min(1, Math.Exp(logP));
    }

    /// <summary>The ballots to audit if no discrepancy is found: the smallest n with P ≤ α.</summary>
    public static int SampleSize(double riskLimit, double dilutedMargin, double gamma) =>
        dilutedMargin <= 0 ? int.MaxValue : (int)Math.Ceiling(Math.Log(riskLimit) / Math.Log(1 - (dilutedMargin / (2 * gamma))));
}

/// <summary>
/// One fact the reported outcome of a contest rests on, as a margin in votes that a sum over ballots must keep above zero:
/// an elected person's approvals stay at or above what the seat rule needs; a person not elected stays below it; an
/// elected person stays ahead of one who also qualified.
/// </summary>
/// <param name="Description">In words.</param>
/// <param name="Margin">Votes by which it holds.</param>
/// <param name="Plus">Each approval of this person on a ballot adds one vote to the margin.</param>
/// <param name="Minus">Each approval of this person on a ballot takes one vote from it.</param>
public sealed record OutcomeAssertion(string Description, int Margin, string? Plus, string? Minus);

/// <summary>Why no risk is measured for a contest's outcome.</summary>
public enum RiskNote
{
    /// <summary>The contest has no outcome to check: its vote is void.</summary>
    NoOutcome,

    /// <summary>A tie at the last seat: no margin to protect, a new vote among the tied decides (再次投票).</summary>
    TieAtLastSeat,

    /// <summary>No assertion to check (no seat is contested).</summary>
    NothingToCheck,
}

/// <summary>A contest's risk after the spot-check.</summary>
/// <param name="ContestId">The contest.</param>
/// <param name="Title">职位.</param>
/// <param name="Assertions">What the outcome rests on.</param>
/// <param name="Ballots">Ballots counted (the population the margins are diluted over).</param>
/// <param name="DilutedMargin">μ: the smallest margin over the ballots.</param>
/// <param name="Audited">Ballots of the sample compared (n).</param>
/// <param name="OneOver">o₁.</param>
/// <param name="TwoOver">o₂.</param>
/// <param name="OneUnder">u₁.</param>
/// <param name="TwoUnder">u₂.</param>
/// <param name="Risk">The Kaplan-Markov P-value: the largest chance that a wrong outcome would have passed this check.</param>
/// <param name="Note">Why no risk could be measured (no outcome, a tie, nothing to check), or null; the edges say it in words.</param>
public sealed record ContestRisk(string ContestId, string Title, IReadOnlyList<OutcomeAssertion> Assertions, int Ballots, double DilutedMargin, int Audited, int OneOver, int TwoOver, int OneUnder, int TwoUnder, double Risk, RiskNote? Note)
{
    /// <summary>The smallest margin in votes (0 when there is nothing to check).</summary>
    public int SmallestMargin => Assertions.Count == 0 ? 0 : Assertions.Min(a => a.Margin);

    /// <summary>How many more ballots, all agreeing, would bring the risk to <paramref name="riskLimit"/>.</summary>
    public int BallotsStillNeeded(double riskLimit, double gamma = KaplanMarkov.DefaultGamma) =>
        Math.Max(0, KaplanMarkov.SampleSize(riskLimit, DilutedMargin, gamma) - Audited);
}

/// <summary>A spot-checked ballot: what was counted, and the same ballot counted again from the auditor's reading of its image.</summary>
public sealed record AuditedBallot(CastVoteRecord Counted, CastVoteRecord Audited);

/// <summary>Measures, per contest, how much confidence a ballot-comparison spot-check gives in the reported outcome.</summary>
public static class RiskMeasurement
{
    /// <summary>The assertions a contest's outcome rests on (none when it has no outcome, e.g. the election is void).</summary>
    public static IReadOnlyList<OutcomeAssertion> Assertions(ContestTally contest)
    {
        ArgumentNullException.ThrowIfNull(contest);
        if (contest.Outcome is not { } outcome)
        {
            return [];
        }

        var people = contest.Candidates.Concat(contest.WriteIns).ToList();
        // The fewest approvals the seat rule accepts.
        var needed = Enumerable.Range(0, outcome.Rule.Base + 2).First(outcome.Rule.Qualifies);
        var elected = people.Where(p => outcome.Elected.Contains(p.Name)).ToList();
        var others = people.Where(p => !outcome.Elected.Contains(p.Name)).ToList();
        var assertions = new List<OutcomeAssertion>();
        foreach (var w in elected)
        {
            assertions.Add(new OutcomeAssertion($"{w.Name} 赞成 {w.Total} ≥ {needed} ({outcome.Rule.Description})", w.Total - needed + 1, w.Name, null));
        }

        foreach (var l in others)
        {
            if (l.Total < needed)
            {
                assertions.Add(new OutcomeAssertion($"{l.Name} 赞成 {l.Total} < {needed}", needed - l.Total, null, l.Name));
                continue;
            }

            foreach (var w in elected)
            {
                assertions.Add(new OutcomeAssertion($"{w.Name} {w.Total} > {l.Name} {l.Total}", w.Total - l.Total, w.Name, l.Name));
            }
        }

        return assertions;
    }

    /// <summary>
    /// The risk of each contest's outcome after comparing <paramref name="audited"/> ballots with their counted records
    /// (ballots the count set aside are not in the population and are skipped).
    /// </summary>
    public static IReadOnlyList<ContestRisk> Measure(ElectionTally tally, IReadOnlyList<AuditedBallot> audited, double gamma = KaplanMarkov.DefaultGamma)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(audited);
        var ballots = tally.ValidBallots + tally.VoidBallots;
        var sample = audited.Where(a => a.Counted.Status is SheetStatus.Counted or SheetStatus.Void).ToList();
        var risks = new List<ContestRisk>();
        foreach (var contest in tally.Contests)
        {
            var assertions = Assertions(contest);
            RiskNote? note = contest.Outcome is null ? RiskNote.NoOutcome
                : contest.Outcome.TiedAtLastSeat.Count > 0 ? RiskNote.TieAtLastSeat
                : assertions.Count == 0 ? RiskNote.NothingToCheck : null;
            var margin = assertions.Count == 0 ? 0 : assertions.Min(a => a.Margin);
            var mu = ballots == 0 ? 0 : (double)Math.Max(0, margin) / ballots;
            // Where the cascade setting adds votes from another contest, a person's approvals anywhere on the ballot count.
            var cascade = contest.Candidates.Any(c => c.CascadedApprovals > 0);
            int o1 = 0, o2 = 0, u1 = 0, u2 = 0;
            foreach (var ballot in sample)
            {
                if (assertions.Count == 0)
                {
                    break;
                }

                var over = assertions.Select(a => Contribution(ballot.Counted, contest.ContestId, a, cascade) - Contribution(ballot.Audited, contest.ContestId, a, cascade)).ToList();
                // o₂: some margin overstated by two; o₁: by one, none by two; u: every margin understated, by two somewhere (u₂) or by one (u₁).
                var (most, least) = (over.Max(), over.Min());
                if (most >= 2)
                {
                    o2++;
                }
                else if (most == 1)
                {
                    o1++;
                }
                else if (most <= -1)
                {
                    _ = least <= -2 ? u2++ : u1++;
                }
            }

            var risk = note is null ? KaplanMarkov.PValue(sample.Count, mu, gamma, o1, o2, u1, u2) : 1;
            risks.Add(new ContestRisk(contest.ContestId, contest.Title, assertions, ballots, mu, sample.Count, o1, o2, u1, u2, risk, note));
        }

        return risks;
    }

    /// <summary>What one ballot adds to an assertion's margin: its approvals of the person the margin is for, less those of the other.</summary>
    private static int Contribution(CastVoteRecord ballot, string contestId, OutcomeAssertion a, bool cascade)
    {
        if (ballot.Status != SheetStatus.Counted)
        {
            return 0;
        }

        int Approvals(string? name) => name is null ? 0 : ballot.Contests
            .Where(c => (c.ContestId == contestId || cascade) && c.Status == ContestStatus.Valid)
            .Sum(c => c.Candidates.Count(m => m.Candidate == name && m.Vote == Vote.Approve)
                      + c.WriteIns.Count(w => (w.CountedFor ?? w.Name) == name && w.Vote == Vote.Approve));
        return Approvals(a.Plus) - Approvals(a.Minus);
    }
}
