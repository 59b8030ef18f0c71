using BallotScan.Engine.Geometry;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Synthesis;

/// <summary>How a mark was drawn: its strokes, in millimetres from the centre of the box.</summary>
/// <param name="Strokes">Each stroke a polyline.</param>
/// <param name="Closed">For a circle: whether the line meets itself (leaves an enclosed hole).</param>
public sealed record DrawnMark(IReadOnlyList<IReadOnlyList<PointD>> Strokes, bool Closed = false);

/// <summary>
/// The shapes of marks as people draw them with a pen: ○ of varied size, roundness, closing gap, overshoot and tilt;
/// × with varied angles, lengths and crossing point; √; scribbles, filled boxes, dashes and dots.
/// </summary>
public static class MarkShapes
{
    /// <summary>A mark of <paramref name="symbol"/> for a box of side <paramref name="boxMm"/>, centred on the origin.</summary>
    public static DrawnMark Draw(MarkSymbol symbol, double boxMm, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return symbol switch
        {
            MarkSymbol.Circle => Circle(boxMm, random),
            MarkSymbol.Cross => Cross(boxMm, random),
            MarkSymbol.Check => Check(boxMm, random),
            MarkSymbol.Other => OtherMark(boxMm, random),
            _ => new DrawnMark([]),
        };
    }

    /// <summary>○: an ellipse drawn in one stroke from a random start, with a gap or an overshoot where it closes.</summary>
    public static DrawnMark Circle(double boxMm, Random random)
    {
        var radius = boxMm * Pen.Between(random, 0.22, 0.40);
        var aspect = Pen.Between(random, 0.78, 1.2);
        var tilt = Pen.Between(random, -0.6, 0.6);
        var start = Pen.Between(random, 0, 2 * Math.PI);
        // Negative gap: the pen runs past its start (overshoot, closed). Positive: it stops short (an open ring).
        var gap = random.NextDouble() < 0.75 ? Pen.Between(random, -0.6, 0.05) : Pen.Between(random, 0.05, 0.55);
        var sweep = (2 * Math.PI) - gap;
        var wobble = Pen.Between(random, 0, 0.08);
        var phase = Pen.Between(random, 0, 2 * Math.PI);
        var centre = new PointD(Pen.Between(random, -0.08, 0.08) * boxMm, Pen.Between(random, -0.08, 0.08) * boxMm);
        var direction = random.NextDouble() < 0.8 ? -1 : 1; // most people draw anticlockwise
        const int n = 72;
        var points = new List<PointD>(n + 1);
        for (var i = 0; i <= n; i++)
        {
            var a = start + (direction * sweep * i / n);
            var r = radius * (1 + (wobble * Math.Sin((2 * a) + phase)));
            var (x, y) = (r * Math.Cos(a) * aspect, r * Math.Sin(a));
            points.Add(centre + new PointD((x * Math.Cos(tilt)) - (y * Math.Sin(tilt)), (x * Math.Sin(tilt)) + (y * Math.Cos(tilt))));
        }

        return new DrawnMark([points], Closed: gap < 0.02);
    }

    /// <summary>×: two strokes crossing near the middle, each at its own angle and length, slightly bowed.</summary>
    public static DrawnMark Cross(double boxMm, Random random)
    {
        var crossing = new PointD(Pen.Between(random, -0.12, 0.12) * boxMm, Pen.Between(random, -0.12, 0.12) * boxMm);
        var first = Line(crossing, (45 + Pen.Between(random, -18, 18)) * Math.PI / 180, boxMm * Pen.Between(random, 0.5, 0.85), random);
        var second = Line(crossing, (135 + Pen.Between(random, -18, 18)) * Math.PI / 180, boxMm * Pen.Between(random, 0.5, 0.85), random);
        return new DrawnMark([first, second]);
    }

    /// <summary>√: a short stroke down to the right, then a long one up to the right.</summary>
    public static DrawnMark Check(double boxMm, Random random)
    {
        var s = boxMm * Pen.Between(random, 0.055, 0.075);
        var turn = Pen.Between(random, -0.3, 0.3);
        PointD[] shape = [new(-3.5 * s, -0.5 * s), new(-1.2 * s, 2.8 * s), new(4.2 * s, -4.2 * s)];
        var offset = new PointD(Pen.Between(random, -0.08, 0.08) * boxMm, Pen.Between(random, -0.08, 0.08) * boxMm);
        return new DrawnMark([shape.Select(p => offset + Rotate(p, turn)).ToList()]);
    }

