using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Synthesis;

/// <summary>The truth matches the drawing: what the generator says it drew is what is on the paper.</summary>
public class MarkDrawingTests
{
    private const double PixelsPerMm = 200 / 25.4;
    private const double BoxMm = 12;
    private static readonly Pen s_ballpoint = new(PenKind.Ballpoint, 0.5, 50, 0);

    /// <summary>A mark drawn alone in the middle of a white 20 mm square, at 200 dpi, and its ink as a binary image.</summary>
    private static (GrayImage Ink, DrawnMark Mark) Render(MarkSymbol symbol, int seed)
    {
        var random = new Random(seed);
        var mark = MarkShapes.Draw(symbol, BoxMm, random);
        using var paper = GrayImage.Create((int)(20 * PixelsPerMm), (int)(20 * PixelsPerMm));
        var canvas = new InkCanvas(paper, PixelsPerMm);
        foreach (var stroke in MarkShapes.Moved(mark, new PointD(10, 10)).Strokes)
        {
            canvas.Stroke(stroke, s_ballpoint, random);
        }

        using var ink = ImageOps.ThresholdAdaptive(paper, 31, 20); // ink = 255
        return (ink.Clone(), mark);
    }

    /// <summary>Connected regions of paper (not ink); more than one means the ink encloses a hole.</summary>
    private static int PaperRegions(GrayImage ink)
    {
        using var paper = ImageOps.Morphology(ink, MorphologyOperation.Erode, KernelShape.Rectangle, 1, 1);
        var inverted = GrayImage.Create(ink.Width, ink.Height, 0);
        for (var y = 0; y < ink.Height; y++)
        {
            var from = ink.Row(y);
            var to = inverted.Row(y);
            for (var x = 0; x < from.Length; x++)
            {
                to[x] = (byte)(255 - from[x]);
            }
        }

        using var _ = inverted;
        return MaskComponents.Find(inverted.ToPackedArray(), inverted.Width, inverted.Height, 255, eightConnected: false).Sizes.Count(n => n > 4);
    }

    [Fact]
    public void Every_closed_circle_leaves_an_enclosed_hole()
    {
        var closed = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var (ink, mark) = Render(MarkSymbol.Circle, seed);
            using var _ = ink;
            if (mark.Closed)
            {
                closed++;
                Assert.True(PaperRegions(ink) >= 2, $"seed {seed}: a circle marked closed encloses no hole");
            }
        }

        Assert.InRange(closed, 150, 300); // most people close their circles
    }

    [Fact]
    public void A_cross_is_two_strokes_that_cross_inside_the_box()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var mark = MarkShapes.Draw(MarkSymbol.Cross, BoxMm, new Random(seed));
            Assert.Equal(2, mark.Strokes.Count);
            var crossing = Intersection(mark.Strokes[0], mark.Strokes[1]);
            Assert.True(crossing is { } c && Math.Abs(c.X) < BoxMm / 2 && Math.Abs(c.Y) < BoxMm / 2, $"seed {seed}: the strokes do not cross inside the box");

            // On paper: going round the crossing at 1.5 mm, the ink is met four times (four arms).
            var (ink, _) = Render(MarkSymbol.Cross, seed);
            using var __ = ink;
            Assert.Equal(4, InkArcs(ink, new PointD(10, 10) + crossing!.Value, 1.5));
        }
    }

    [Fact]
    public void A_circle_is_one_stroke_a_check_is_one_stroke_of_two_legs()
    {
        Assert.Single(MarkShapes.Draw(MarkSymbol.Circle, BoxMm, new Random(1)).Strokes);
        var check = Assert.Single(MarkShapes.Draw(MarkSymbol.Check, BoxMm, new Random(1)).Strokes);
        Assert.Equal(3, check.Count);
        Assert.True(check[1].Y > check[0].Y && check[2].Y < check[1].Y, "a check goes down, then up");
    }

    [Fact]
    public void Blank_draws_nothing()
    {
        var (ink, mark) = Render(MarkSymbol.Blank, 1);
        using var _ = ink;
        Assert.Empty(mark.Strokes);
        Assert.DoesNotContain(ink.ToPackedArray(), p => p != 0);
    }

    private static int InkArcs(GrayImage ink, PointD centreMm, double radiusMm)
    {
        var samples = Enumerable.Range(0, 360).Select(i =>
        {
            var a = i * Math.PI / 180;
            var p = (centreMm + new PointD(radiusMm * Math.Cos(a), radiusMm * Math.Sin(a))) * PixelsPerMm;
            return ink[(int)Math.Round(p.X), (int)Math.Round(p.Y)] > 0;
        }).ToList();
        return Enumerable.Range(0, 360).Count(i => samples[i] && !samples[(i + 359) % 360]);
    }

    /// <summary>Issue-5 fixture (seed 1005, sheet 1229): a four-point "scribble" drew a real ×, and its truth said Other.</summary>
    [Fact]
    public void Every_scribble_goes_back_and_forth_at_least_eight_times_so_no_scribble_is_a_cross_in_disguise()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var points = MarkShapes.Scribble(BoxMm, new Random(seed)).Strokes.Single();
            Assert.True(points.Count >= MarkShapes.MinimumScribblePoints, $"seed {seed}: {points.Count} points");
            var reversals = Enumerable.Range(1, points.Count - 2)
                .Count(i => Math.Sign(points[i].X - points[i - 1].X) != Math.Sign(points[i + 1].X - points[i].X));
            Assert.True(reversals >= MarkShapes.MinimumScribblePoints - 2, $"seed {seed}: {reversals} reversals");
        }
    }

    private static PointD? Intersection(IReadOnlyList<PointD> a, IReadOnlyList<PointD> b)
    {
        for (var i = 0; i + 1 < a.Count; i++)
        {
            for (var j = 0; j + 1 < b.Count; j++)
            {
                var (p, r) = (a[i], a[i + 1] - a[i]);
                var (q, s) = (b[j], b[j + 1] - b[j]);
                var denominator = (r.X * s.Y) - (r.Y * s.X);
                if (Math.Abs(denominator) < 1e-12)
                {
                    continue;
                }

                var t = (((q.X - p.X) * s.Y) - ((q.Y - p.Y) * s.X)) / denominator;
                var u = (((q.X - p.X) * r.Y) - ((q.Y - p.Y) * r.X)) / denominator;
                if (t is >= 0 and <= 1 && u is >= 0 and <= 1)
                {
                    return p + (r * t);
                }
            }
        }

        return null;
    }
}
