using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Counting;

/// <summary>One person's line in a contest: 赞成, 不赞成, 弃权 and void parts.</summary>
/// <param name="Name">The name.</param>
/// <param name="Listed">A listed candidate (false: a write-in, 另选他人).</param>
/// <param name="Approve">赞成.</param>
/// <param name="Disapprove">不赞成 (listed candidates only).</param>
/// <param name="Abstain">弃权 (listed candidates only).</param>
/// <param name="Void">Void parts (a box whose mark is not a valid symbol).</param>
/// <param name="CascadedApprovals">Approvals added from higher posts where the cascade rule applies.</param>
/// <param name="Elected">Elected in this contest.</param>
public sealed record CandidateTally(string Name, bool Listed, int Approve, int Disapprove, int Abstain, int Void, int CascadedApprovals, bool Elected)
{
    /// <summary>Approvals counted towards being elected.</summary>
    public int Total => Approve + CascadedApprovals;
}

/// <summary>One contest's result.</summary>
/// <param name="ContestId">The contest.</param>
/// <param name="Title">职位.</param>
/// <param name="Seats">应选名额.</param>
/// <param name="ValidBallots">Ballots on which this contest is valid.</param>
/// <param name="VoidBallots">Ballots on which this contest is void (an over-vote, or the whole ballot void).</param>
/// <param name="OverVotes">Of those, contests void for more approvals than seats.</param>
/// <param name="Candidates">Listed candidates in ballot order.</param>
/// <param name="WriteIns">Write-in names with their approvals, most first.</param>
/// <param name="Outcome">Who is elected (null when the election itself is void).</param>
/// <param name="InvariantHolds">
/// Every ballot of this election gives every listed candidate exactly one of 赞成, 不赞成, 弃权 or a void part, unless the
/// contest is void on it: ballots × candidates = approvals + disapprovals + abstentions + void parts + positions of void contests.
/// </param>
public sealed record ContestTally(
    string ContestId,
    string Title,
    int Seats,
    int ValidBallots,
    int VoidBallots,
    int OverVotes,
    IReadOnlyList<CandidateTally> Candidates,
    IReadOnlyList<CandidateTally> WriteIns,
    ContestOutcome? Outcome,
    bool InvariantHolds);

/// <summary>One check of the election's validity (quorum, turnout, ballots returned), or null when a figure it needs is missing.</summary>
public sealed record ValidityCheck(string Rule, bool? Passed, CountNote Note)
{
    /// <summary>The finding in Chinese, as the report and the result files give it.</summary>
    public string Message => Note.Chinese;
}

/// <summary>The whole count: ballots, validity, every contest, and how much still waits for the scrutineers.</summary>
public sealed record ElectionTally
{
    public required string ElectionId { get; init; }

    public required string Title { get; init; }

    /// <summary>Whether scrutineers' decisions were applied (false: the machine's confident readings alone).</summary>
    public required bool Adjudicated { get; init; }

    public required MeetingFigures Figures { get; init; }

    /// <summary>Ballots of this election the machine found (counted, void or waiting): to compare with 收回选票.</summary>
    public required int BallotsFound { get; init; }

    /// <summary>有效票: ballots counted.</summary>
    public required int ValidBallots { get; init; }

    /// <summary>无效票 (废票): ballots void as a whole.</summary>
    public required int VoidBallots { get; init; }

    /// <summary>Sheets waiting for a decision: while any wait, the result is provisional.</summary>
    public required int PendingSheets { get; init; }

    /// <summary>Sheets not counted (another election, not a ballot, the same file again).</summary>
    public required int NotCountedSheets { get; init; }

    public required IReadOnlyList<ValidityCheck> Validity { get; init; }

    /// <summary>Whether the vote stands (no validity check failed).</summary>
    public bool ElectionValid => Validity.All(v => v.Passed != false);

    /// <summary>Final only when nothing waits for the scrutineers.</summary>
    public bool Provisional => PendingSheets > 0;

    public required IReadOnlyList<ContestTally> Contests { get; init; }

