using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using static BallotScan.Engine.Recognition.MarkSymbol;
using static BallotScan.Engine.Tests.Counting.CountingFixture;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>The counting rules of ../shared/domain/election-rules.md, each test naming the rule it checks.</summary>
public class CountingRuleTests
{
    private static CountingFixture Village(RuleSettings? rules = null) => new(ElectionType.VillagersCommittee,
        rules ?? new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
        Contest("director", 1, 1, "张一", "王二"),
        Contest("member", 2, 1, "李三", "赵四", "女五"));

    private static CountingFixture Party(string preset) => new(ElectionType.PartyCommittee, new RuleSettings { Preset = preset },
        Contest("committee", 2, 0, "张一", "王二", "李三"));

    private static SeatRule Majority(int of) => new(SeatRuleBase.Voted, of, new Fraction(1, 2), Strict: true);

    [Fact]
    public void Who_is_elected__exactly_half_is_not_enough()
    {
        var outcome = Winners.Decide([new Standing("张一", 50, true), new Standing("王二", 51, true)], 2, Majority(100));
        Assert.Equal(["王二"], outcome.Elected);
        Assert.Equal(1, outcome.SeatsLeft);
    }

    [Fact]
    public void Who_is_elected__party_2020_counts_against_members_due_to_attend_1990_against_those_present()
    {
        var figures = new MeetingFigures { Due = 100, Present = 82 };
        var contest = Party(RulePresets.PartyCommittee2020).Definition.Contests[0];
        var rule2020 = Tallying.SeatRuleFor(Party(RulePresets.PartyCommittee2020).Definition, RulePresets.PartyCommittee2020Profile, figures, 82, contest)!;
        var rule1990 = Tallying.SeatRuleFor(Party(RulePresets.PartyCommittee1990).Definition, RulePresets.PartyCommittee1990Profile, figures, 82, contest)!;
        Assert.Equal((100, 82), (rule2020.Base, rule1990.Base));
        Assert.False(rule2020.Qualifies(45)); // 45 of 100 due: not more than half
        Assert.True(rule1990.Qualifies(45)); // 45 of 82 present: more than half
        // The rule is a code with its values; its words are made from them, as the report and result.json give them.
        Assert.Equal((SeatRuleBase.DueToAttend, SeatRuleBase.Present), (rule2020.Counts, rule1990.Counts));
        Assert.Equal("赞成票超过应到会有选举权的人数 100 的半数", rule2020.Description);
        Assert.Equal("赞成票超过实到会人数 82 的半数", rule1990.Description);
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(rule1990, ElectionJson.CompactOptions));
        Assert.Equal(["description", "base", "share", "strict"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(rule1990.Description, json.RootElement.GetProperty("description").GetString());
    }

    [Fact]
    public void Who_is_elected__villagers_count_against_those_who_voted()
    {
        var f = Village();
        var sheets = Enumerable.Range(0, 9).Select(i => f.Ballot(("张一", i < 5 ? Circle : Cross))).ToList(); // 5 of 9 voted for 张一
        var result = f.Count(sheets, new MeetingFigures { Due = 12, Issued = 9, Returned = 9 });
        Assert.Equal(9, result.Adjudicated.Contests[0].Outcome!.Rule.Base);
        Assert.Equal(["张一"], result.Adjudicated.Contests[0].Outcome!.Elected);
    }

    [Fact]
    public void Supplementary_round__the_most_votes_wins_but_not_below_one_third_of_the_ballots_cast()
    {
        var f = Village().With(d => d with { Round = ElectionRound.Supplementary });
        var rule = Tallying.SeatRuleFor(f.Definition, f.Rules, new MeetingFigures(), 300, f.Definition.Contests[0])!;
        Assert.True(rule.Qualifies(100)); // exactly one third: 不得少于, so enough
        Assert.False(rule.Qualifies(99));
        Assert.Equal("另行选举：得票多者当选，但得票数不得少于投票数 300 的1/3", rule.Description);
        var outcome = Winners.Decide([new Standing("张一", 120, true), new Standing("王二", 99, true)], 1, rule);
        Assert.Equal(["张一"], outcome.Elected);
    }

    [Fact]
    public void Who_is_elected__a_tie_at_the_last_seat_is_reported_and_not_broken()
    {
        var outcome = Winners.Decide([new Standing("张一", 80, true), new Standing("王二", 60, true), new Standing("李三", 60, true)], 2, Majority(100));
        Assert.Equal(["张一"], outcome.Elected);
        Assert.Equal(["李三", "王二"], outcome.TiedAtLastSeat.Order(StringComparer.Ordinal));
        Assert.Equal(1, outcome.SeatsLeft);
    }

    [Fact]
    public void Who_is_elected__more_qualifiers_than_seats_the_highest_win()
    {
        var outcome = Winners.Decide([new Standing("张一", 80, true), new Standing("王二", 70, true), new Standing("李三", 60, true)], 2, Majority(100));
        Assert.Equal(["张一", "王二"], outcome.Elected);
        Assert.Empty(outcome.TiedAtLastSeat);
    }

    [Fact]
    public void Validity_of_the_election__more_ballots_returned_than_issued_voids_the_vote()
    {
        var f = Village();
        var sheets = Enumerable.Range(0, 11).Select(_ => f.Ballot(("张一", Circle))).ToList();
        var result = f.Count(sheets, new MeetingFigures { Due = 12, Issued = 10, Returned = 11 });
        Assert.False(result.Adjudicated.ElectionValid);
        Assert.All(result.Adjudicated.Contests, c => Assert.Null(c.Outcome));
        Assert.Contains(result.Adjudicated.Validity, v => v.Rule == "returned" && v.Passed == false);
    }

    [Fact]
    public void Validity_of_the_election__returned_equal_to_issued_stands()
    {
        var f = Village();
        var result = f.Count([f.Ballot(("张一", Circle))], new MeetingFigures { Due = 1, Issued = 1, Returned = 1 });
        Assert.True(result.Adjudicated.ElectionValid);
    }

    [Theory]
    [InlineData(QuorumComparison.AtLeast, 80, true)] // 2020: 不少于 4/5
    [InlineData(QuorumComparison.MoreThan, 80, false)] // 1990: 超过 4/5
    [InlineData(QuorumComparison.MoreThan, 81, true)]
    [InlineData(QuorumComparison.AtLeast, 79, false)]
    public void Validity_of_the_election__party_quorum_of_four_fifths(QuorumComparison comparison, int present, bool valid)
    {
        var profile = RulePresets.PartyCommittee2020Profile with { QuorumComparison = comparison };
        var checks = Tallying.Validity(Party(RulePresets.PartyCommittee2020).Definition, profile, new MeetingFigures { Due = 100, Present = present, Issued = present, Returned = present }).ToList();
        Assert.Equal(valid, checks.Single(c => c.Rule == "quorum").Passed);
    }

    [Theory]
    [InlineData(50, false)] // exactly half of 100 registered voters: not more than half
    [InlineData(51, true)]
    public void Validity_of_the_election__villagers_need_more_than_half_of_the_registered_to_vote(int voted, bool valid)
    {
        var f = Village();
        var checks = Tallying.Validity(f.Definition, f.Rules, new MeetingFigures { Due = 100, Issued = voted, Returned = voted, Voted = voted }).ToList();
        Assert.Equal(valid, checks.Single(c => c.Rule == "turnout").Passed);
    }

    [Fact]
    public void Validity_of_a_ballot_1__an_over_vote_voids_the_whole_ballot_when_so_set()
    {
        var f = Village(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, OverVoteScope = OverVoteScope.WholeBallot });
        var over = f.Ballot(("张一", Circle), ("王二", Circle), ("李三", Circle));
        var result = f.Count([over]);
        Assert.Equal(SheetStatus.Void, result.Records[0].Status);
        Assert.Equal(1, result.Adjudicated.VoidBallots);
        Assert.Equal(0, FixtureLine(result, "member", "李三").Approve); // the other contest falls with the ballot
        var standing = result.Records[0].Standing;
        Assert.Equal(StandingReason.OverVoteVoidsBallot, standing?.Reason);
        Assert.Equal("director", Assert.Single(standing!.Contests));
    }

