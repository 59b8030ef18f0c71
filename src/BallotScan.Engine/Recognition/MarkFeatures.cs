using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Recognition;

/// <summary>
/// Shape features of the ink inside a marking box, from its binary ink mask (specks already removed). Each is scaled to
/// about 0 to 1 and independent of resolution, pen and box size. The reader keeps all of them with every reading.
/// </summary>
public static class MarkFeatures
{
    /// <summary>The names of the features, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "ink", "components", "holes", "largestHole", "centreInk", "radiusMean", "radiusSpread", "angularCoverage",
        "ringCrossings", "bboxWidth", "bboxHeight", "bboxAspect", "fill", "mainDiagonal", "antiDiagonal", "elongation",
        "edgeInk", "strokeWidth", "quadrantBalance", "centreCrossings", "horizontalExtent", "faintInk", "twoLineFit", "crossBalance", "secondStroke",
        "scanRuns",
    ];

    public static int Count => Names.Count;

    internal const int AngularCoverageIndex = 7;
    internal const int TwoLineFitIndex = 22;
    internal const int SecondStrokeIndex = 24;
    internal const int ScanRunsIndex = 25;

    /// <summary>The features of <paramref name="ink"/>, an n x n mask (1 = ink); <paramref name="faintInk"/> is the share of even slightly dark pixels.</summary>
    public static double[] Compute(byte[] ink, int n, double faintInk)
    {
        ArgumentNullException.ThrowIfNull(ink);
        var f = new double[Count];
        f[21] = Math.Min(1, faintInk * 10);
        var (xs, ys) = InkPixels(ink, n);
        var total = xs.Length;
        int left = n, top = n, right = -1, bottom = -1;
        double sx = 0, sy = 0;
        for (var i = 0; i < total; i++)
        {
            var (x, y) = (xs[i], ys[i]);
            sx += x;
            sy += y;
            (left, right) = (Math.Min(left, x), Math.Max(right, x));
        }

        if (total > 0)
        {
            (top, bottom) = (ys[0], ys[^1]);
        }

        var area = (double)n * n;
        f[0] = total / area;
        if (total == 0)
        {
            return f;
        }

        f[1] = Math.Min(MaskComponents.Find(ink, n, n, 1, eightConnected: false).Count, 4) / 4.0;
        var (holes, largestHole) = Holes(ink, n, left, top, right, bottom);
        f[2] = Math.Min(holes, 3) / 3.0;
        f[3] = largestHole / area;

        var (bw, bh) = (right - left + 1, bottom - top + 1);
        var centre = new PointD((left + right) / 2.0, (top + bottom) / 2.0);
        var size = Math.Max(bw, bh);
        f[4] = DiscInk(ink, n, centre, 0.18 * size);

        var centroid = new PointD(sx / total, sy / total);
        double sumR = 0, sumR2 = 0, maxR = 0;
        double cxx = 0, cyy = 0, cxy = 0;
        var edge = 0;
        var perimeter = 0;
        var quadrants = new int[4];
        var diagonal = 0;
        var antiDiagonal = 0;
        var band = 0.1 * size;
        // Distance to the bounding box's diagonals, normalised to its size: u by column and v by row, divided once each.
        var (us, vs) = (new double[bw], new double[bh]);
        for (var k = 0; k < bw; k++)
        {
            us[k] = k / (double)Math.Max(1, bw - 1);
        }

        for (var k = 0; k < bh; k++)
        {
            vs[k] = k / (double)Math.Max(1, bh - 1);
        }

        for (var i = 0; i < total; i++)
        {
            var (x, y) = (xs[i], ys[i]);
            var (dx, dy) = (x - centroid.X, y - centroid.Y);
            var r = Math.Sqrt((dx * dx) + (dy * dy));
            sumR += r;
            sumR2 += r * r;
            maxR = Math.Max(maxR, r);
            cxx += dx * dx;
            cyy += dy * dy;
            cxy += dx * dy;
            if (x < 2 || y < 2 || x >= n - 2 || y >= n - 2)
            {
                edge++;
            }

            if (x == 0 || y == 0 || x == n - 1 || y == n - 1 || ink[(y * n) + x - 1] == 0 || ink[(y * n) + x + 1] == 0 || ink[((y - 1) * n) + x] == 0 || ink[((y + 1) * n) + x] == 0)
            {
                perimeter++;
            }

            quadrants[(x >= centre.X ? 1 : 0) + (y >= centre.Y ? 2 : 0)]++;
            var (u, v) = (us[x - left], vs[y - top]);
            if (Math.Abs(u - v) * size < band)
            {
                diagonal++;
            }

            if (Math.Abs(u + v - 1) * size < band)
            {
                antiDiagonal++;
            }
        }

        var meanR = sumR / total;
        f[5] = meanR / Math.Max(1, size / 2.0);
        f[6] = Math.Sqrt(Math.Max(0, (sumR2 / total) - (meanR * meanR))) / Math.Max(1e-6, meanR);
        f[7] = AngularCoverage(xs, ys, centroid, 0.45 * maxR, maxR + 1);
        f[8] = Math.Min(CircleCrossings(ink, n, centre, 0.3 * size), 8) / 8.0;
        f[9] = bw / (double)n;
        f[10] = bh / (double)n;
        f[11] = Math.Min(bw, bh) / (double)Math.Max(bw, bh);
        f[12] = total / (double)(bw * bh);
        f[13] = diagonal / (double)total;
        f[14] = antiDiagonal / (double)total;
        var trace = (cxx + cyy) / total;
        var det = ((cxx * cyy) - (cxy * cxy)) / ((double)total * total);
        var disc = Math.Sqrt(Math.Max(0, (trace * trace / 4) - det));
        var l1 = (trace / 2) + disc;
        var l2 = Math.Max(1e-9, (trace / 2) - disc);
        f[15] = 1 - Math.Sqrt(l2 / Math.Max(l1, 1e-9));
        f[16] = edge / (double)total;
        f[17] = Math.Min(1, 2.0 * total / Math.Max(1, perimeter) / (0.1 * n));
        f[18] = quadrants.Min() / (double)Math.Max(1, quadrants.Max());
        f[19] = Math.Min(CircleCrossings(ink, n, centre, 0.12 * size), 8) / 8.0;
        f[20] = RowExtent(ink, n, (int)Math.Round(centre.Y), bw);
        (f[22], f[23], f[24]) = TwoLines(xs, ys, n, size);
        f[25] = Math.Min(ScanRuns(ink, n, (left, top, right, bottom)), 8) / 8.0;
        return f;
    }

    /// <summary>
    /// How well two straight strokes explain the ink (a coarse Hough transform: the best line, then the best line of what
    /// is left), and where they cross along each: × crosses near both middles (balance near 0.5), √ meets at an end (near 0),
    /// a scribble fits two lines poorly; and how much ink the second line carries beside the first (a × has two strokes of
    /// comparable length, a single slash has one).
    /// </summary>
    private static (double Fit, double Balance, double SecondStroke) TwoLines(int[] xs, int[] ys, int n, int size)
    {
        var count = xs.Length;
        var total = count;

        // The line search votes with every other pixel of every other row (a stroke is at least three pixels wide, so
        // no stroke is lost); the chosen line then takes all its pixels.
        var voterIndex = new int[count];
        var voters = 0;
        for (var i = 0; i < count; i++)
        {
            if (((xs[i] | ys[i]) & 1) == 0)
            {
                voterIndex[voters++] = i;
            }
        }

        var used = new bool[count];
        var width = Math.Max(2.5, 0.06 * size);
        var lines = new List<(double Angle, double Offset, int Count)>(2);
        // Projections lie within ±n·√2; bins of one stroke width. The votes of every angle are counted once; the second
        // line's search takes the voters the first line took back out of them.
        var zero = (int)Math.Ceiling(n * 1.5 / width) + 1;
        var binCount = (2 * zero) + 2;
        var tally = new int[HoughAngles * binCount];
        var (stepX, stepY) = (new double[HoughAngles], new double[HoughAngles]);
        for (var a = 0; a < HoughAngles; a++)
        {
            (stepX[a], stepY[a]) = (HoughCos[a] / width, HoughSin[a] / width);
        }

        Vote(voterIndex.AsSpan(0, voters), 1);
        for (var l = 0; l < 2; l++)
        {
            var (strongestAngle, strongestBin, strongestCount) = StrongestPair(tally, binCount);
            var best = (Angle: strongestAngle, Offset: strongestCount > 0 ? (strongestBin - zero) * width : 0.0, Count: strongestCount);

            var angle = best.Angle * Math.PI / HoughAngles;
            var (bx, by) = (HoughCos[best.Angle], HoughSin[best.Angle]);
            var taken = 0;
            var takenVoters = new List<int>();
            for (var i = 0; i < count; i++)
            {
                var d = (xs[i] * bx) + (ys[i] * by);
                if (!used[i] && d >= best.Offset && d < best.Offset + (2 * width))
                {
                    used[i] = true;
                    taken++;
                    if (((xs[i] | ys[i]) & 1) == 0)
                    {
                        takenVoters.Add(i);
                    }
                }
            }

            lines.Add((angle, best.Offset + width, taken));
            if (l == 0)
            {
                Vote(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(takenVoters), -1);
            }
        }

        // Each pixel's bin at every angle: the projection in doubles, the offset added before truncation (the same bin as
        // Math.Floor, since the sum is never negative). Four pixels at a time with vectors where the processor has them
        // (the same products and sums); the full vote is counted in four interleaved tallies, then added up, so that
        // neighbours falling in one bin do not wait on each other.
        void Vote(ReadOnlySpan<int> pixels, int delta)
        {
            var (vx, vy) = (new double[pixels.Length], new double[pixels.Length]);
            for (var k = 0; k < pixels.Length; k++)
            {
                (vx[k], vy[k]) = (xs[pixels[k]], ys[pixels[k]]);
            }

            var vectors = Avx.IsSupported ? pixels.Length & ~3 : 0;
            var spread = delta > 0 && vectors >= 64 ? 4 : 1;
            var lanes = spread > 1 ? new int[spread * binCount] : null;
            var offset = Vector256.Create((double)zero);
            var laneOffsets = Vector128.Create(0, 1, 2, 3) & Vector128.Create(spread - 1);
            // An angle's bins are all computed first, then counted.
            var where = new int[pixels.Length];
            for (var a = 0; a < HoughAngles; a++)
            {
                var (sx, sy) = (Vector256.Create(stepX[a]), Vector256.Create(stepY[a]));
                for (var k = 0; k < vectors; k += 4)
                {
                    var x = Vector256.Create(vx.AsSpan(k, 4));
                    var y = Vector256.Create(vy.AsSpan(k, 4));
                    var bin = Avx.ConvertToVector128Int32WithTruncation((x * sx) + (y * sy) + offset);
                    ((bin * spread) + laneOffsets).CopyTo(where.AsSpan(k));
                }

                for (var k = vectors; k < pixels.Length; k++)
                {
                    where[k] = (int)((vx[k] * stepX[a]) + (vy[k] * stepY[a]) + zero) * spread;
                }

                var bins = tally.AsSpan(a * binCount, binCount);
                var counts = lanes is null ? bins : lanes.AsSpan();
                if (lanes is not null)
                {
                    Array.Clear(lanes);
                }

                foreach (var w in where)
                {
                    counts[w] += delta;
                }

                for (var b = 0; lanes is not null && b < binCount; b++)
                {
                    bins[b] += lanes[4 * b] + lanes[(4 * b) + 1] + lanes[(4 * b) + 2] + lanes[(4 * b) + 3];
                }
            }
        }

        var fit = (lines[0].Count + lines[1].Count) / (double)Math.Max(1, total);
        var second = lines[1].Count / (double)Math.Max(1, lines[0].Count);

        // Where the two lines cross, and how the ink of each line lies on either side of that point.
        var (a1, d1) = (lines[0].Angle, lines[0].Offset);
        var (a2, d2) = (lines[1].Angle, lines[1].Offset);
        var det = (Math.Cos(a1) * Math.Sin(a2)) - (Math.Sin(a1) * Math.Cos(a2));
        if (Math.Abs(det) < 0.2)
        {
            return (fit, 0, second); // nearly parallel: no crossing
        }

        var px = ((d1 * Math.Sin(a2)) - (d2 * Math.Sin(a1))) / det;
        var py = ((Math.Cos(a1) * d2) - (Math.Cos(a2) * d1)) / det;
        var balance = 1.0;
        foreach (var (angle, offset, _) in lines)
        {
            var (tx, ty) = (-Math.Sin(angle), Math.Cos(angle)); // along the line
            var (nx, ny) = (Math.Cos(angle), Math.Sin(angle));
            int before = 0, after = 0;
            for (var i = 0; i < count; i++)
            {
                var (x, y) = (xs[i], ys[i]);
                if (Math.Abs((x * nx) + (y * ny) - offset) > width)
                {
                    continue;
                }

                if (((x - px) * tx) + ((y - py) * ty) < 0)
                {
                    before++;
                }
                else
                {
                    after++;
                }
            }

            balance = Math.Min(balance, Math.Min(before, after) / (double)Math.Max(1, before + after));
        }

        return (fit, balance, second);
    }

    /// <summary>
    /// The first pair of neighbouring bins, angle by angle and bin by bin, with the most votes (angle, first bin, votes;
    /// votes 0 when every bin is empty): the pair a plain search keeping only a strictly larger count finds. Each angle's
    /// largest pair is found eight pairs at a time, then the first pair with the largest of all.
    /// </summary>
    private static (int Angle, int Bin, int Count) StrongestPair(int[] tally, int binCount)
    {
        var (angle, most) = (0, 0);
        for (var a = 0; a < HoughAngles; a++)
        {
            var bins = tally.AsSpan(a * binCount, binCount);
            var b = 0;
            var largest = Vector256<int>.Zero;
            for (; b + Vector256<int>.Count < bins.Length; b += Vector256<int>.Count)
            {
                largest = Vector256.Max(largest, Vector256.Create(bins.Slice(b, Vector256<int>.Count)) + Vector256.Create(bins.Slice(b + 1, Vector256<int>.Count)));
            }

            var angleMost = 0;
            for (var k = 0; k < Vector256<int>.Count; k++)
            {
                angleMost = Math.Max(angleMost, largest.GetElement(k));
            }

            for (; b + 1 < bins.Length; b++)
            {
                angleMost = Math.Max(angleMost, bins[b] + bins[b + 1]);
            }

            if (angleMost > most)
            {
                (angle, most) = (a, angleMost);
            }
        }

        if (most == 0)
        {
            return (0, 0, 0);
        }

        var found = tally.AsSpan(angle * binCount, binCount);
        for (var b = 0; b + 1 < found.Length; b++)
        {
            if (found[b] + found[b + 1] == most)
            {
                return (angle, b, most);
            }
        }

        throw new InvalidOperationException("unreachable: the largest pair was counted from these bins");
    }

    private const int HoughAngles = 36;
    private static readonly double[] HoughCos = [.. Enumerable.Range(0, HoughAngles).Select(a => Math.Cos(a * Math.PI / HoughAngles))];
    private static readonly double[] HoughSin = [.. Enumerable.Range(0, HoughAngles).Select(a => Math.Sin(a * Math.PI / HoughAngles))];

    /// <summary>
    /// Regions of paper enclosed by ink, at least 1 % of the mask's area. A hole lies inside the ink's bounding box, so only
    /// that box and a one-pixel margin of paper around it are searched: paper touching the margin is open, the rest enclosed.
    /// </summary>
    private static (int Count, int Largest) Holes(byte[] ink, int n, int left, int top, int right, int bottom)
    {
        var (x0, y0) = (left - 1, top - 1);
        var (w, h) = (right - left + 3, bottom - top + 3);
        var window = new byte[w * h];
        var (from, to) = (Math.Max(0, x0), Math.Min(n, x0 + w));
        for (var y = 0; y < h; y++)
        {
            var sy = y0 + y;
            if (sy >= 0 && sy < n && to > from)
            {
                Array.Copy(ink, (sy * n) + from, window, (y * w) + from - x0, to - from);
            }
        }

        var paper = MaskComponents.Find(window, w, h, 0, eightConnected: false);
        int count = 0, largest = 0;
        for (var c = 0; c < paper.Count; c++)
        {
            if (!paper.TouchesEdge[c] && paper.Sizes[c] >= n * n / 100)
            {
                count++;
                largest = Math.Max(largest, paper.Sizes[c]);
            }
        }

        return (count, largest);
    }

    private static double DiscInk(byte[] ink, int n, PointD c, double radius)
    {
        int inside = 0, inked = 0;
        for (var y = (int)(c.Y - radius); y <= c.Y + radius; y++)
        {
            for (var x = (int)(c.X - radius); x <= c.X + radius; x++)
            {
                if (x < 0 || y < 0 || x >= n || y >= n || ((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y)) > radius * radius)
                {
                    continue;
                }

                inside++;
                inked += ink[(y * n) + x];
            }
        }

        return inside == 0 ? 0 : inked / (double)inside;
    }

    private static double AngularCoverage(int[] xs, int[] ys, PointD c, double rMin, double rMax)
    {
        const int sectors = 24;
        var hit = new bool[sectors];
        for (var i = 0; i < xs.Length; i++)
        {
            var (dx, dy) = (xs[i] - c.X, ys[i] - c.Y);
            var r = Math.Sqrt((dx * dx) + (dy * dy));
            if (r < rMin || r > rMax)
            {
                continue;
            }

            // The sector from a quick arctangent (within 2e-5 rad) when that leaves no doubt, from Math.Atan2 otherwise
            // (within 0.001 of a sector's edge): the same sector either way.
            var quick = (ApproximateAtan2(dy, dx) + Math.PI) / (2 * Math.PI) * sectors;
            var edge = quick - Math.Floor(quick);
            var sector = edge > 0.001 && edge < 0.999 && quick > 0 && quick < sectors
                ? (int)quick
                : (int)((Math.Atan2(dy, dx) + Math.PI) / (2 * Math.PI) * sectors) % sectors;
            hit[sector] = true;
        }

        return hit.Count(h => h) / (double)sectors;
    }

    /// <summary>
    /// atan2(y, x) within 2e-5 radians: Abramowitz and Stegun 4.4.49 (about 1e-5; 1.15e-5 at 45°) on the ratio of the
    /// smaller to the larger of |x| and |y|, then put in its octant.
    /// </summary>
    internal static double ApproximateAtan2(double y, double x)
    {
        var (ax, ay) = (Math.Abs(x), Math.Abs(y));
        if (ax == 0 && ay == 0)
        {
            return 0;
        }

        var z = Math.Min(ax, ay) / Math.Max(ax, ay);
        var z2 = z * z;
        var a = z * (0.9998660 + (z2 * (-0.3302995 + (z2 * (0.1801410 + (z2 * (-0.0851330 + (z2 * 0.0208351))))))));
        a = ay > ax ? (Math.PI / 2) - a : a;
        a = x < 0 ? Math.PI - a : a;
        return y < 0 ? -a : a;
    }

    /// <summary>The ink pixels (not 0) of a square mask, in reading order: row by row, left to right.</summary>
    private static (int[] Xs, int[] Ys) InkPixels(byte[] ink, int n)
    {
        var total = 0;
        for (var y = 0; y < n; y++)
        {
            total += n - ink.AsSpan(y * n, n).Count((byte)0);
        }

        var (xs, ys) = (new int[total], new int[total]);
        var count = 0;
        for (var y = 0; y < n && count < total; y++)
        {
            var row = ink.AsSpan(y * n, n);
            var first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            var last = row.LastIndexOfAnyExcept((byte)0);
            for (var x = first; x <= last; x++)
            {
                if (row[x] != 0)
                {
                    (xs[count], ys[count]) = (x, y);
                    count++;
                }
            }
        }

        return (xs, ys);
    }

    private const int CircleSteps = 96;
    private static readonly double[] CircleCos = [.. Enumerable.Range(0, CircleSteps).Select(i => Math.Cos(2 * Math.PI * i / CircleSteps))];
    private static readonly double[] CircleSin = [.. Enumerable.Range(0, CircleSteps).Select(i => Math.Sin(2 * Math.PI * i / CircleSteps))];

    private static int CircleCrossings(byte[] ink, int n, PointD c, double radius)
    {
        const int steps = CircleSteps;
        var crossings = 0;
        var previous = Sample(steps - 1);
        for (var i = 0; i < steps; i++)
        {
            var current = Sample(i);
            if (current && !previous)
            {
                crossings++;
            }

            previous = current;
        }

        return crossings;

        bool Sample(int i)
        {
            var x = (int)Math.Round(c.X + (radius * CircleCos[i]));
            var y = (int)Math.Round(c.Y + (radius * CircleSin[i]));
            return x >= 0 && y >= 0 && x < n && y < n && ink[(y * n) + x] != 0;
        }
    }

    /// <summary>
    /// How many strokes a straight line across the ink meets, at most, over five rows and five columns spread across it:
    /// a ○, × or √ is met at most twice by any line, a scribble going back and forth many times.
    /// </summary>
    private static int ScanRuns(byte[] ink, int n, (int Left, int Top, int Right, int Bottom) inked)
    {
        var most = 0;
        for (var k = 1; k <= 5; k++)
        {
            var y = inked.Top + ((inked.Bottom - inked.Top) * k / 6);
            var x = inked.Left + ((inked.Right - inked.Left) * k / 6);
            int rowRuns = 0, columnRuns = 0;
            for (var i = inked.Left; i <= inked.Right; i++)
            {
                rowRuns += ink[(y * n) + i] != 0 && (i == inked.Left || ink[(y * n) + i - 1] == 0) ? 1 : 0;
            }

            for (var j = inked.Top; j <= inked.Bottom; j++)
            {
                columnRuns += ink[(j * n) + x] != 0 && (j == inked.Top || ink[((j - 1) * n) + x] == 0) ? 1 : 0;
            }

            most = Math.Max(most, Math.Max(rowRuns, columnRuns));
        }

        return most;
    }

    /// <summary>How much of the bounding box's width the ink row through the centre spans (a ○ has two short runs, a dash one long one).</summary>
    private static double RowExtent(byte[] ink, int n, int y, int width)
    {
        if (y < 0 || y >= n)
        {
            return 0;
        }

        var count = 0;
        for (var x = 0; x < n; x++)
        {
            count += ink[(y * n) + x];
        }

        return count / (double)Math.Max(1, width);
    }
}