    /// <summary>Notes for the report: ties, seats left for 另行选举, the women's-seat rule, missing figures (codes with their values).</summary>
    public required IReadOnlyList<CountNote> Notes { get; init; }
}

/// <summary>Adds up cast-vote records into a tally and decides who is elected under the election's rules. Pure.</summary>
public static class Tallying
{
    public static ElectionTally Tally(ElectionDefinition definition, IReadOnlyList<CastVoteRecord> records, MeetingFigures figures, bool adjudicated)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(figures);
        var rules = definition.RuleProfile;
        var counted = records.Where(r => r.Status == SheetStatus.Counted).ToList();
        var voided = records.Where(r => r.Status == SheetStatus.Void).ToList();
        var pending = records.Count(r => r.Status == SheetStatus.Pending);
        var found = counted.Count + voided.Count + pending;
        var notes = new List<CountNote>();

        var returned = figures.Returned ?? found;
        var voted = figures.Voted ?? returned;
        var validity = Validity(definition, rules, figures with { Returned = returned, Voted = voted }).ToList();
        var electionValid = validity.All(v => v.Passed != false);

        var contests = new List<ContestTally>();
        var electedSoFar = new HashSet<string>(StringComparer.Ordinal);
        var earlierApprovals = new Dictionary<string, int>(StringComparer.Ordinal);
        // Per ballot, the names it approved in the posts before (for a name written in two posts).
        var namedBefore = counted.ToDictionary(r => r, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var contest in definition.Contests)
        {
            var onBallots = counted.Select(r => r.Contests.FirstOrDefault(c => c.ContestId == contest.Id)).Where(c => c is not null).Select(c => c!).ToList();
            var valid = onBallots.Where(c => c.Status == ContestStatus.Valid).ToList();
            var overVotes = onBallots.Count(c => c.Status == ContestStatus.OverVote);
            var marks = valid.SelectMany(c => c.Candidates).ToList();
            // The cascade (some provinces): votes for a higher post count here too, for someone not elected to it.
            int Cascaded(string name) => rules.CascadeVotes && !electedSoFar.Contains(name) ? earlierApprovals.GetValueOrDefault(name) : 0;
            var candidates = contest.Candidates.Select(c =>
            {
                var mine = marks.Where(m => m.Candidate == c.Name).ToList();
                return new CandidateTally(c.Name, true, mine.Count(m => m.Vote == Vote.Approve), mine.Count(m => m.Vote == Vote.Disapprove),
                    mine.Count(m => m.Vote == Vote.Abstain), mine.Count(m => m.Vote == Vote.Void), Cascaded(c.Name), false);
            }).ToList();
            var written = counted.SelectMany(r => r.Contests.Where(c => c.ContestId == contest.Id && c.Status == ContestStatus.Valid)
                    .SelectMany(c => c.WriteIns).Where(w => w.Vote == Vote.Approve && w.CountedFor is null).Select(w => (Ballot: r, Name: w.Name!)))
                .Where(w => rules.SameNameInTwoPosts == SameNameInTwoPosts.CountInEach || !namedBefore[w.Ballot].Contains(w.Name))
                .ToList();
            // Without candidates, cumulative counting weighs everyone voted for in a higher post (and not elected to it) here too.
            var cascadedOnly = contest.OpenNomination && rules.CascadeVotes
                ? earlierApprovals.Where(e => e.Value > 0 && !electedSoFar.Contains(e.Key) && written.All(w => w.Name != e.Key)).Select(e => e.Key)
                : [];
            var writeIns = written.GroupBy(w => w.Name, StringComparer.Ordinal)
                .Select(g => new CandidateTally(g.Key, false, g.Count(), 0, 0, 0, Cascaded(g.Key), false))
                .Concat(cascadedOnly.Select(name => new CandidateTally(name, false, 0, 0, 0, 0, Cascaded(name), false)).ToList())
                .OrderByDescending(w => w.Total).ThenByDescending(w => w.Approve).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
            foreach (var (ballot, name) in written)
            {
                namedBefore[ballot].Add(name);
            }

            foreach (var ballot in counted)
            {
                namedBefore[ballot].UnionWith(ballot.Contests.Where(c => c.ContestId == contest.Id && c.Status == ContestStatus.Valid)
                    .SelectMany(c => c.Candidates).Where(m => m.Vote == Vote.Approve).Select(m => m.Candidate));
            }

            ContestOutcome? outcome = null;
            if (electionValid && SeatRuleFor(definition, rules, figures, voted, contest) is { } rule)
            {
                outcome = Winners.Decide(candidates.Concat(writeIns).Select(c => new Standing(c.Name, c.Total, c.Listed)), contest.Seats, rule);
                var won = outcome.Elected.ToHashSet(StringComparer.Ordinal);
                candidates = candidates.Select(c => c with { Elected = won.Contains(c.Name) }).ToList();
                writeIns = writeIns.Select(c => c with { Elected = won.Contains(c.Name) }).ToList();
                electedSoFar.UnionWith(won);
                if (outcome.TiedAtLastSeat.Count > 0)
                {
                    notes.Add(CountNote.TiedAtLastSeat(contest.Title, outcome.TiedAtLastSeat));
                }

                if (outcome.SeatsLeft > 0)
                {
                    notes.Add(CountNote.SeatsLeft(contest.Title, outcome.SeatsLeft));
                }
            }

            foreach (var c in candidates.Concat(writeIns))
            {
                earlierApprovals[c.Name] = earlierApprovals.GetValueOrDefault(c.Name) + c.Approve;
            }

            var ballotsHere = onBallots.Count + voided.Count;
            var positions = candidates.Sum(c => c.Approve + c.Disapprove + c.Abstain + c.Void);
            var invariant = (long)ballotsHere * contest.Candidates.Count == positions + ((long)(overVotes + voided.Count) * contest.Candidates.Count);
            contests.Add(new ContestTally(contest.Id, contest.Title, contest.Seats, valid.Count, overVotes + voided.Count, overVotes, candidates, writeIns, outcome, invariant));
        }