    /// <summary>A scribble has at least this many points, each on the other side of the box from the one before.</summary>
    public const int MinimumScribblePoints = 8;

    /// <summary>A scribble: back and forth across the box, never fewer than eight points (a few random points can make a real ×).</summary>
    public static DrawnMark Scribble(double boxMm, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var side = random.Next(2) == 0 ? -1 : 1;
        var points = new List<PointD>();
        for (var i = random.Next(MinimumScribblePoints, 15); i > 0; i--, side = -side)
        {
            points.Add(new PointD(side * Pen.Between(random, 0.1, 0.35) * boxMm, Pen.Between(random, -0.35, 0.35) * boxMm));
        }

        return new DrawnMark([points]);
    }

    /// <summary>Anything that is not ○, × or √: a scribble, a filled blot, a dash or a dot.</summary>
    public static DrawnMark OtherMark(double boxMm, Random random)
    {
        var kind = random.Next(4);
        var half = boxMm / 2;
        switch (kind)
        {
            case 0:
                return Scribble(boxMm, random);

            case 1: // filled blot: dense back-and-forth hatching
            {
                var r = boxMm * Pen.Between(random, 0.2, 0.35);
                var points = new List<PointD>();
                for (var y = -r; y <= r; y += 0.35)
                {
                    var w = Math.Sqrt(Math.Max(0, (r * r) - (y * y)));
                    points.Add(new PointD(points.Count % 2 == 0 ? -w : w, y));
                    points.Add(new PointD(points.Count % 2 == 0 ? -w : w, y));
                }

                return new DrawnMark([points]);
            }

            case 2: // a dash, as some write "—" for abstain
                return new DrawnMark([[new PointD(-half * 0.55, Pen.Between(random, -1, 1)), new PointD(half * 0.55, Pen.Between(random, -1, 1))]]);
            default: // a firm dot
            {
                var c = new PointD(Pen.Between(random, -2, 2), Pen.Between(random, -2, 2));
                return new DrawnMark([Enumerable.Range(0, 12).Select(i => c + new PointD(0.6 * Math.Cos(i), 0.6 * Math.Sin(i))).ToList()]);
            }
        }
    }

    /// <summary>A correction: the first mark struck through with a scribble (the voter changed their mind).</summary>
    public static DrawnMark StruckThrough(DrawnMark first, double boxMm, Random random)
    {
        ArgumentNullException.ThrowIfNull(first);
        var strike = Enumerable.Range(0, random.Next(5, 9))
            .Select(i => new PointD((i % 2 == 0 ? -0.4 : 0.4) * boxMm, (-0.3 + (0.6 * i / 8)) * boxMm + Pen.Between(random, -0.5, 0.5))).ToList();
        return new DrawnMark([.. first.Strokes, strike]);
    }

    /// <summary>The same mark moved by <paramref name="offset"/> (millimetres), e.g. to stray over the box border.</summary>
    public static DrawnMark Moved(DrawnMark mark, PointD offset)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return mark with { Strokes = mark.Strokes.Select(s => (IReadOnlyList<PointD>)s.Select(p => p + offset).ToList()).ToList() };
    }

    private static List<PointD> Line(PointD through, double angle, double length, Random random)
    {
        var bow = Pen.Between(random, -0.05, 0.05) * length;
        var before = Pen.Between(random, 0.35, 0.65);
        var (ux, uy) = (Math.Cos(angle), Math.Sin(angle));
        var points = new List<PointD>();
        for (var i = 0; i <= 12; i++)
        {
            var t = (i / 12.0) - before;
            var sideways = bow * Math.Sin(Math.PI * i / 12);
            points.Add(through + new PointD((ux * t * length) - (uy * sideways), (uy * t * length) + (ux * sideways)));
        }

        return points;
    }

    private static PointD Rotate(PointD p, double angle) =>
        new((p.X * Math.Cos(angle)) - (p.Y * Math.Sin(angle)), (p.X * Math.Sin(angle)) + (p.Y * Math.Cos(angle)));
}
