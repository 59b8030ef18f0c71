using BallotScan.Engine.Geometry;
using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Synthesis;

/// <summary>How a mark was drawn: its strokes, in millimetres from the centre of the box.</summary>
/// <param name="Strokes">Each stroke a polyline.</param>
/// <param name="Closed">For a circle: whether the line meets itself (leaves an enclosed hole).</param>
public sealed record DrawnMark(IReadOnlyList<IReadOnlyList<PointD>> Strokes, bool Closed = false)
{
    /// <summary>For a mark that is none of ○, × and √: what it is ("scribble", "heart", "plus", …).</summary>
    public string? Shape { get; init; }

    /// <summary>For a character written in the box (同意, 好): the text, written in the voter's hand instead of strokes.</summary>
    public string? Text { get; init; }
}

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

    /// <summary>
    /// ○ as people draw it (compared with the real drawings of the Hand-drawn Shapes dataset, calibration/README.md): an
    /// ellipse in one stroke from a random start, round or as flat as 0.55, sometimes egg-shaped, with a gap or an
    /// overshoot where it closes, the overshoot sometimes running on inside as a small loop, sometimes a tail where the pen
    /// came down or lifted, sometimes the start curled inwards (a hook).
    /// </summary>
    public static DrawnMark Circle(double boxMm, Random random)
    {
        var radius = boxMm * Pen.Between(random, 0.18, 0.42);
        var aspect = random.NextDouble() < 0.7 ? Pen.Between(random, 0.78, 1.25) : Pen.Between(random, 0.55, 0.78);
        aspect = random.Next(2) == 0 ? aspect : 1 / aspect;
        var tilt = Pen.Between(random, -0.6, 0.6);
        var start = Pen.Between(random, 0, 2 * Math.PI);
        // Negative gap: the pen runs past its start (overshoot, closed). Positive: it stops short (an open ring).
        var gap = random.NextDouble() < 0.75 ? Pen.Between(random, -0.6, 0.05) : Pen.Between(random, 0.05, 0.55);
        var loop = gap < 0 && random.NextDouble() < 0.2; // the overshoot runs on inside the ring
        if (loop)
        {
            gap = -Pen.Between(random, 0.6, 1.4);
        }

        var sweep = (2 * Math.PI) - gap;
        var wobble = Pen.Between(random, 0, 0.08);
        var phase = Pen.Between(random, 0, 2 * Math.PI);
        var egg = random.NextDouble() < 0.4 ? Pen.Between(random, 0, 0.12) : 0;
        var eggPhase = Pen.Between(random, 0, 2 * Math.PI);
        var third = Pen.Between(random, 0, 0.03);
        var hook = random.NextDouble() < 0.08 ? Pen.Between(random, 0.15, 0.35) : 0;
        var centre = new PointD(Pen.Between(random, -0.08, 0.08) * boxMm, Pen.Between(random, -0.08, 0.08) * boxMm);
        // Inside the box: the ring's farthest reach (its longer axis, swollen by wobble and egg) ends 5 % of the box short of the
        // border, as a voter drawing in the box does (one who draws over it is a stray mark, drawn as such).
        radius = Math.Min(radius, ((0.45 * boxMm) - Math.Max(Math.Abs(centre.X), Math.Abs(centre.Y))) / (Math.Max(aspect, 1) * (1 + wobble + egg + third)));
        var direction = random.NextDouble() < 0.8 ? -1 : 1; // most people draw anticlockwise
        const int n = 72;
        var steps = (int)Math.Ceiling(n * sweep / (2 * Math.PI));
        var points = new List<PointD>(steps + 4);
        for (var i = 0; i <= steps; i++)
        {
            var turned = sweep * i / steps;
            var a = start + (direction * turned);
            var r = radius * (1 + (wobble * Math.Sin((2 * a) + phase)) + (egg * Math.Cos(a - eggPhase)) + (third * Math.Sin((3 * a) + phase)));
            if (turned > 2 * Math.PI && loop)
            {
                r *= 1 - (0.25 * (turned - (2 * Math.PI)) / (sweep - (2 * Math.PI))); // inside the ring on the second pass
            }

            if (hook > 0 && turned < 0.9)
            {
                r *= 1 - (hook * (1 - (turned / 0.9))); // the start curled in
            }

            var (x, y) = (r * Math.Cos(a) * aspect, r * Math.Sin(a));
            points.Add(centre + new PointD((x * Math.Cos(tilt)) - (y * Math.Sin(tilt)), (x * Math.Sin(tilt)) + (y * Math.Cos(tilt))));
        }

        if (random.NextDouble() < 0.12)
        {
            // A tail: the pen went on a little, straight, from where it lifted.
            var (last, before) = (points[^1], points[^3]);
            var length = radius * Pen.Between(random, 0.15, 0.4);
            var along = before.DistanceTo(last);
            if (along > 0)
            {
                var outward = Pen.Between(random, -0.6, 0.6);
                var (dx, dy) = ((last.X - before.X) / along, (last.Y - before.Y) / along);
                var (tx, ty) = ((dx * Math.Cos(outward)) - (dy * Math.Sin(outward)), (dx * Math.Sin(outward)) + (dy * Math.Cos(outward)));
                points.Add(last + new PointD(tx * length, ty * length));
            }
        }

        // A curled start closes the ring only when the overshoot runs past the curl.
        return new DrawnMark([points], Closed: gap < 0.02 && (hook == 0 || -gap >= 0.9));
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

    /// <summary>
    /// The marks that are none of ○, × and √, each named: what people draw instead (a scribble, a blot, a dash, a dot) and
    /// what they draw that a reader could take for one (polygons, hearts, stars, cups and U, hooks, a V with equal legs,
    /// + and 十, the digits 1 and 7, arrows, zigzags, letters, a character written in the box).
    /// </summary>
    public static IReadOnlyList<string> OtherShapes { get; } =
    [
        "scribble", "blot", "dash", "dot", "rectangle", "triangle", "pentagon", "heart", "star", "cup", "hook", "v", "plus", "shi",
        "one", "seven", "arrow", "zigzag", "letter", "character",
    ];

    /// <summary>Anything that is not ○, × or √: one of <see cref="OtherShapes"/>, drawn by hand.</summary>
    public static DrawnMark OtherMark(double boxMm, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var shape = OtherShapes[random.Next(OtherShapes.Count)];
        return OtherMark(shape, boxMm, random) with { Shape = shape };
    }

    /// <summary>The other mark named <paramref name="shape"/> (one of <see cref="OtherShapes"/>).</summary>
    public static DrawnMark OtherMark(string shape, double boxMm, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var half = boxMm / 2;
        var s = boxMm * Pen.Between(random, 0.28, 0.42); // half the mark's size: 56–84 % of the box
        var turn = Pen.Between(random, -0.15, 0.15);
        var at = new PointD(Pen.Between(random, -0.06, 0.06) * boxMm, Pen.Between(random, -0.06, 0.06) * boxMm);
        List<PointD> P(params (double X, double Y)[] points) => [.. points.Select(p => at + Rotate(new PointD(p.X * s, p.Y * s), turn))];
        DrawnMark Hand(params List<PointD>[] strokes) => new([.. strokes.Select(k => (IReadOnlyList<PointD>)Wobble(k, s * 0.03, random))]);
        switch (shape)
        {
            case "scribble":
                return Scribble(boxMm, random);

            case "blot": // dense back-and-forth hatching
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

            case "dash": // as some write "—" for abstain
                return new DrawnMark([[new PointD(-half * 0.55, Pen.Between(random, -1, 1)), new PointD(half * 0.55, Pen.Between(random, -1, 1))]]);
            case "dot":
            {
                var c = new PointD(Pen.Between(random, -2, 2), Pen.Between(random, -2, 2));
                return new DrawnMark([Enumerable.Range(0, 12).Select(i => c + new PointD(0.6 * Math.Cos(i), 0.6 * Math.Sin(i))).ToList()]);
            }

            case "rectangle":
            {
                var a = Pen.Between(random, 0.55, 1);
                return Hand(P((-1, -a), (1, -a), (1, a), (-1, a), (-1, -a + 0.05)));
            }

            case "triangle":
                return Hand(P((0, -1), (0.95, 0.75), (-0.95, 0.75), (0.02, -0.95)));
            case "pentagon":
                return Hand(Polygon(5, s, at, turn, random));
            case "heart":
                return Hand([.. Enumerable.Range(0, 49).Select(i => i * 2 * Math.PI / 48).Select(t =>
                    at + Rotate(new PointD(s * Math.Pow(Math.Sin(t), 3), -s * ((13 * Math.Cos(t)) - (5 * Math.Cos(2 * t)) - (2 * Math.Cos(3 * t)) - Math.Cos(4 * t)) / 16), turn))]);
            case "star": // drawn in one line, as a pentagram
                return Hand([.. Enumerable.Range(0, 6).Select(i => at + Rotate(new PointD(s * Math.Sin(i * 4 * Math.PI / 5), -s * Math.Cos(i * 4 * Math.PI / 5)), turn))]);
            case "cup": // U: open at the top
                return Hand([.. Enumerable.Range(0, 25).Select(i => Math.PI * i / 24).Select(t => at + Rotate(new PointD(s * 0.8 * Math.Cos(t), (s * 0.2) + (s * 0.8 * Math.Sin(t))), turn)).Prepend(at + Rotate(new PointD(s * 0.8, -s), turn)).Append(at + Rotate(new PointD(-s * 0.8, -s), turn))]);
            case "hook": // J
                return Hand([at + Rotate(new PointD(s * 0.4, -s), turn), .. Enumerable.Range(0, 17).Select(i => Math.PI * i / 16).Select(t => at + Rotate(new PointD(s * 0.4 * Math.Cos(t), (s * 0.4) + (s * 0.5 * Math.Sin(t))), turn))]);
            case "v": // equal legs meeting low: not a √
            {
                var w = Pen.Between(random, 0.45, 0.9);
                return Hand(P((-w, -1), (0, 0.9), (w, -1)));
            }

            case "plus": // strokes along the box's sides: not a ×
                return Hand(P((-1, Pen.Between(random, -0.1, 0.1)), (1, Pen.Between(random, -0.1, 0.1))), P((Pen.Between(random, -0.1, 0.1), -1), (Pen.Between(random, -0.1, 0.1), 1)));
            case "shi": // 十: the across stroke above the middle
                return Hand(P((-0.9, -0.25), (0.9, -0.3)), P((0.02, -1), (-0.02, 1)));
            case "one":
                return Hand(P((-0.35, -0.6), (0.05, -1), (0.05, 1)));
            case "seven":
                return Hand(P((-0.7, -0.9), (0.7, -0.9), (-0.1, 1)));
            case "arrow":
            {
                var head = Pen.Between(random, 0.3, 0.5);
                return Hand(P((-1, 0.5), (0.9, -0.6)), P((0.9 - head, -0.6 - (head * 0.2)), (0.9, -0.6), (0.9 - (head * 0.7), -0.6 + (head * 0.8))));
            }

            case "zigzag": // W or Z: fewer turns than a scribble
                return random.Next(2) == 0 ? Hand(P((-1, -0.8), (-0.5, 0.8), (0, -0.4), (0.5, 0.8), (1, -0.8))) : Hand(P((-0.9, -0.8), (0.9, -0.8), (-0.9, 0.8), (0.9, 0.8)));
            case "letter":
                return random.Next(4) switch
                {
                    0 => Hand(P((-0.6, 1), (-0.6, -1), (0.6, 1), (0.6, -1))), // N
                    1 => Hand(P((-0.7, 1), (0, -1), (0.7, 1)), P((-0.4, 0.2), (0.4, 0.2))), // A
                    2 => Hand(P((-0.5, -1), (-0.5, 0.9), (0.7, 0.9))), // L
                    _ => Hand(P((-0.7, -1), (0, 0), (0.7, -1)), P((0, 0), (0, 1))), // Y
                };
            case "character":
                return new DrawnMark([]) { Text = random.Next(3) switch { 0 => "同意", 1 => "好", _ => "是" } };
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "not one of the other shapes");
        }
    }

    /// <summary>A regular polygon of <paramref name="sides"/> sides, closed, its corners a little uneven.</summary>
    private static List<PointD> Polygon(int sides, double radius, PointD at, double turn, Random random)
    {
        var start = Pen.Between(random, 0, 2 * Math.PI / sides);
        var corners = Enumerable.Range(0, sides).Select(i => start + (i * 2 * Math.PI / sides))
            .Select(a => at + Rotate(new PointD(radius * Math.Cos(a) * Pen.Between(random, 0.9, 1.05), radius * Math.Sin(a) * Pen.Between(random, 0.9, 1.05)), turn)).ToList();
        return [.. corners, corners[0]];
    }

    /// <summary>A polyline as a hand draws it: each side cut into short steps, each step off the line by a little (a smooth wobble).</summary>
    private static List<PointD> Wobble(List<PointD> points, double amplitude, Random random)
    {
        var result = new List<PointD>();
        var phase = Pen.Between(random, 0, 2 * Math.PI);
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (a, b) = (points[i], points[i + 1]);
            var length = a.DistanceTo(b);
            var steps = Math.Max(2, (int)(length / 0.4));
            var (nx, ny) = length == 0 ? (0.0, 0.0) : (-(b.Y - a.Y) / length, (b.X - a.X) / length);
            for (var k = 0; k < steps; k++)
            {
                var t = k / (double)steps;
                var off = amplitude * Math.Sin(phase + (t * Math.PI * 2));
                result.Add(new PointD(a.X + ((b.X - a.X) * t) + (nx * off), a.Y + ((b.Y - a.Y) * t) + (ny * off)));
            }
        }

        result.Add(points[^1]);
        return result;
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
