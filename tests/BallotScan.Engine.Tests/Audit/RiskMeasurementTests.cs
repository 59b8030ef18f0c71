using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Audit;

/// <summary>The Kaplan-Markov risk of a ballot-comparison spot-check, against the worked example of its reference.</summary>
public sealed class RiskMeasurementTests
{
    /// <summary>
    /// P. B. Stark, "Super-Simple Simultaneous Single-Ballot Risk-Limiting Audits" (EVT/WOTE 2010), Table 3: 500 ballots
    /// audited, diluted margin 2 %, γ = 1.01; P-values 0.007 with no discrepancy, 0.054 with three one-vote
    /// overstatements, 0.698 with one two-vote overstatement, 1 with two.
    /// </summary>
    [Theory]
    [InlineData(0, 0, 0.007)]
    [InlineData(3, 0, 0.054)]
    [InlineData(0, 1, 0.698)]
    [InlineData(0, 2, 1.000)]
    public void The_P_value_matches_Starks_table_3(int oneOver, int twoOver, double expected)
    {
        Assert.Equal(expected, Math.Round(KaplanMarkov.PValue(500, 0.02, 1.01, oneOver, twoOver, 0, 0), 3));
    }

    [Fact]
    public void Understatements_lower_the_risk_and_the_sample_size_is_the_first_that_reaches_the_limit()
    {
        var plain = KaplanMarkov.PValue(100, 0.05, KaplanMarkov.DefaultGamma, 0, 0, 0, 0);
        Assert.True(KaplanMarkov.PValue(100, 0.05, KaplanMarkov.DefaultGamma, 0, 0, 1, 0) < plain);
        Assert.True(KaplanMarkov.PValue(100, 0.05, KaplanMarkov.DefaultGamma, 0, 0, 0, 1) < KaplanMarkov.PValue(100, 0.05, KaplanMarkov.DefaultGamma, 0, 0, 1, 0));
        var n = KaplanMarkov.SampleSize(0.1, 0.05, KaplanMarkov.DefaultGamma);
        Assert.True(KaplanMarkov.PValue(n, 0.05, KaplanMarkov.DefaultGamma, 0, 0, 0, 0) <= 0.1);
        Assert.True(KaplanMarkov.PValue(n - 1, 0.05, KaplanMarkov.DefaultGamma, 0, 0, 0, 0) > 0.1);
        Assert.Equal(1, KaplanMarkov.PValue(1000, 0, KaplanMarkov.DefaultGamma, 0, 0, 0, 0));
    }

