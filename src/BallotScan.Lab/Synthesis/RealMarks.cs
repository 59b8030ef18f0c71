using System.Globalization;
using System.IO.Compression;
using System.Text;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Synthesis;

/// <summary>What the Hand-drawn Shapes dataset files a drawing under (its folder name).</summary>
public enum RealShape
{
    Ellipse,
    Rectangle,
    Triangle,

    /// <summary>Stars, hearts, arrows, cups, hooks, letters, zigzags… and a few crosses and rings (see the relabelling list).</summary>
    Other,
}

/// <summary>
/// One real hand-drawn shape: who drew it, what the dataset files it as, what a person reads it as on a ballot, and its
/// strokes traced to their centre line (pixel segments of the <see cref="RealMarkSet.Side"/>-pixel drawing).
/// </summary>
/// <param name="Writer">The dataset's writer id (user.&lt;id&gt;).</param>
/// <param name="Shape">The dataset's folder.</param>
/// <param name="Source">The drawing's file name in the dataset.</param>
/// <param name="AxesRatio">For an ellipse: the shorter axis over the longer, from its vertices file.</param>
/// <param name="Truth">What a careful person reads in a ballot box holding it; null for a drawing not used on ballots (a flat ellipse).</param>
/// <param name="Ink">The drawing thresholded: 1 = ink, row by row, <see cref="RealMarkSet.Side"/> square.</param>
public sealed record RealDrawing(string Writer, RealShape Shape, string Source, double? AxesRatio, MarkSymbol? Truth, byte[] Ink)
{
    private IReadOnlyList<(PointD A, PointD B)>? _segments;

    /// <summary>The centre line of the strokes: 8-connected neighbours of the thinned ink, joined, in drawing pixels.</summary>
    public IReadOnlyList<(PointD A, PointD B)> Segments => _segments ??= RealMarkSet.CentreLine(Ink, RealMarkSet.Side);
}

/// <summary>
/// Real hand-drawn shapes (the Hand-drawn Shapes dataset, © 2022 Francois Robert, CC BY 4.0; calibration/README.md) placed
/// into ballot boxes with their truth: scaled to 45–95 % of the box, off-centre, sometimes over the border, turned a little,
/// and redrawn along their centre line with the voter's pen, so that a real hand's shape meets a real pen's width.
/// </summary>
public sealed class RealMarkSet
{
    /// <summary>The dataset's drawings are this many pixels square.</summary>
    public const int Side = 70;

    /// <summary>An ellipse whose shorter axis is at least this share of its longer one is a ○ as voters draw it (the dataset's README).</summary>
    public const double RoundEllipseRatio = 0.55;

    private const string PackMagic = "BSRM1";

    private readonly RealDrawing[] _circles;
    private readonly RealDrawing[] _others;

