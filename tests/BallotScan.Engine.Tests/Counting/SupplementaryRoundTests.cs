using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using static BallotScan.Engine.Recognition.MarkSymbol;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>
/// Issue 35: the 另行选举 drawn from a result. Who stands (the people not elected, in order of their votes, as many as the
/// seats left and the margin; a tie at the cut-off never broken by the software; a women's seat among women), what the
/// round is (its own id, the first round named), and how it counts (the most votes, but not under a third of the ballots).
/// </summary>
public sealed class SupplementaryRoundTests
{
    private static CountingFixture Villagers(RuleSettings? rules = null) => new(ElectionType.VillagersCommittee, rules ?? new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
        CountingFixture.Contest("director", 1, 0, "王一", "李二", "张三"),
        CountingFixture.Contest("member", 2, 0, "赵四", "钱五", "孙六"));

    /// <summary>60 voters (of 100 registered): nobody passes half for 主任; 委员 filled by 赵四 and 钱五.</summary>
    private static List<SheetInterpretation> FirstRound(CountingFixture f, int wang = 28, int li = 20, int zhang = 12) =>
    [
        .. f.Ballots(wang, ("王一", Circle), ("赵四", Circle), ("钱五", Circle)),
        .. f.Ballots(li, ("李二", Circle), ("赵四", Circle), ("钱五", Circle)),
        .. f.Ballots(zhang, ("张三", Circle), ("孙六", Circle)),
    ];

    [Fact]
    public void The_seats_left_go_to_the_next_round_with_those_not_elected_in_order_of_their_votes()
    {
        var f = Villagers();
        var first = f.Count(FirstRound(f)).Adjudicated;
        Assert.Equal(1, first.Contests.Single(c => c.ContestId == "director").Outcome!.SeatsLeft);

        var (round, problems) = SupplementaryRound.From(f.Definition, first);

        Assert.Empty(problems);
        var contest = Assert.Single(round!.Contests);
        Assert.Equal(("director", 1), (contest.ContestId, contest.Seats));
        Assert.Equal(["王一", "李二"], contest.Standing.Select(s => s.Name)); // one more than the seat, most votes first
        Assert.Equal([28, 20], contest.Standing.Select(s => s.Votes));
        var definition = round.Definition;
        Assert.Equal((ElectionRound.Supplementary, 2, "rule-test", "rule-test-r2"), (definition.Round, definition.RoundNumber, definition.FirstRound, definition.Id));
        Assert.EndsWith("（另行选举）", definition.Title, StringComparison.Ordinal);
        Assert.Equal(["王一", "李二"], Assert.Single(definition.Contests).Candidates.Select(c => c.Name));
        Assert.DoesNotContain(ElectionValidator.Validate(definition), p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(ElectionJson.Serialize(definition), ElectionJson.Serialize(ElectionJson.Parse(ElectionJson.Serialize(definition))));
    }

    [Fact]
    public void In_the_next_round_the_most_votes_win_but_not_under_a_third_of_the_ballots_cast()
    {
        var f = Villagers();
        var round = SupplementaryRound.From(f.Definition, f.Count(FirstRound(f)).Adjudicated).Round!.Definition;
        var second = new CountingFixture(round);

        // 60 ballots: 王一 25 (≥ 20, a third) is elected though short of half.
        var elected = second.Count([.. second.Ballots(25, ("王一", Circle)), .. second.Ballots(20, ("李二", Circle)), .. second.Ballots(15)]).Adjudicated;
        Assert.Equal(["王一"], elected.Contests.Single().Outcome!.Elected);
        var person = Assert.Single(ElectedPeople.Of(round, elected));
        Assert.Equal(("王一", 2, 25), (person.Name, person.Round, person.Votes));
        // Whether a woman sits on the committee was said of the first round: a 另行选举 of the other seats says nothing of it.
        Assert.DoesNotContain(elected.Notes, n => n.Code is CountNoteCode.NoWomanElected or CountNoteCode.WomenElected);

        // 王一 19 of 60 (under a third): nobody is elected, the seat stays empty.
        var short_ = second.Count([.. second.Ballots(19, ("王一", Circle)), .. second.Ballots(18, ("李二", Circle)), .. second.Ballots(23)]).Adjudicated;
        Assert.Empty(short_.Contests.Single().Outcome!.Elected);
        Assert.Equal(1, short_.Contests.Single().Outcome!.SeatsLeft);
        Assert.Equal("rule-test-r3", SupplementaryRound.From(round, short_).Round!.Definition.Id);
    }

    [Fact]
    public void A_tie_at_the_cut_off_stands_together_or_is_left_to_the_meeting_never_broken()
    {
        // 王一 28, 李二 and 张三 16 each: one place after 王一, two people for it.
        var all = Villagers();
        var (round, _) = SupplementaryRound.From(all.Definition, all.Count(FirstRound(all, 28, 16, 16)).Adjudicated);
        Assert.Equal([("王一", false), ("李二", true), ("张三", true)], round!.Contests.Single().Standing.Select(s => (s.Name, s.Tied)));

        var meeting = Villagers(new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, SupplementaryTies = SupplementaryTies.MeetingDecides });
        var tally = meeting.Count(FirstRound(meeting, 28, 16, 16)).Adjudicated;
        var problem = Assert.Single(SupplementaryRound.From(meeting.Definition, tally).Problems);
        Assert.Equal((NextRoundProblemCode.TieForTheMeeting, "director", 1), (problem.Code, problem.Contest, problem.Figure));
        Assert.Equal(["李二", "张三"], problem.Names);

        Assert.Equal(["王一", "张三"], SupplementaryRound.From(meeting.Definition, tally, ["张三"]).Round!.Definition.Contests.Single().Candidates.Select(c => c.Name));
        Assert.Equal(NextRoundProblemCode.ChosenNotAmongTied, Assert.Single(SupplementaryRound.From(meeting.Definition, tally, ["王一"]).Problems).Code);
        Assert.Equal(NextRoundProblemCode.ChosenNotAmongTied, Assert.Single(SupplementaryRound.From(meeting.Definition, tally, ["李二", "张三"]).Problems).Code);
    }