        if (electionValid)
        {
            contests = WomenSeat(definition, rules, contests, notes);
        }

        if (pending > 0)
        {
            notes.Insert(0, CountNote.Pending(pending));
        }

        if (definition.Contests.Count > 0 && records.Any(r => r.Contests.Count > 0) && !contests.All(c => c.InvariantHolds))
        {
            notes.Add(CountNote.InvariantBroken());
        }

        return new ElectionTally
        {
            ElectionId = definition.Id,
            Title = definition.Title,
            Adjudicated = adjudicated,
            Figures = figures,
            BallotsFound = found,
            ValidBallots = counted.Count,
            VoidBallots = voided.Count,
            PendingSheets = pending,
            // Images not counted; the same image file read a second time is no image of its own (the archive keeps each
            // image once, and a count of it again must give this figure).
            NotCountedSheets = records.Count(r => r.Status == SheetStatus.NotCounted && SheetStanding.Parse(r.StatusReason).Reason != StandingReason.SameImageFile),
            Validity = validity,
            Contests = contests,
            Notes = notes,
        };
    }

    /// <summary>The election's validity checks: ballots returned, quorum, turnout.</summary>
    public static IEnumerable<ValidityCheck> Validity(ElectionDefinition definition, RuleProfile rules, MeetingFigures figures)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(figures);
        var limit = rules.ReturnedLimit == ReturnedLimit.Issued ? figures.Issued : figures.Voted;
        yield return limit is null || figures.Returned is null
            ? new ValidityCheck("returned", null, CountNote.ReturnedNotChecked(rules.ReturnedLimit))
            : figures.Returned <= limit
                ? new ValidityCheck("returned", true, CountNote.Returned(within: true, figures.Returned.Value, rules.ReturnedLimit, limit.Value))
                : new ValidityCheck("returned", false, CountNote.Returned(within: false, figures.Returned.Value, rules.ReturnedLimit, limit.Value));

        if (rules.Quorum is { } quorum)
        {
            var due = figures.Due ?? definition.Electorate.DueToAttend;
            if (due is null || figures.Present is null)
            {
                yield return new ValidityCheck("quorum", null, CountNote.QuorumNotChecked());
            }
            else
            {
                var strict = rules.QuorumComparison == QuorumComparison.MoreThan;
                var met = new SeatRule(SeatRuleBase.DueToAttend, due.Value, quorum, strict).Qualifies(figures.Present.Value);
                yield return new ValidityCheck("quorum", met, CountNote.Quorum(met, figures.Present.Value, due.Value, quorum, rules.QuorumComparison));
            }
        }

        if (rules.RequireTurnoutMajority)
        {
            var registered = figures.Due ?? definition.Electorate.Registered;
            if (registered is null || figures.Voted is null)
            {
                yield return new ValidityCheck("turnout", null, CountNote.TurnoutNotChecked());
            }
            else
            {
                // The law of this election's type: 村民委员会组织法 Art. 15, or 城市居民委员会组织法 Art. 8 with the local rules.
                var met = 2L * figures.Voted.Value > registered.Value;
                yield return new ValidityCheck("turnout", met, CountNote.Turnout(met, figures.Voted.Value, registered.Value, definition.Type));
            }
        }
    }

    /// <summary>What a person needs in <paramref name="contest"/> to be elected, or null when a figure it needs is missing.</summary>
    public static SeatRule? SeatRuleFor(ElectionDefinition definition, RuleProfile rules, MeetingFigures figures, int voted, Contest contest)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(contest);
        if (definition.Round == ElectionRound.Supplementary && rules.SupplementaryRoundMinimum is { } minimum)
        {
            return new SeatRule(SeatRuleBase.SupplementaryVoted, voted, minimum, Strict: false);
        }

        var (counts, value) = rules.MajorityBase switch
        {
            MajorityBase.DueToAttend => (SeatRuleBase.DueToAttend, figures.Due ?? definition.Electorate.DueToAttend),
            MajorityBase.Present => (SeatRuleBase.Present, figures.Present),
            _ => (SeatRuleBase.Voted, (int?)voted),
        };
        return value is { } b ? new SeatRule(counts, b, new Fraction(1, 2), Strict: true) : null;
    }

    /// <summary>The women's-seat rule (应当有妇女成员): reported, or a seat held back for a 另行选举 among women.</summary>
    private static List<ContestTally> WomenSeat(ElectionDefinition definition, RuleProfile rules, List<ContestTally> contests, List<CountNote> notes)
    {
        // A 另行选举 elects only the seats left: whether a woman is on the committee was said of the first round (and a seat
        // held for a woman is contested there by women alone, SupplementaryRound).
        if (rules.WomenSeat == WomenSeatRule.None || definition.Round == ElectionRound.Supplementary)
        {
            return contests;
        }

        var women = definition.Contests.SelectMany(c => c.Candidates).Where(c => c.Gender == Gender.Female).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var elected = contests.SelectMany(c => c.Outcome?.Elected ?? []).ToList();
        if (elected.Any(women.Contains))
        {
            notes.Add(CountNote.WomenElected(elected.Where(women.Contains)));
            return contests;
        }

        if (rules.WomenSeat == WomenSeatRule.Report)
        {
            notes.Add(CountNote.NoWomanElected());
            return contests;
        }

        // Reserved: the last seat filled in the last contest that filled one is held for a 另行选举 among women.
        var index = contests.FindLastIndex(c => c.Outcome is { Elected.Count: > 0 });
        if (index < 0)
        {
            notes.Add(CountNote.WomenSeatNobodyElected());
            return contests;
        }

        var contest = contests[index];
        var dropped = contest.Outcome!.Elected[^1];
        var outcome = contest.Outcome with { Elected = contest.Outcome.Elected.Take(contest.Outcome.Elected.Count - 1).ToList(), SeatsLeft = contest.Outcome.SeatsLeft + 1 };
        notes.Add(CountNote.WomenSeatHeld(contest.Title, dropped));
        var result = contests.ToList();
        result[index] = contest with
        {
            Outcome = outcome,
            Candidates = contest.Candidates.Select(c => c.Name == dropped ? c with { Elected = false } : c).ToList(),
            WriteIns = contest.WriteIns.Select(c => c.Name == dropped ? c with { Elected = false } : c).ToList(),
        };
        return result;
    }
}