    public RealMarkSet(IReadOnlyList<RealDrawing> drawings)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        Drawings = drawings;
        _circles = [.. drawings.Where(d => d.Truth == MarkSymbol.Circle)];
        _others = [.. drawings.Where(d => d.Truth is MarkSymbol.Other or MarkSymbol.Cross)];
    }

    public IReadOnlyList<RealDrawing> Drawings { get; }

    /// <summary>The writers in the set, in order.</summary>
    public IReadOnlyList<string> Writers => [.. Drawings.Select(d => d.Writer).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The drawings of these writers only.</summary>
    public RealMarkSet OfWriters(IEnumerable<string> writers)
    {
        var keep = writers.ToHashSet(StringComparer.Ordinal);
        return new RealMarkSet([.. Drawings.Where(d => keep.Contains(d.Writer))]);
    }

    /// <summary>
    /// A real drawing to stand for <paramref name="intent"/>: a round ellipse for ○, a rectangle, triangle or other shape for a
    /// mark that is none of ○, × or √; null when the set has none of that kind (× and √ are not in the dataset).
    /// </summary>
    public RealDrawing? Pick(MarkSymbol intent, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var pool = intent switch
        {
            MarkSymbol.Circle => _circles,
            MarkSymbol.Other => _others,
            _ => [],
        };
        return pool.Length == 0 ? null : pool[random.Next(pool.Length)];
    }

    /// <summary>
    /// <paramref name="drawing"/> as pen strokes for a box of side <paramref name="boxMm"/> (millimetres from the box's centre):
    /// its ink 45–95 % of the box on its longer side, turned up to ±8°, off-centre; one in <paramref name="strayShare"/> pushed
    /// over the border by a tenth to a quarter of its size (returned as strays).
    /// </summary>
    public static (DrawnMark Mark, bool Strays) Place(RealDrawing drawing, double boxMm, Random random, double strayShare = 0.06)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        ArgumentNullException.ThrowIfNull(random);
        var (left, top, right, bottom) = Bounds(drawing.Ink);
        var longer = Math.Max(right - left + 1, bottom - top + 1);
        var sizeMm = boxMm * Pen.Between(random, 0.45, 0.95);
        var scale = sizeMm / longer;
        var centre = new PointD((left + right) / 2.0, (top + bottom) / 2.0);
        var turn = Pen.Between(random, -8, 8) * Math.PI / 180;
        var room = Math.Max(0, (boxMm - sizeMm) / 2);
        var offset = new PointD(Pen.Between(random, -room, room), Pen.Between(random, -room, room));
        var strays = random.NextDouble() < strayShare;
        if (strays)
        {
            var push = room + (sizeMm * Pen.Between(random, 0.1, 0.25));
            offset = random.Next(4) switch
            {
                0 => new PointD(push, offset.Y),
                1 => new PointD(-push, offset.Y),
                2 => new PointD(offset.X, push),
                _ => new PointD(offset.X, -push),
            };
        }

        var (cos, sin) = (Math.Cos(turn), Math.Sin(turn));
        PointD Map(PointD p)
        {
            var (x, y) = ((p.X - centre.X) * scale, (p.Y - centre.Y) * scale);
            return offset + new PointD((x * cos) - (y * sin), (x * sin) + (y * cos));
        }

        var strokes = drawing.Segments.Select(s => (IReadOnlyList<PointD>)[Map(s.A), Map(s.B)]).ToList();
        return (new DrawnMark(strokes), strays);
    }

    /// <summary>Reads a set written by <see cref="Pack"/>.</summary>
    public static RealMarkSet Load(string packFile)
    {
        using var file = File.OpenRead(packFile);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip, Encoding.UTF8);
        if (reader.ReadString() != PackMagic)
        {
            throw new InvalidDataException($"{packFile} is not a BallotScan real-mark pack.");
        }

        var count = reader.ReadInt32();
        var bytes = ((Side * Side) + 7) / 8;
        var drawings = new RealDrawing[count];
        for (var i = 0; i < count; i++)
        {
            var writer = reader.ReadString();
            var shape = (RealShape)reader.ReadByte();
            var source = reader.ReadString();
            var ratio = reader.ReadDouble();
            var truth = reader.ReadSByte();
            var packed = reader.ReadBytes(bytes);
            var ink = new byte[Side * Side];
            for (var p = 0; p < ink.Length; p++)
            {
                ink[p] = (byte)((packed[p >> 3] >> (p & 7)) & 1);
            }

            drawings[i] = new RealDrawing(writer, shape, source, double.IsNaN(ratio) ? null : ratio, truth < 0 ? null : (MarkSymbol)truth, ink);
        }

        return new RealMarkSet(drawings);
    }

    /// <summary>
    /// Reads the dataset's own folders (user.&lt;id&gt;/images/&lt;shape&gt;/*.png and vertices/…csv) and labels each drawing:
    /// a round ellipse is ○, a flat one is left out of ballots, rectangles and triangles are other marks, and an "other"
    /// drawing is another mark unless <paramref name="relabelled"/> (source → symbol, a person's reading) says otherwise.
    /// </summary>
    public static RealMarkSet ReadDataset(string folder, IReadOnlyDictionary<string, MarkSymbol> relabelled)
    {
        ArgumentNullException.ThrowIfNull(relabelled);
        var drawings = new List<RealDrawing>();
        foreach (var writerFolder in Directory.GetDirectories(folder, "user.*").Order(StringComparer.Ordinal))
        {
            var writer = Path.GetFileName(writerFolder)["user.".Length..];
            foreach (var shape in Enum.GetValues<RealShape>())
            {
                var name = shape.ToString().ToLowerInvariant();
                var images = Path.Combine(writerFolder, "images", name);
                if (!Directory.Exists(images))
                {
                    continue;
                }

                foreach (var png in Directory.GetFiles(images, "*.png").Order(StringComparer.Ordinal))
                {
                    var source = Path.GetFileName(png);
                    double? ratio = shape == RealShape.Ellipse ? AxesRatio(Path.Combine(writerFolder, "vertices", name, Path.ChangeExtension(source, ".csv"))) : null;
                    MarkSymbol? truth = relabelled.TryGetValue(source, out var person) ? person : shape switch
                    {
                        RealShape.Ellipse => ratio >= RoundEllipseRatio ? MarkSymbol.Circle : null,
                        _ => MarkSymbol.Other,
                    };
                    drawings.Add(new RealDrawing(writer, shape, source, ratio, truth, Threshold(File.ReadAllBytes(png))));
                }
            }
        }

        return new RealMarkSet(drawings);
    }

    /// <summary>Writes the set as one compressed file: the ink packed eight pixels a byte, with writer, shape, source and truth.</summary>
    public void Pack(string packFile)
    {
        using var file = File.Create(packFile);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        writer.Write(PackMagic);
        writer.Write(Drawings.Count);
        foreach (var d in Drawings)
        {
            writer.Write(d.Writer);
            writer.Write((byte)d.Shape);
            writer.Write(d.Source);
            writer.Write(d.AxesRatio ?? double.NaN);
            writer.Write((sbyte)(d.Truth is { } t ? (int)t : -1));
            var packed = new byte[((Side * Side) + 7) / 8];
            for (var p = 0; p < d.Ink.Length; p++)
            {
                packed[p >> 3] |= (byte)(d.Ink[p] << (p & 7));
            }

            writer.Write(packed);
        }
    }

    /// <summary>The shorter axis over the longer of an ellipse given by its four axis ends (x,y per line, 0 to 1).</summary>
    internal static double? AxesRatio(string verticesFile)
    {
        if (!File.Exists(verticesFile))
        {
            return null;
        }

        var points = File.ReadAllLines(verticesFile).Where(l => l.Contains(',', StringComparison.Ordinal)).Select(l =>
        {
            var parts = l.Split(',');
            return new PointD(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }).ToList();
        return points.Count == 4 ? AxesRatio(points) : null;
    }

    /// <summary>
    /// The shorter axis over the longer of an ellipse given by its four axis ends in any order. The dataset mostly lists one
    /// axis's ends first and third, but 93 of its 4,559 ellipses otherwise (first and second, first and fourth), so the axes
    /// are the pairing whose midpoints coincide (both cross at the centre); taken as first-and-third, 42 flat ellipses
    /// passed for round (40 of writer u01).
    /// </summary>
    internal static double? AxesRatio(IReadOnlyList<PointD> ends)
    {
        ArgumentNullException.ThrowIfNull(ends);
        (int A, int B, int C, int D)[] pairings = [(0, 2, 1, 3), (0, 1, 2, 3), (0, 3, 1, 2)];
        static PointD Middle(PointD a, PointD b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        var (a, b, c, d) = pairings.MinBy(p => Middle(ends[p.A], ends[p.B]).DistanceTo(Middle(ends[p.C], ends[p.D])));
        var first = ends[a].DistanceTo(ends[b]);
        var second = ends[c].DistanceTo(ends[d]);
        return Math.Max(first, second) == 0 ? null : Math.Min(first, second) / Math.Max(first, second);
    }

    private static byte[] Threshold(byte[] png)
    {
        using var image = ImageCodec.Decode(png);
        if (image.Width != Side || image.Height != Side)
        {
            throw new InvalidDataException($"A drawing of {image.Width} x {image.Height} pixels; the dataset's are {Side} x {Side}.");
        }

        var ink = new byte[Side * Side];
        for (var y = 0; y < Side; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < Side; x++)
            {
                ink[(y * Side) + x] = row[x] < 128 ? (byte)1 : (byte)0;
            }
        }

        return ink;
    }

    private static (int Left, int Top, int Right, int Bottom) Bounds(byte[] ink)
    {
        int left = Side, top = Side, right = -1, bottom = -1;
        for (var p = 0; p < ink.Length; p++)
        {
            if (ink[p] != 0)
            {
                var (x, y) = (p % Side, p / Side);
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
            }
        }

        return right < 0 ? (0, 0, Side - 1, Side - 1) : (left, top, right, bottom);
    }

    /// <summary>
    /// The centre line of a 1-bit drawing: Zhang–Suen thinning to one pixel, then a segment between every pair of 8-connected
    /// neighbours left (diagonals only where no side neighbour already joins them).
    /// </summary>
    internal static IReadOnlyList<(PointD A, PointD B)> CentreLine(byte[] ink, int n)
    {
        var skeleton = (byte[])ink.Clone();
        bool At(int x, int y) => x >= 0 && y >= 0 && x < n && y < n && skeleton[(y * n) + x] != 0;
        var remove = new List<int>();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var pass = 0; pass < 2; pass++)
            {
                remove.Clear();
                for (var i = 0; i < ink.Length; i++)
                {
                    if (skeleton[i] == 0)
                    {
                        continue;
                    }

                    var (x, y) = (i % n, i / n);
                    // P2..P9 clockwise from north, as bits 0..7.
                    var p = (At(x, y - 1) ? 1 : 0) | (At(x + 1, y - 1) ? 2 : 0) | (At(x + 1, y) ? 4 : 0) | (At(x + 1, y + 1) ? 8 : 0)
                        | (At(x, y + 1) ? 16 : 0) | (At(x - 1, y + 1) ? 32 : 0) | (At(x - 1, y) ? 64 : 0) | (At(x - 1, y - 1) ? 128 : 0);
                    var neighbours = System.Numerics.BitOperations.PopCount((uint)p);
                    var transitions = 0;
                    for (var k = 0; k < 8; k++)
                    {
                        transitions += (p & (1 << k)) == 0 && (p & (1 << ((k + 1) % 8))) != 0 ? 1 : 0;
                    }

                    bool Bit(int k) => (p & (1 << k)) != 0;
                    var keep = pass == 0 ? (Bit(0) && Bit(2) && Bit(4)) || (Bit(2) && Bit(4) && Bit(6)) : (Bit(0) && Bit(2) && Bit(6)) || (Bit(0) && Bit(4) && Bit(6));
                    if (neighbours is >= 2 and <= 6 && transitions == 1 && !keep)
                    {
                        remove.Add(i);
                    }
                }

                foreach (var r in remove)
                {
                    skeleton[r] = 0;
                }

                changed |= remove.Count > 0;
            }
        }

        var segments = new List<(PointD, PointD)>();
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                if (!At(x, y))
                {
                    continue;
                }

                var here = new PointD(x, y);
                var lone = true;
                if (At(x + 1, y))
                {
                    segments.Add((here, new PointD(x + 1, y)));
                }

                if (At(x, y + 1))
                {
                    segments.Add((here, new PointD(x, y + 1)));
                }

                if (At(x + 1, y + 1) && !At(x + 1, y) && !At(x, y + 1))
                {
                    segments.Add((here, new PointD(x + 1, y + 1)));
                }

                if (At(x - 1, y + 1) && !At(x - 1, y) && !At(x, y + 1))
                {
                    segments.Add((here, new PointD(x - 1, y + 1)));
                }

                for (var dy = -1; dy <= 1 && lone; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        lone &= (dx == 0 && dy == 0) || !At(x + dx, y + dy);
                    }
                }

                if (lone)
                {
                    segments.Add((here, here));
                }
            }
        }

        return segments;
    }
}