    [Fact]
    public void A_seat_held_for_a_woman_is_contested_by_the_women_with_the_most_votes()
    {
        var f = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, WomenSeat = WomenSeatRule.Reserved },
            CountingFixture.Contest("member", 2, 0, "男甲", "男乙", "女丙", "女丁", "女戊"));
        var tally = f.Count([.. f.Ballots(40, ("男甲", Circle), ("男乙", Circle)), .. f.Ballots(1, ("男甲", Circle)), .. f.Ballots(12, ("女丙", Circle)), .. f.Ballots(8, ("女丁", Circle), ("女戊", Circle)), .. f.Ballots(2, ("女戊", Circle))]).Adjudicated;
        Assert.Equal(["男甲"], tally.Contests.Single().Outcome!.Elected); // 男乙's seat held for a woman

        var contest = SupplementaryRound.From(f.Definition, tally).Round!.Contests.Single();
        Assert.True(contest.WomenOnly);
        Assert.Equal(["女丙", "女戊"], contest.Standing.Select(s => s.Name));
    }

    [Fact]
    public void No_round_is_drawn_from_a_count_still_waiting_an_invalid_election_or_one_with_every_seat_filled()
    {
        var f = Villagers();
        var sheets = FirstRound(f);
        sheets[0] = f.Ballot(new Dictionary<string, MarkSymbol> { ["王一"] = Circle }, "王一");
        var waiting = Assert.Single(SupplementaryRound.From(f.Definition, f.Count(sheets).Adjudicated).Problems);
        Assert.Equal((NextRoundProblemCode.StillWaiting, 1), (waiting.Code, waiting.Figure));
        Assert.Equal(NextRoundProblemCode.StillWaiting, Assert.Single(SupplementaryRound.From(f.Definition, f.Count(FirstRound(f)).MachineOnly).Problems).Code);

        // 40 of 100 registered voted: the election is void and held again, not completed.
        Assert.Equal(NextRoundProblemCode.ElectionNotValid, Assert.Single(SupplementaryRound.From(f.Definition, f.Count(FirstRound(f, 20, 10, 10)).Adjudicated).Problems).Code);

        var filled = f.Count([.. f.Ballots(40, ("王一", Circle), ("赵四", Circle), ("钱五", Circle)), .. f.Ballots(20)]).Adjudicated;
        Assert.Equal(NextRoundProblemCode.NoSeatLeft, Assert.Single(SupplementaryRound.From(f.Definition, filled).Problems).Code);
    }

    [Fact]
    public void A_first_vote_names_no_round_and_a_supplementary_round_names_its_number_and_first_round()
    {
        var f = Villagers();
        Assert.DoesNotContain(ElectionValidator.Validate(f.Definition), p => p.Code == DefinitionProblemCode.BadRound);
        foreach (var bad in new[]
        {
            f.Definition with { RoundNumber = 2 },
            f.Definition with { Round = ElectionRound.Supplementary },
            f.Definition with { Round = ElectionRound.Supplementary, RoundNumber = 2, FirstRound = f.Definition.Id },
            f.Definition with { Id = "rule-test-r2", Round = ElectionRound.Supplementary, RoundNumber = 1, FirstRound = "rule-test" },
        })
        {
            Assert.Contains(ElectionValidator.Validate(bad), p => p.Code == DefinitionProblemCode.BadRound);
        }
    }
}