    [Fact]
    public void Validity_of_a_ballot_1__an_over_vote_voids_only_that_contest_when_so_set()
    {
        var f = Village(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, OverVoteScope = OverVoteScope.Contest });
        var result = f.Count([f.Ballot(("张一", Circle), ("王二", Circle), ("李三", Circle))]);
        Assert.Equal(SheetStatus.Counted, result.Records[0].Status);
        var director = result.Adjudicated.Contests.First(c => c.ContestId == "director");
        Assert.Equal((0, 1, 1), (director.ValidBallots, director.VoidBallots, director.OverVotes));
        Assert.Equal(0, FixtureLine(result, "director", "张一").Approve);
        Assert.Equal(1, FixtureLine(result, "member", "李三").Approve);
    }

    [Fact]
    public void Validity_of_a_ballot_1__approving_as_many_as_there_are_seats_is_valid()
    {
        var f = Village();
        var result = f.Count([f.Ballot(("李三", Circle), ("赵四", Circle), ("女五", Cross))]);
        Assert.Equal((2, 1), (result.Records[0].Contests[1].Approvals, result.Adjudicated.Contests[1].ValidBallots));
    }

    [Theory]
    [InlineData(true, ContestStatus.OverVote)]
    [InlineData(false, ContestStatus.Valid)]
    public void Validity_of_a_ballot_1__write_ins_count_against_the_seats_where_the_province_says_so(bool together, ContestStatus expected)
    {
        var f = Village(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, WriteInsCountAgainstSeats = together });
        var sheet = f.Ballot(("张一", Circle), ("director/w1", Circle));
        var result = f.Count([sheet], null, Decide(sheet, "director/w1", Circle, "钱六"));
        Assert.Equal(expected, result.Records[0].Contests[0].Status);
    }

    [Fact]
    public void Validity_of_a_ballot_2__an_unreadable_part_is_void_and_the_rest_stands()
    {
        var f = Village();
        var result = f.Count([f.Ballot(("张一", Other), ("李三", Circle))]);
        Assert.Equal(1, FixtureLine(result, "director", "张一").Void);
        Assert.Equal(1, FixtureLine(result, "member", "李三").Approve);
        Assert.Equal(1, result.Adjudicated.ValidBallots);
    }

    [Fact]
    public void Validity_of_a_ballot_3__a_ballot_with_no_marks_is_valid_and_every_candidate_gets_an_abstention()
    {
        var f = Village();
        var result = f.Count([f.Ballot()]);
        Assert.Equal(1, result.Adjudicated.ValidBallots);
        Assert.All(result.Adjudicated.Contests.SelectMany(c => c.Candidates), c => Assert.Equal((0, 0, 1), (c.Approve, c.Disapprove, c.Abstain)));
    }

    [Theory]
    [InlineData(CheckMarkMeaning.Approve, 1, 0)]
    [InlineData(CheckMarkMeaning.Invalid, 0, 1)]
    public void How_voters_mark__a_tick_approves_or_is_void_by_setting(CheckMarkMeaning meaning, int approve, int isVoid)
    {
        var f = Village(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, CheckMark = meaning });
        var line = FixtureLine(f.Count([f.Ballot(("张一", Check))]), "director", "张一");
        Assert.Equal((approve, isVoid), (line.Approve, line.Void));
    }

    [Theory]
    [InlineData(WriteInWithoutCircle.Approve, 1, Vote.Approve)]
    [InlineData(WriteInWithoutCircle.Abstain, 0, Vote.Abstain)]
    [InlineData(WriteInWithoutCircle.Void, 0, Vote.Void)]
    public void How_voters_mark__a_written_name_without_a_circle_follows_the_setting(WriteInWithoutCircle setting, int approvals, Vote vote)
    {
        var f = Village(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, WriteInWithoutCircle = setting });
        var sheet = f.Ballot(("director/w1", Blank));
        var result = f.Count([sheet], null, Decide(sheet, "director/w1", Blank, "钱六"));
        Assert.Equal(vote, result.Records[0].Contests[0].WriteIns[0].Vote);
        Assert.Equal(approvals, result.Adjudicated.Contests[0].WriteIns.SingleOrDefault(w => w.Name == "钱六")?.Approve ?? 0);
    }

    [Fact]
    public void How_voters_mark__a_circle_with_a_written_name_approves_that_person()
    {
        var f = Village();
        var sheet = f.Ballot(("director/w1", Circle));
        var result = f.Count([sheet], null, Decide(sheet, "director/w1", null, " 钱　六 "));
        Assert.Equal(1, FixtureLine(result, "director", "钱六").Approve);
        Assert.False(FixtureLine(result, "director", "钱六").Listed);
    }

    [Theory]
    [InlineData(ListedCandidateWrittenIn.CountForCandidate, 1, Vote.Approve)]
    [InlineData(ListedCandidateWrittenIn.VoidCell, 0, Vote.Void)]
    public void Validity_of_a_ballot_4__a_listed_candidate_written_in_counts_for_them_or_voids_the_cell(ListedCandidateWrittenIn setting, int approvals, Vote cell)
    {
        var f = Village(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, ListedCandidateWrittenIn = setting });
        var sheet = f.Ballot(("director/w1", Circle));
        var result = f.Count([sheet], null, Decide(sheet, "director/w1", null, "王二"));
        Assert.Equal(approvals, FixtureLine(result, "director", "王二").Approve);
        Assert.Equal(cell, result.Records[0].Contests[0].WriteIns[0].Vote);
        Assert.Empty(result.Adjudicated.Contests[0].WriteIns); // never a separate write-in line for a listed name
    }

    [Fact]
    public void Validity_of_a_ballot_5__cascade_adds_the_votes_for_higher_posts_to_a_members_total_when_set()
    {
        var contests = new[] { Contest("director", 1, 0, "张一", "王二"), Contest("member", 1, 0, "王二", "李三") };
        var on = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, CascadeVotes = true }, contests);
        var off = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational }, contests);
        // 张一 wins 主任 (6 of 10). As 委员, 李三 has 5 (not more than half of 10) and 王二 2; with the cascade 王二 adds the
        // 4 he had for 主任: 6, elected.
        List<SheetInterpretation> Sheets(CountingFixture f) =>
        [
            .. Enumerable.Range(0, 6).Select(i => f.Ballot(("director:张一", Circle), ("member:李三", i < 5 ? Circle : Blank))),
            .. Enumerable.Range(0, 4).Select(i => f.Ballot(("director:王二", Circle), ("member:王二", i < 2 ? Circle : Blank))),
        ];
        var figures = new MeetingFigures { Due = 12, Issued = 10, Returned = 10 };
        var withCascade = on.Count(Sheets(on), figures).Adjudicated.Contests[1];
        var without = off.Count(Sheets(off), figures).Adjudicated.Contests[1];
        Assert.Equal((2, 4), (withCascade.Candidates.First(c => c.Name == "王二").Approve, withCascade.Candidates.First(c => c.Name == "王二").CascadedApprovals));
        Assert.Equal(["王二"], withCascade.Outcome!.Elected);
        Assert.Equal(0, without.Candidates.First(c => c.Name == "王二").CascadedApprovals);
        Assert.Empty(without.Outcome!.Elected);
    }

    [Fact]
    public void Women_seat__reserved_holds_the_last_seat_for_a_supplementary_round_when_no_woman_is_elected()
    {
        var f = Village(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, WomenSeat = WomenSeatRule.Reserved });
        var sheets = Enumerable.Range(0, 10).Select(_ => f.Ballot(("张一", Circle), ("李三", Circle), ("赵四", Circle), ("女五", Cross))).ToList();
        var result = f.Count(sheets, new MeetingFigures { Due = 12, Issued = 10, Returned = 10 });
        var member = result.Adjudicated.Contests[1].Outcome!;
        Assert.Single(member.Elected);
        Assert.Equal(1, member.SeatsLeft);
        var held = Assert.Single(result.Adjudicated.Notes, n => n.Code == CountNoteCode.WomenSeatHeld);
        Assert.Equal([result.Adjudicated.Contests[1].Title, "赵四"], held.Values);
        Assert.Contains("保留名额", held.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_counted_that_the_machine_is_unsure_of__until_a_scrutineer_decides_beside_the_reading()
    {
        var f = Village();
        var sheet = f.Ballot(new Dictionary<string, MarkSymbol> { ["张一"] = Circle }, "张一");
        var before = f.Count([sheet]);
        Assert.Equal(SheetStatus.Pending, before.Records[0].Status);
        Assert.Equal(0, before.Adjudicated.ValidBallots);
        Assert.True(before.Adjudicated.Provisional);
        Assert.Single(before.ReviewList);

        var after = f.Count([sheet], null, Decide(sheet, f.BoxOf("张一"), Cross));
        var mark = after.Records[0].Contests[0].Candidates.First(c => c.Candidate == "张一");
        Assert.Equal((Circle, Cross, Vote.Disapprove, VoteSource.Adjudicated), (mark.Read, mark.Symbol, mark.Vote, mark.Source));
        Assert.Equal(1, FixtureLine(after, "director", "张一").Disapprove);
        Assert.Equal(0, after.MachineOnly.ValidBallots); // the machine-only tally still leaves it out
        Assert.Equal(MarkSymbol.Circle, sheet.Positions.First(p => p.BoxId == f.BoxOf("张一")).Symbol); // the reading is not edited
    }

    [Fact]
    public void A_scrutineers_sheet_decision_voids_a_ballot_or_takes_it_out_and_the_latest_decision_counts()
    {
        var f = Village();
        var sheet = f.Ballot(("张一", Circle));
        Adjudication Decision(SheetDecision d) => new() { Sheet = sheet.SheetId, Kind = AdjudicationKind.Sheet, SheetDecision = d, Scrutineer = "监票人乙", Reason = "签名" };
        Assert.Equal(SheetStatus.Void, f.Count([sheet], null, Decision(SheetDecision.Void)).Records[0].Status);
        Assert.Equal(SheetStatus.Counted, f.Count([sheet], null, Decision(SheetDecision.Void), Decision(SheetDecision.Count)).Records[0].Status);
        Assert.Equal(SheetStatus.NotCounted, f.Count([sheet], null, Decision(SheetDecision.NotCounted)).Records[0].Status);
    }

    [Fact]
    public void Nothing_is_double_counted__the_same_sheet_twice_counts_once()
    {
        var f = Village();
        var sheet = f.Ballot(("张一", Circle));
        var result = f.Count([sheet, sheet]);
        Assert.Equal(1, result.Adjudicated.ValidBallots);
        Assert.Equal(1, FixtureLine(result, "director", "张一").Approve);
    }

    [Fact]
    public void Every_contest_adds_up__ballots_times_candidates_equals_every_position_counted_or_voided()
    {
        var f = Village();
        var sheets = new[]
        {
            f.Ballot(("张一", Circle), ("李三", Circle), ("赵四", Circle), ("女五", Circle)), // member over-voted
            f.Ballot(("王二", Cross), ("李三", Other)),
            f.Ballot(),
        };
        var result = f.Count(sheets);
        Assert.All(result.Adjudicated.Contests, c => Assert.True(c.InvariantHolds, c.ContestId));
        var member = result.Adjudicated.Contests[1];
        Assert.Equal(3 * 3, member.Candidates.Sum(c => c.Approve + c.Disapprove + c.Abstain + c.Void) + (member.OverVotes * 3));
    }

    private static CandidateTally FixtureLine(CountResult result, string contest, string name) => Line(result, contest, name);
}
