using System.Collections.Concurrent;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;
using BallotScan.Engine.Tests.Recognition;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>
/// A synthetic election of 500 ballots with known truth, scanned, read, reviewed and counted: after the scrutineers decide
/// every item on the review list, the tally equals the truth; a mistake in the hand count is found and its ballot listed.
/// </summary>
public class EndToEndCountTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    private const int Ballots = 500;

    /// <summary>A batch scanned and read; its true count; and its count with the decisions careful scrutineers make on the review list.</summary>
    /// <param name="Sheets">The readings.</param>
    /// <param name="Truth">The count of what the voters marked.</param>
    /// <param name="Figures">The meeting's figures.</param>
    /// <param name="Counted">The machine's count with the scrutineers' decisions.</param>
    private sealed record Batch(IReadOnlyList<SheetInterpretation> Sheets, CountResult Truth, MeetingFigures Figures, CountResult Counted);

    private static readonly ConcurrentDictionary<int, Batch> s_batches = new();

    private Batch Scanned(int seed) => s_batches.GetOrAdd(seed, _ =>
    {
        // Ballots only, with the generator's voters: write-ins, √, corrections, over-votes, strays, pale pens and scanner faults.
        var options = new SynthesisOptions { Seed = seed, RescanRate = 0 }.OnlyBallots();
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        var sheets = new SyntheticSheet[Ballots];
        var read = new IReadOnlyList<SheetInterpretation>[Ballots];
        Parallel.For(0, Ballots, i =>
        {
            sheets[i] = synthesizer.Generate(i);
            read[i] = fixture.Reader.ReadFile(sheets[i].Bytes, sheets[i].Truth.File);
        });
        var truths = sheets.Select(s => s.Truth).ToList();
        var figures = new MeetingFigures { Due = fixture.Definition.Electorate.Registered, Issued = Ballots, Returned = Ballots };
        var sheetsRead = read.SelectMany(r => r).ToList();
        var decisions = TruthCount.Scrutinise(sheetsRead, truths.ToDictionary(t => t.Sha256, StringComparer.Ordinal), fixture.Layout);
        return new Batch(sheetsRead, TruthCount.Run(fixture.Definition, fixture.Layout, truths, figures), figures,
            ElectionCount.Run(fixture.Definition, fixture.Layout, sheetsRead, decisions, figures));
    });

    [Fact]
    public void After_the_scrutineers_decide_the_review_list_the_tally_equals_the_truth()
    {
        var batch = Scanned(61);
        var counted = batch.Counted;
        Assert.True(counted.MachineOnly.PendingSheets > 0, "the batch should hold marks the machine leaves to a person");
        Assert.True(counted.MachineOnly.Provisional);

        Assert.Empty(counted.ReviewList);
        Assert.Equal(Ballots, counted.Adjudicated.ValidBallots + counted.Adjudicated.VoidBallots);
        Assert.Equal(ResultLines.Of(batch.Truth.Adjudicated), ResultLines.Of(counted.Adjudicated));
        Assert.Equal(batch.Truth.Adjudicated.Contests.Select(c => c.Outcome?.Elected), counted.Adjudicated.Contests.Select(c => c.Outcome?.Elected));
        Assert.All(counted.Adjudicated.Contests, c => Assert.True(c.InvariantHolds, c.ContestId));
    }

    [Fact]
    public void A_mistake_in_the_hand_count_is_found_and_its_ballot_is_listed()
    {
        var batch = Scanned(61);
        var counted = batch.Counted;
        var (hand, mistakeSheet) = TruthCount.HandTallyWithOneMistake(batch.Truth, counted.Records);

        var report = Reconciler.Compare(hand, counted.Adjudicated, counted.Records, fixture.Definition.RuleProfile);

        Assert.Equal(2, report.Differences.Count); // the ○ missing from 赞成 and the × too many in 不赞成
        Assert.Equal([LineKind.Approve, LineKind.Disapprove], report.Differences.Select(d => d.Line.Kind).Order());
        Assert.Single(report.Differences.Select(d => (d.Line.Contest, d.Line.Name)).Distinct());
        Assert.All(report.Differences, d => Assert.Contains(d.Suspects, s => s.Sheet == mistakeSheet));
    }

    [Fact]
    public void The_hand_count_of_the_truth_agrees_on_every_line()
    {
        var batch = Scanned(61);
        var counted = batch.Counted;
        var report = Reconciler.Compare(ResultLines.Of(batch.Truth.Adjudicated), counted.Adjudicated, counted.Records, fixture.Definition.RuleProfile);
        Assert.True(report.Agrees, string.Join("; ", report.Differences.Select(d => $"{d.Line}: hand {d.Hand}, machine {d.Machine}")));
        Assert.True(report.LinesCompared > 30);
    }
}
