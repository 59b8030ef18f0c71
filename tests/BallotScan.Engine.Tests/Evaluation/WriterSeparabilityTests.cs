using BallotScan.Lab.Evaluation;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Evaluation;

/// <summary>
/// The separability measure of issue 17 (`real-marks separability`): which drawings the network may see, and what its
/// probabilities on a writer's unseen drawings mean for the scrutineers.
/// </summary>
public sealed class WriterSeparabilityTests
{
    private static readonly RealMarkSet s_set = RealMarkSet.Load(RepositoryFiles.Path("calibration/real-marks/hand-drawn-shapes.bin.gz"));

    private static int Number(RealDrawing d) => int.Parse(d.Source.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(SeparabilityFit.Own)]
    [InlineData(SeparabilityFit.OtherFolds)]
    [InlineData(SeparabilityFit.Both)]
    public void The_writer_s_drawings_scored_are_never_fitted_and_the_writer_s_fold_mates_never_seen(SeparabilityFit fit)
    {
        var (fitted, scored) = WriterSeparability.Split(s_set, "if8", fit);

        var if8 = s_set.Drawings.Where(d => d.Writer == "if8" && d.Truth is not null).ToList();
        Assert.Equal(if8.Where(d => Number(d) % 2 == 1).Select(d => d.Source).Order(), scored.Select(d => d.Source).Order());
        Assert.Empty(fitted.Select(d => (d.Writer, d.Source)).Intersect(scored.Select(d => (d.Writer, d.Source))));
        Assert.All(fitted, d => Assert.NotNull(d.Truth));
        var writers = fitted.Select(d => d.Writer).Distinct().ToHashSet();
        // Fold 2's other writers (drt, elu, u04…) are the shipped fit's held-out hands: no separability fit sees them either.
        Assert.Empty(writers.Intersect(RealMarkFolds.Folds[2].Where(w => w != "if8")));
        Assert.Equal(fit != SeparabilityFit.OtherFolds, writers.Contains("if8"));
        Assert.Equal(fit == SeparabilityFit.Own ? 1 : RealMarkFolds.FitWriters(2).Count + 1 - (fit == SeparabilityFit.OtherFolds ? 1 : 0), writers.Count);
        Assert.Equal(fit == SeparabilityFit.OtherFolds ? 0 : if8.Count(d => Number(d) % 2 == 0), fitted.Count(d => d.Writer == "if8"));
    }

    [Fact]
    public void A_writer_outside_the_folds_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WriterSeparability.Split(s_set, "u99", SeparabilityFit.Both));
    }

    [Fact]
    public void To_count_no_other_drawing_every_circle_at_or_below_the_likeliest_other_goes_to_a_person()
    {
        var blank = new byte[RealMarkSet.Side * RealMarkSet.Side];
        RealDrawing Drawing(MarkSymbol truth, int n) => new("w", truth == MarkSymbol.Circle ? RealShape.Ellipse : RealShape.Rectangle, $"shape.w.{n:0000}.png", null, truth, blank);
        (RealDrawing, double?)[] scored =
        [
            .. Enumerable.Range(0, 40).Select(k => (Drawing(MarkSymbol.Circle, k), (double?)(0.5 + (k / 100.0)))), // ○ at 0.50 … 0.89
            (Drawing(MarkSymbol.Circle, 40), null), // no ink to score: to a person whatever the threshold
            (Drawing(MarkSymbol.Other, 41), 0.705),
            (Drawing(MarkSymbol.Other, 42), 0.505),
            (Drawing(MarkSymbol.Other, 43), 0.1),
            (Drawing(MarkSymbol.Other, 44), null),
        ];

        var figures = WriterSeparability.Measure("w", SeparabilityFit.Both, 100, scored);

        Assert.Equal((41, 4), (figures.Circles, figures.Others));
        Assert.Equal((0.705, "shape.w.0041.png"), (figures.HighestOther, figures.HighestOtherSource));
        // At or below 0.705: the one without ink and those of 0.50 … 0.70 (21 of them).
        Assert.Equal(22 / 41.0, figures.CircleReviewToCountNone, 9);
        // 3 % of 41 is one ○: the one without ink goes to a person, the threshold is the next, 0.50, and both others above it are counted.
        Assert.Equal(0.5, figures.ThresholdAtTarget, 9);
        Assert.Equal(["shape.w.0041.png", "shape.w.0042.png"], figures.OthersCountedAtTarget);
        Assert.Equal(["shape.w.0040.png", .. Enumerable.Range(0, 11).Select(k => $"shape.w.{k:0000}.png")], figures.CirclesLeastLike);
    }

    [Fact]
    public void Drawings_the_network_tells_apart_cost_no_circle_to_a_person()
    {
        var blank = new byte[RealMarkSet.Side * RealMarkSet.Side];
        (RealDrawing, double?)[] scored =
        [
            (new("w", RealShape.Ellipse, "ellipse.w.0001.png", 0.9, MarkSymbol.Circle, blank), 0.99),
            (new("w", RealShape.Ellipse, "ellipse.w.0003.png", 0.8, MarkSymbol.Circle, blank), 0.95),
            (new("w", RealShape.Triangle, "triangle.w.0005.png", null, MarkSymbol.Other, blank), 0.2),
        ];

        var figures = WriterSeparability.Measure("w", SeparabilityFit.Own, 3, scored);

        Assert.Equal(0, figures.CircleReviewToCountNone);
        Assert.Empty(figures.OthersCountedAtTarget);
    }
}