    [Fact]
    public void A_spot_check_that_agrees_reaches_the_risk_of_the_smallest_margin_and_a_lost_approval_counts_as_one_vote_over()
    {
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = 8801 }.OnlyBallots());
        var truths = Enumerable.Range(0, 150).Select(i => synthesizer.Generate(i).Truth).ToList();
        var count = TruthCount.Run(definition, layout, truths, new MeetingFigures { Due = 150, Present = 150, Issued = 150, Returned = 150 });
        var tally = count.Adjudicated;
        var sample = count.Records.Take(60).Select(r => new AuditedBallot(r, r)).ToList();

        var risks = RiskMeasurement.Measure(tally, sample);
        Assert.Equal(tally.Contests.Count, risks.Count);
        foreach (var (risk, contest) in risks.Zip(tally.Contests))
        {
            if (risk.Note is not null)
            {
                Assert.Equal(1, risk.Risk);
                continue;
            }

            // Every elected person is asserted to keep the seat rule's threshold.
            Assert.All(contest.Outcome!.Elected, name => Assert.Contains(risk.Assertions, a => a.Plus == name && a.Minus is null));
            Assert.Equal((double)risk.Assertions.Min(a => a.Margin) / 150, risk.DilutedMargin, 12);
            Assert.Equal(KaplanMarkov.PValue(60, risk.DilutedMargin, KaplanMarkov.DefaultGamma, 0, 0, 0, 0), risk.Risk, 12);
        }

        // The auditor finds one ballot read wrongly where it matters to the outcome: for an elected person, a ○ that is
        // really ×; for one not elected, a × that is really ○. That is a one-vote overstatement, in that contest only.
        var contestRisk = risks.First(r => r.Note is null);
        var assertion = contestRisk.Assertions[0];
        var (person, from, to) = assertion.Plus is { } plus ? (plus, Vote.Approve, Vote.Disapprove) : (assertion.Minus!, Vote.Disapprove, Vote.Approve);
        var index = sample.FindIndex(b => b.Counted.Contests.Any(c => c.ContestId == contestRisk.ContestId && c.Status == ContestStatus.Valid && c.Candidates.Any(m => m.Candidate == person && m.Vote == from)));
        var counted = sample[index].Counted;
        var audited = counted with
        {
            Contests = [.. counted.Contests.Select(c => c.ContestId != contestRisk.ContestId ? c : c with
            {
                Candidates = [.. c.Candidates.Select(m => m.Candidate == person ? m with { Vote = to } : m)],
            })],
        };
        sample[index] = new AuditedBallot(counted, audited);
        var after = RiskMeasurement.Measure(tally, sample).Single(r => r.ContestId == contestRisk.ContestId);
        Assert.Equal(1, after.OneOver);
        Assert.Equal(0, after.TwoOver);
        Assert.Equal(KaplanMarkov.PValue(60, after.DilutedMargin, KaplanMarkov.DefaultGamma, 1, 0, 0, 0), after.Risk, 12);
        Assert.All(RiskMeasurement.Measure(tally, sample).Where(r => r.ContestId != contestRisk.ContestId), r => Assert.Equal(0, r.OneOver + r.TwoOver));
    }

    [Fact]
    public void A_contest_the_audited_reading_voids_takes_away_the_approvals_it_had()
    {
        // Seen on the image: one ○ more than the seats in a contest. The rules void that contest on the ballot, so every
        // approval it had is gone: for an elected person that is a one-vote overstatement; for a person not elected, an
        // understatement of one margin only, which is no discrepancy at all.
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = 8801 }.OnlyBallots());
        var truths = Enumerable.Range(0, 150).Select(i => synthesizer.Generate(i).Truth).ToList();
        var count = TruthCount.Run(definition, layout, truths, new MeetingFigures { Due = 150, Present = 150, Issued = 150, Returned = 150 });
        var contest = count.Adjudicated.Contests.First(c => c.Outcome is { Elected.Count: > 0 });
        var elected = contest.Outcome!.Elected;
        CastVoteRecord Voided(CastVoteRecord r) => r with { Contests = [.. r.Contests.Select(c => c.ContestId == contest.ContestId ? c with { Status = ContestStatus.OverVote } : c)] };
        bool Approves(CastVoteRecord r, Func<string, bool> who) => r.Contests.Any(c => c.ContestId == contest.ContestId && c.Status == ContestStatus.Valid && c.Candidates.Any(m => who(m.Candidate) && m.Vote == Vote.Approve));

        var forWinner = count.Records.First(r => Approves(r, elected.Contains));
        var onlyForOthers = count.Records.First(r => !Approves(r, elected.Contains) && Approves(r, n => !elected.Contains(n)));

        var winner = RiskMeasurement.Measure(count.Adjudicated, [new AuditedBallot(forWinner, Voided(forWinner))]).Single(r => r.ContestId == contest.ContestId);
        Assert.Equal((1, 0), (winner.OneOver, winner.TwoOver));
        var other = RiskMeasurement.Measure(count.Adjudicated, [new AuditedBallot(onlyForOthers, Voided(onlyForOthers))]).Single(r => r.ContestId == contest.ContestId);
        Assert.Equal((0, 0, 0, 0), (other.OneOver, other.TwoOver, other.OneUnder, other.TwoUnder));
    }
}
