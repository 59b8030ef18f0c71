using BallotScan.Lab.Evaluation;

namespace BallotScan.Engine.Tests.Evaluation;

/// <summary>What the ○ threshold alone could trade on real drawings, as `evaluate` reports it (issue 17).</summary>
public sealed class CircleThresholdTradeTests
{
    [Fact]
    public void The_threshold_must_pass_every_other_drawing_read_as_a_circle_and_the_real_circles_at_or_below_it_go_to_a_person()
    {
        CircleScore[] scores =
        [
            new(RealCircle: true, 0.9990, CountedNow: false),
            new(RealCircle: true, 0.9995, CountedNow: true),
            new(RealCircle: true, null, CountedNow: false), // a guard against it: no threshold counts it
            new(RealCircle: true, 0.99999, CountedNow: true),
            new(RealCircle: false, 0.9995, CountedNow: true), // an "other" drawing counted as ○ now
            new(RealCircle: false, 0.9980, CountedNow: false),
            new(RealCircle: false, null, CountedNow: false), // read as something else: the ○ threshold does not matter
        ];

        var trade = CircleThresholdTrade.Of(scores)!;

        Assert.Equal((4, 2, 0.9995), (trade.RealCircles, trade.OthersReadAsCircle, trade.ThresholdCountingNoOther!.Value));
        Assert.Equal(0.75, trade.RealCircleReviewThen, 6); // 0.9990, the guarded one, and 0.9995 (not above the threshold)
        Assert.Equal(0.5, trade.RealCircleReviewNow, 6);
    }

    [Fact]
    public void Without_real_circles_there_is_nothing_to_trade_and_without_others_read_as_circles_no_threshold_is_needed()
    {
        Assert.Null(CircleThresholdTrade.Of([new(RealCircle: false, 0.99, CountedNow: true)]));
        var trade = CircleThresholdTrade.Of([new(RealCircle: true, 0.999, CountedNow: true), new(RealCircle: false, null, CountedNow: false)])!;
        Assert.Null(trade.ThresholdCountingNoOther);
        Assert.Equal(0, trade.RealCircleReviewThen);
    }
}