/// <summary>
/// The writers of the real-mark pack in three fixed folds, for leaving writers out: a fit sees the writers of some folds
/// and is reported only on the others. Balanced by drawings and by writers who drew "other" shapes.
/// </summary>
public static class RealMarkFolds
{
    public static IReadOnlyList<IReadOnlyList<string>> Folds { get; } =
    [
        ["aly", "if3", "il1", "lrt", "mrt", "u01", "u06", "u14"],
        ["crt", "if5", "ilb", "im1", "nld", "u03", "u08", "u17"],
        ["drt", "elu", "if8", "u04", "u10", "u18", "u19"],
    ];

    /// <summary>The fold the shipped classifier was not fitted on: its real-mark figures are reported on these writers.</summary>
    public const int ShippedHeldOut = 2;

    /// <summary>Every writer outside fold <paramref name="heldOut"/>: those a fit leaving it out may see.</summary>
    public static IReadOnlyList<string> FitWriters(int heldOut) => [.. Folds.Where((_, k) => k != heldOut).SelectMany(f => f)];

    /// <summary>Fold <paramref name="fold"/>'s writers, comma-separated, as <see cref="SynthesisOptions.RealMarkWriters"/> takes them.</summary>
    public static string WritersOf(int fold) => string.Join(',', Folds[fold]);
}
