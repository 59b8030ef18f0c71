using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>The symbol guards: a mark is counted as ○, × or √ only when it has that symbol's shape.</summary>
public class SymbolGuardTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    /// <summary>Features of a clean two-stroke mark: the values the guards read set, the rest mid-range.</summary>
    private static double[] Features(double secondStroke, double balance, double coverage = 0.4)
    {
        var f = Enumerable.Repeat(0.3, MarkFeatures.Count).ToArray();
        (f.At(MarkFeature.SecondStroke), f.At(MarkFeature.CrossBalance), f.At(MarkFeature.AngularCoverage)) = (secondStroke, balance, coverage);
        (f.At(MarkFeature.TwoLineFit), f.At(MarkFeature.ScanRuns)) = (0.95, 2 / 8.0);
        return f;
    }

    private static IReadOnlyList<SymbolGuard> Guards(MarkSymbol symbol, double[] features, MarkGeometry geometry) =>
        SymbolGuards.Check(new SymbolGuards.Evidence(symbol, features, geometry, 0, 0, 0), MarkClassifier.Shipped);

    [Theory]
    [InlineData(0, 90, true)] // +
    [InlineData(5, 95, true)]
    [InlineData(40, 130, false)] // ×
    [InlineData(62, 118, false)] // a tall ×
    public void A_cross_must_lie_diagonal_to_the_box(double first, double second, bool fires)
    {
        var guards = Guards(MarkSymbol.Cross, Features(0.9, 0.45), new MarkGeometry(null, null, null, [first, second], new PointD(0.5, 0.5), 90));
        Assert.Equal(fires, guards.Contains(SymbolGuard.CrossNotDiagonal));
    }

    [Fact]
    public void A_cross_must_cross_near_the_middles_of_its_strokes()
    {
        Assert.Contains(SymbolGuard.CrossNotAtMiddles, Guards(MarkSymbol.Cross, Features(0.9, 0.02), new MarkGeometry(null, null, null, [45, 135], new PointD(0.5, 1), 60)));
        Assert.DoesNotContain(SymbolGuard.CrossNotAtMiddles, Guards(MarkSymbol.Cross, Features(0.9, 0.4), new MarkGeometry(null, null, null, [45, 135], new PointD(0.5, 0.5), 90)));
    }

    [Theory]
    [InlineData(0.45, 0.02, 0.95, 72, null)] // √
    [InlineData(0.97, 0.02, 0.95, 60, SymbolGuard.CheckEqualLegs)] // V
    [InlineData(0.3, 0.02, 0.05, 60, SymbolGuard.CheckNotAVertex)] // 1 or 7: meeting at the top
    [InlineData(0.45, 0.02, 0.95, 125, SymbolGuard.CheckNotAVertex)] // legs wide open
    [InlineData(0.6, 0.45, 0.5, 80, SymbolGuard.CheckNotAVertex)] // × with a bent stroke: crossing at the middles
    public void A_check_is_a_short_and_a_longer_stroke_meeting_low_at_an_acute_angle(double secondStroke, double balance, double vertexY, double legAngle, SymbolGuard? expected)
    {
        var guards = Guards(MarkSymbol.Check, Features(secondStroke, balance), new MarkGeometry(null, null, null, [55, 128], new PointD(0.3, vertexY), legAngle))
            .Where(g => g is SymbolGuard.CheckEqualLegs or SymbolGuard.CheckNotAVertex).ToList();
        Assert.Equal(expected is { } e ? [e] : [], guards);
    }

    [Fact]
    public void A_circle_must_be_a_smooth_closed_curve()
    {
        Assert.Contains(SymbolGuard.CircleNotSmooth, Guards(MarkSymbol.Circle, Features(0.3, 0.1, 1), new MarkGeometry(0.2, 150, null, [0, 90], null, null)));
        Assert.Contains(SymbolGuard.CircleNotSmooth, Guards(MarkSymbol.Circle, Features(0.3, 0.1, 1), MarkGeometry.None));
        Assert.DoesNotContain(SymbolGuard.CircleNotSmooth, Guards(MarkSymbol.Circle, Features(0.3, 0.1, 1), new MarkGeometry(0.02, 35, null, [0, 90], null, null)));
    }

    /// <summary>The ○ guards that fail for strokes drawn 5 px wide along <paramref name="strokes"/> (each t from 0 to 1 → x, y in −1…1) in a 136 px box.</summary>
    private static IReadOnlyList<SymbolGuard> CircleGuards(params Func<double, (double X, double Y)>[] strokes)
    {
        const int n = 136;
        var ink = new byte[n * n];
        foreach (var stroke in strokes)
        {
            for (var t = 0; t < 4000; t++)
            {
                var (x, y) = stroke(t / 4000.0);
                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        ink[((int)(68 + (40 * y) + dy) * n) + (int)(68 + (40 * x) + dx)] = 1;
                    }
                }
            }
        }

        var (features, geometry) = MarkFeatures.Measure(ink, n, 0.01);
        return [.. Guards(MarkSymbol.Circle, features, geometry).Where(g => g is SymbolGuard.CircleOpen or SymbolGuard.CircleNotSmooth or SymbolGuard.CirclePolygon or SymbolGuard.CircleInkInside)];
    }

    private static Func<double, (double X, double Y)> Ellipse(double cx, double cy, double rx, double ry, double from = 0, double to = 1) =>
        t => (cx + (rx * Math.Cos(2 * Math.PI * (from + ((to - from) * t)))), cy + (ry * Math.Sin(2 * Math.PI * (from + ((to - from) * t)))));

    [Fact]
    public void A_ring_is_smooth_and_round_and_a_square_or_triangle_is_a_polygon()
    {
        var ring = CircleGuards(Ellipse(0, 0, 1, 0.7));
        var square = CircleGuards(t => t < 0.25 ? (-1 + (8 * t), -1) : t < 0.5 ? (1, -1 + (8 * (t - 0.25))) : t < 0.75 ? (1 - (8 * (t - 0.5)), 1) : (-1, 1 - (8 * (t - 0.75))));
        var triangle = CircleGuards(t => t < 1 / 3.0 ? (-1 + (6 * t), 0.8) : t < 2 / 3.0 ? (1 - (3 * (t - (1 / 3.0))), 0.8 - (5.4 * (t - (1 / 3.0)))) : (-(3 * (t - (2 / 3.0))), -1 + (5.4 * (t - (2 / 3.0)))));

        Assert.Empty(ring);
        Assert.Contains(SymbolGuard.CirclePolygon, square);
        Assert.Contains(SymbolGuard.CirclePolygon, triangle);
    }

    [Fact]
    public void A_ring_with_a_face_or_a_dot_inside_is_no_circle_but_a_ring_with_its_own_inner_hook_is()
    {
        var ring = Ellipse(0, 0, 1, 0.9);
        var face = CircleGuards(ring, Ellipse(-0.35, -0.3, 0.08, 0.08), Ellipse(0.35, -0.3, 0.08, 0.08), Ellipse(0, 0.05, 0.45, 0.4, 0.1, 0.4));
        var dot = CircleGuards(ring, Ellipse(0, 0, 0.12, 0.12));
        // The pen runs on past where it started and curls inward, joined to the ring.
        var hooked = CircleGuards(ring, Ellipse(0.75, 0, 0.25, 0.2, 0, 0.45));

        Assert.Contains(SymbolGuard.CircleInkInside, face);
        Assert.Contains(SymbolGuard.CircleInkInside, dot);
        Assert.DoesNotContain(SymbolGuard.CircleInkInside, hooked);
        Assert.Empty(CircleGuards(ring));
    }

    [Theory]
    [InlineData("v")]
    [InlineData("plus")]
    [InlineData("shi")]
    [InlineData("one")]
    [InlineData("seven")]
    [InlineData("heart")]
    [InlineData("pentagon")]
    [InlineData("rectangle")]
    [InlineData("triangle")]
    [InlineData("cup")]
    [InlineData("hook")]
    [InlineData("arrow")]
    [InlineData("zigzag")]
    [InlineData("letter")]
    [InlineData("star")]
    [InlineData("character")]
    public void A_mark_a_person_would_not_call_a_circle_cross_or_check_is_never_counted_as_one(string shape)
    {
        // Every marked box of these sheets holds another mark; the generator names its shape.
        var options = new SynthesisOptions { Seed = 4713, OtherMarkRate = 1, StrayRate = 0 }.OnlyBallots();
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        var seen = 0;
        for (var index = 0; index < 40 && seen < 12; index++)
        {
            var sheet = synthesizer.Generate(index);
            var boxes = sheet.Truth.Boxes.Where(b => b.Shape == shape).ToList();
            if (boxes.Count == 0)
            {
                continue;
            }

            using var image = ImageCodec.Decode(sheet.Bytes);
            var read = fixture.Reader.Read(image).Positions.ToDictionary(p => p.BoxId);
            foreach (var truth in boxes)
            {
                seen++;
                var position = read[truth.BoxId];
                Assert.False(position.Band == DecisionBand.Confident && position.Symbol is not (MarkSymbol.Other or MarkSymbol.Blank),
                    $"sheet {index} {truth.BoxId}: a {shape} counted as {position.Symbol} at {position.Confidence}");
            }
        }

        Assert.True(seen >= 5, $"only {seen} {shape} drawn");
    }

    [Fact]
    public void Each_guard_that_sends_a_reading_to_a_person_is_kept_in_the_reading()
    {
        var (bytes, _) = PinnedSheets.Load("1001-633"); // a single slash read as × once: now the one-stroke guard holds it
        var position = fixture.PinnedReader.ReadFile(bytes, "1001-633").Single().Positions.Single(p => p.BoxId == "director/2");

        Assert.Equal(DecisionBand.Review, position.Band);
        Assert.True(position.Guards.Count > 0 || position.Confidence < fixture.Reader.Classifier.ThresholdFor(position.Symbol) || position.Symbol == MarkSymbol.Other);
        Assert.All(position.Guards, g => Assert.Contains(ReviewReason.MarginalMark, position.Reasons));
    }
}
