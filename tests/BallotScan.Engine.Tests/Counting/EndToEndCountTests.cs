using System.Collections.Concurrent;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Synthesis;
using BallotScan.Engine.Tests.Recognition;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>
/// A synthetic election of 500 ballots with known truth, scanned, read, reviewed and counted: after the scrutineers decide
/// every item on the review list, the tally equals the truth; a mistake in the hand count is found and its ballot listed.
/// </summary>
public class EndToEndCountTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    private const int Ballots = 500;

    private sealed record Batch(IReadOnlyList<SheetInterpretation> Sheets, IReadOnlyList<SheetTruth> Truths, CountResult Truth, MeetingFigures Figures);

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
        return new Batch(read.SelectMany(r => r).ToList(), truths, TruthCount.Run(fixture.Definition, fixture.Layout, truths, figures), figures);
    });

    [Fact]
    public void After_the_scrutineers_decide_the_review_list_the_tally_equals_the_truth()
    {
        var batch = Scanned(61);
        var machineOnly = ElectionCount.Run(fixture.Definition, fixture.Layout, batch.Sheets, [], batch.Figures);
        Assert.True(machineOnly.ReviewList.Count > 0, "the batch should hold marks the machine leaves to a person");
        Assert.True(machineOnly.Adjudicated.Provisional);

        var decisions = TruthCount.Scrutinise(batch.Sheets, batch.Truths.ToDictionary(t => t.Sha256, StringComparer.Ordinal));
        var counted = ElectionCount.Run(fixture.Definition, fixture.Layout, batch.Sheets, decisions, batch.Figures);

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
        var decisions = TruthCount.Scrutinise(batch.Sheets, batch.Truths.ToDictionary(t => t.Sha256, StringComparer.Ordinal));
        var counted = ElectionCount.Run(fixture.Definition, fixture.Layout, batch.Sheets, decisions, batch.Figures);
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
        var decisions = TruthCount.Scrutinise(batch.Sheets, batch.Truths.ToDictionary(t => t.Sha256, StringComparer.Ordinal));
        var counted = ElectionCount.Run(fixture.Definition, fixture.Layout, batch.Sheets, decisions, batch.Figures);
        var report = Reconciler.Compare(ResultLines.Of(batch.Truth.Adjudicated), counted.Adjudicated, counted.Records, fixture.Definition.RuleProfile);
        Assert.True(report.Agrees, string.Join("; ", report.Differences.Select(d => $"{d.Line}: hand {d.Hand}, machine {d.Machine}")));
        Assert.True(report.LinesCompared > 30);
    }
}
