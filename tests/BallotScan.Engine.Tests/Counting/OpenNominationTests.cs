using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;
using static BallotScan.Engine.Recognition.MarkSymbol;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>
/// Issue 35: elections without candidates (无候选人选举, "海选"): a contest that lists nobody and has a name cell per seat; every
/// vote a name written; cumulative counting across posts and a name written in two posts as rule settings; and, read from
/// scans of the generator's voters, the tallies equal its truth with cumulative counting on and off.
/// </summary>
public sealed class OpenNominationTests
{
    private static Contest Open(string id, int seats) => new() { Id = id, Title = id, Seats = seats, WriteIns = seats, OpenNomination = true };

    private static CountingFixture Village(bool cascade = false, SameNameInTwoPosts twice = SameNameInTwoPosts.CountInEach) =>
        new(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational, CascadeVotes = cascade, SameNameInTwoPosts = twice, WriteInWithoutCircle = WriteInWithoutCircle.Approve },
            Open("director", 1), Open("deputy", 1));

    /// <summary><paramref name="count"/> ballots with the names written (post → name, ○ in the box), and the scrutineers' reading of each name.</summary>
    private static (List<SheetInterpretation> Sheets, List<Adjudication> Decisions) Written(CountingFixture f, int count, string? director, string? deputy)
    {
        var sheets = new List<SheetInterpretation>();
        var decisions = new List<Adjudication>();
        for (var i = 0; i < count; i++)
        {
            var marks = new List<(string, MarkSymbol)>();
            if (director is not null)
            {
                marks.Add(("director/w1", Circle));
            }

            if (deputy is not null)
            {
                marks.Add(("deputy/w1", Circle));
            }

            var sheet = f.Ballot([.. marks]);
            sheets.Add(sheet);
            if (director is not null)
            {
                decisions.Add(CountingFixture.Decide(sheet, "director/w1", Circle, director));
            }

            if (deputy is not null)
            {
                decisions.Add(CountingFixture.Decide(sheet, "deputy/w1", Circle, deputy));
            }
        }

        return (sheets, decisions);
    }

    private static CountResult Count(CountingFixture f, params (int Count, string? Director, string? Deputy)[] ballots)
    {
        var made = ballots.Select(b => Written(f, b.Count, b.Director, b.Deputy)).ToList();
        return f.Count([.. made.SelectMany(m => m.Sheets)], null, [.. made.SelectMany(m => m.Decisions)]);
    }

    [Fact]
    public void A_contest_without_candidates_validates_with_a_name_cell_per_seat_and_prints_them()
    {
        var definition = ElectionJson.Load(RepositoryFiles.Path("examples/villagers-committee-open.json"));
        Assert.DoesNotContain(ElectionValidator.Validate(definition), p => p.Severity == ProblemSeverity.Error);
        Assert.All(definition.Contests, c => Assert.True(c.OpenNomination && c.Candidates.Count == 0 && c.WriteIns == c.Seats));
        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        Assert.Equal(definition.Contests.Sum(c => c.Seats), layout.AllBoxes.Count(b => b.Kind == BoxKind.WriteIn));
        Assert.Contains(layout.Pages[0].Texts, t => t.Text == "第3人");
        Assert.DoesNotContain(layout.Pages[0].Texts, t => t.Text == BallotWording.WriteInLabel);
        Assert.StartsWith("1. 本选票不列候选人：在“姓名”栏内写上你所选的人的姓名，每栏写一人", BallotWording.Instructions(definition)[0], StringComparison.Ordinal);

        // Open, with a listed name or a cell per seat missing: said, with the way to write it.
        foreach (var bad in new[] { Open("x", 2) with { WriteIns = 1 }, Open("x", 1) with { Candidates = [new Candidate { Name = "张三" }] } })
        {
            var problems = ElectionValidator.Validate(definition with { Contests = [bad] });
            Assert.Contains(problems, p => p.Code == DefinitionProblemCode.OpenNominationCells);
        }

        // Not marked open, no candidates is the 差额 rule's problem still (a list forgotten is not an open election).
        Assert.Contains(ElectionValidator.Validate(definition with { Contests = [Open("x", 1) with { OpenNomination = false }] }), p => p.Code == DefinitionProblemCode.TooFewCandidates);
    }

    [Fact]
    public void Cumulative_counting_weighs_the_votes_of_a_higher_post_for_everyone_not_elected_to_it()
    {
        // 60 voters: nobody passes half (30) for 主任, nor for 副主任 on its own votes.
        (int, string?, string?)[] ballots = [(25, "张三", "王五"), (22, "李四", "李四"), (13, "王五", "赵六")];
        var off = Count(Village(cascade: false), ballots).Adjudicated;
        Assert.Empty(off.Contests[0].Outcome!.Elected);
        Assert.Empty(off.Contests[1].Outcome!.Elected);

        // Counted cumulatively, 副主任 adds each one's 主任 votes: 李四 22 + 22, 王五 25 + 13, and 张三, written for 主任 only, 25.
        var on = Count(Village(cascade: true), ballots).Adjudicated;
        Assert.Empty(on.Contests[0].Outcome!.Elected);
        Assert.Equal(["李四"], on.Contests[1].Outcome!.Elected);
        Assert.Equal([("李四", 44), ("王五", 38), ("张三", 25), ("赵六", 13)], on.Contests[1].WriteIns.Select(w => (w.Name, w.Total)));
        Assert.Equal((0, 25), on.Contests[1].WriteIns.Where(w => w.Name == "张三").Select(w => (w.Approve, w.CascadedApprovals)).Single());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_from_scans_of_villagers_writing_names_the_count_equals_the_truth(bool cascade)
    {
        var definition = ElectionJson.Load(RepositoryFiles.Path("examples/villagers-committee-open.json"));
        definition = definition with { Rules = definition.Rules with { CascadeVotes = cascade } };
        var options = new SynthesisOptions { Seed = 6401, RescanRate = 0 }.OnlyBallots();
        using var synthesizer = new BallotSynthesizer(definition, options);
        var reader = new BallotReader([synthesizer.Layout], MarkClassifier.Shipped);
        var made = Enumerable.Range(0, 80).AsParallel().AsOrdered().Select(i => synthesizer.Generate(i)).ToList();
        var read = made.AsParallel().AsOrdered().SelectMany(s => reader.ReadFile(s.Bytes, s.Truth.File)).ToList();
        var truths = made.Select(s => s.Truth).ToList();
        Assert.True(truths.Sum(t => t.Boxes.Count(b => b.WriteInName is not null)) > 100, "the voters write names");

        var decisions = TruthCount.Scrutinise(read, truths.ToDictionary(t => t.Sha256, StringComparer.Ordinal), synthesizer.Layout);
        var figures = new MeetingFigures { Issued = made.Count, Returned = made.Count };
        var counted = ElectionCount.Run(definition, synthesizer.Layout, read, decisions, figures);
        var truth = TruthCount.Run(definition, synthesizer.Layout, truths, figures);
        Assert.Empty(counted.ReviewList);
        Assert.Equal(ResultLines.Of(truth.Adjudicated), ResultLines.Of(counted.Adjudicated));
        Assert.Equal(truth.Adjudicated.Contests.Select(c => string.Join("、", c.WriteIns.Select(w => $"{w.Name}{w.Total}"))), counted.Adjudicated.Contests.Select(c => string.Join("、", c.WriteIns.Select(w => $"{w.Name}{w.Total}"))));
    }

    [Fact]
    public void A_name_written_in_two_posts_counts_in_each_or_in_the_higher_post_only()
    {
        (int, string?, string?)[] ballots = [(20, "张三", "张三"), (30, "李四", "王五"), (10, null, "张三")];
        var each = Count(Village(twice: SameNameInTwoPosts.CountInEach), ballots).Adjudicated;
        Assert.Equal(30, each.Contests[1].WriteIns.Single(w => w.Name == "张三").Approve);
        var higher = Count(Village(twice: SameNameInTwoPosts.HigherPostOnly), ballots).Adjudicated;
        Assert.Equal(10, higher.Contests[1].WriteIns.Single(w => w.Name == "张三").Approve);
        Assert.Equal(30, higher.Contests[1].WriteIns.Single(w => w.Name == "王五").Approve);
        Assert.Equal(each.Contests[0].WriteIns.Select(w => (w.Name, w.Approve)), higher.Contests[0].WriteIns.Select(w => (w.Name, w.Approve)));
    }
}
