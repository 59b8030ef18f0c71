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
    /// <summary>The names of the features, in order (each <see cref="MarkFeature"/> in camel case, as the calibration file names them).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetNames<MarkFeature>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])];

    public static int Count => Names.Count;

    /// <summary>The features of <paramref name="ink"/>, an n x n mask (1 = ink); <paramref name="faintInk"/> is the share of even slightly dark pixels.</summary>
    public static double[] Compute(byte[] ink, int n, double faintInk) => Measure(ink, n, faintInk).Features;

    /// <summary>The classifier's features of <paramref name="ink"/> and the geometry the symbol guards check (<see cref="MarkGeometry"/>).</summary>
    public static (double[] Features, MarkGeometry Geometry) Measure(byte[] ink, int n, double faintInk)
    {
        ArgumentNullException.ThrowIfNull(ink);
        var f = new double[Count];
        f.At(MarkFeature.FaintInk) = Math.Min(1, faintInk * 10);
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
        f.At(MarkFeature.Ink) = total / area;
        if (total == 0)
        {
            return (f, MarkGeometry.None);
        }

        var components = MaskComponents.Find(ink, n, n, 1, eightConnected: false);
        f.At(MarkFeature.Components) = Math.Min(components.Count, 4) / 4.0;
        var (holes, largestHole) = Holes(ink, n, left, top, right, bottom);
        f.At(MarkFeature.Holes) = Math.Min(holes, 3) / 3.0;
        f.At(MarkFeature.LargestHole) = largestHole / area;

        var (bw, bh) = (right - left + 1, bottom - top + 1);
        var centre = new PointD((left + right) / 2.0, (top + bottom) / 2.0);
        var size = Math.Max(bw, bh);
        f.At(MarkFeature.CentreInk) = DiscInk(ink, n, centre, 0.18 * size);

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
        f.At(MarkFeature.RadiusMean) = meanR / Math.Max(1, size / 2.0);
        f.At(MarkFeature.RadiusSpread) = Math.Sqrt(Math.Max(0, (sumR2 / total) - (meanR * meanR))) / Math.Max(1e-6, meanR);
        f.At(MarkFeature.AngularCoverage) = AngularCoverage(xs, ys, centroid, 0.45 * maxR, maxR + 1);
        f.At(MarkFeature.RingCrossings) = Math.Min(CircleCrossings(ink, n, centre, 0.3 * size), 8) / 8.0;
        f.At(MarkFeature.BboxWidth) = bw / (double)n;
        f.At(MarkFeature.BboxHeight) = bh / (double)n;
        f.At(MarkFeature.BboxAspect) = Math.Min(bw, bh) / (double)Math.Max(bw, bh);
        f.At(MarkFeature.Fill) = total / (double)(bw * bh);
        f.At(MarkFeature.MainDiagonal) = diagonal / (double)total;
        f.At(MarkFeature.AntiDiagonal) = antiDiagonal / (double)total;
        var trace = (cxx + cyy) / total;
        var det = ((cxx * cyy) - (cxy * cxy)) / ((double)total * total);
        var disc = Math.Sqrt(Math.Max(0, (trace * trace / 4) - det));
        var l1 = (trace / 2) + disc;
        var l2 = Math.Max(1e-9, (trace / 2) - disc);
        f.At(MarkFeature.Elongation) = 1 - Math.Sqrt(l2 / Math.Max(l1, 1e-9));
        f.At(MarkFeature.EdgeInk) = edge / (double)total;
        f.At(MarkFeature.StrokeWidth) = Math.Min(1, 2.0 * total / Math.Max(1, perimeter) / (0.1 * n));
        f.At(MarkFeature.QuadrantBalance) = quadrants.Min() / (double)Math.Max(1, quadrants.Max());
        f.At(MarkFeature.CentreCrossings) = Math.Min(CircleCrossings(ink, n, centre, 0.12 * size), 8) / 8.0;
        f.At(MarkFeature.HorizontalExtent) = RowExtent(ink, n, (int)Math.Round(centre.Y), bw);
        var lines = TwoLines(xs, ys, n, size);
        (f.At(MarkFeature.TwoLineFit), f.At(MarkFeature.CrossBalance), f.At(MarkFeature.SecondStroke)) = (lines.Fit, lines.Balance, lines.SecondStroke);
        f.At(MarkFeature.ScanRuns) = Math.Min(ScanRuns(ink, n, (left, top, right, bottom)), 8) / 8.0;
        var (roundness, corners, harmonics, turnConcentration) = Outline(xs, ys, centroid, cxx / total, cyy / total, cxy / total);
        f.At(MarkFeature.Roughness) = roundness is { } rough ? Math.Min(1, rough * 4) : 1;
        f.At(MarkFeature.Corners) = corners is { } kink ? Math.Min(1, kink / 180) : 1;
        for (var h = 0; h < OutlineHarmonics; h++)
        {
            f[(int)MarkFeature.Harmonic3 + h] = harmonics is null ? 0 : Math.Min(1, harmonics[h] * 5);
        }
        var geometry = new MarkGeometry(
            roundness,
            corners,
            harmonics,
            [.. lines.Directions.Select(d => Math.Round(d, 2))],
            lines.Crossing is { } c ? new PointD(Math.Round((c.X - left) / Math.Max(1, bw - 1), 4), Math.Round((c.Y - top) / Math.Max(1, bh - 1), 4)) : null,
            lines.LegAngle is { } legAngle ? Math.Round(legAngle, 2) : null)
        {
            TurnConcentration = turnConcentration,
            InnerInk = roundness is null ? null : Math.Round(InnerInk(ink, n, components) / (double)total, 4),
            InkCentre = BoxInspector.FromBoxCorner(centroid),
        };
        return (f, geometry);
    }

    /// <summary>The outline's harmonics kept as features: 3 to 8 (a triangle's 3, a square's 4, a pentagon's 5, a hexagon's 6…).</summary>
    private const int OutlineHarmonics = 6;

    /// <summary>The outline's sectors (5° each).</summary>
    private const int OutlineSectors = 72;

    /// <summary>Per sector, at its centre angle a: 1, cos a, sin a, cos 2a, sin 2a (the ellipse's harmonics fitted away).</summary>
    private static readonly double[][] OutlineBasis = [.. Enumerable.Range(0, OutlineSectors).Select(k => (k + 0.5) * 2 * Math.PI / OutlineSectors)
        .Select(a => new[] { 1, Math.Cos(a), Math.Sin(a), Math.Cos(2 * a), Math.Sin(2 * a) })];

    /// <summary>Per harmonic 3 to 8 and sector k: the cosine and sine of the harmonic at the sector's start.</summary>
    private static readonly (double Cos, double Sin)[][] OutlineWaves = [.. Enumerable.Range(0, OutlineHarmonics).Select(h => Enumerable.Range(0, OutlineSectors)
        .Select(k => (h + 3) * 2 * Math.PI * k / OutlineSectors).Select(a => (Math.Cos(a), Math.Sin(a))).ToArray())];

    /// <summary>
    /// The outline of a closed mark, whitened by the ink's own second moments (an ellipse becomes a circle, a polygon stays a
    /// polygon), its radius taken per 5° sector around the centroid. Roughness: the median radius of each sector with ink,
    /// the two lowest harmonics (an egg, an ellipse left) fitted away, the spread of what remains as a share of the mean
    /// radius. Corners: on the outermost ink of each sector (a sector without ink bridged by its nearest neighbours with ink),
    /// the sharpest turn the outline takes between the chords to the points 15° before and after, degrees (a circle turns 30°
    /// everywhere; a hexagon's corner 60°, a square's 90°; a heart's point, a tail or a loop more). Harmonics: that outline's
    /// harmonics 3 to 8 as shares of its mean radius (a polygon of n sides puts its corners into harmonic n). All null when
    /// fewer than 3/4 of the sectors hold ink (an open mark) or the ink has no width to whiten.
    /// </summary>
    internal static (double? Roughness, double? Corners, double[]? Harmonics, double? TurnConcentration) Outline(int[] xs, int[] ys, PointD centroid, double vxx, double vyy, double vxy)
    {
        const int sectors = OutlineSectors;
        const int window = 3;
        // The inverse square root of the covariance [[vxx, vxy], [vxy, vyy]], by its eigenvectors.
        var trace = vxx + vyy;
        var gap = Math.Sqrt(Math.Max(0, (((vxx - vyy) / 2) * ((vxx - vyy) / 2)) + (vxy * vxy)));
        var (l1, l2) = ((trace / 2) + gap, (trace / 2) - gap);
        if (l2 <= 1e-9)
        {
            return (null, null, null, null);
        }

        var theta = 0.5 * Math.Atan2(2 * vxy, vxx - vyy);
        var (c, s) = (Math.Cos(theta), Math.Sin(theta));
        var (k1, k2) = (1 / Math.Sqrt(l1), 1 / Math.Sqrt(l2));
        // Each pixel's sector and whitened radius, then the radii grouped by sector (counted, placed, each group sorted).
        var count = xs.Length;
        var sectorOf = new int[count];
        var radius = new double[count];
        var sizes = new int[sectors + 1];
        for (var i = 0; i < count; i++)
        {
            var (dx, dy) = (xs[i] - centroid.X, ys[i] - centroid.Y);
            var (u, v) = (((dx * c) + (dy * s)) * k1, ((-dx * s) + (dy * c)) * k2);
            var sector = SectorOf(v, u, sectors);
            (sectorOf[i], radius[i]) = (sector, Math.Sqrt((u * u) + (v * v)));
            sizes[sector + 1]++;
        }

        var starts = new int[sectors + 1];
        for (var k = 0; k < sectors; k++)
        {
            starts[k + 1] = starts[k] + sizes[k + 1];
        }

        var grouped = new double[count];
        var fill = (int[])starts.Clone();
        for (var i = 0; i < count; i++)
        {
            grouped[fill[sectorOf[i]]++] = radius[i];
        }

        var profile = new double[sectors];
        var outer = new double[sectors];
        var held = 0;
        for (var k = 0; k < sectors; k++)
        {
            var list = grouped.AsSpan(starts[k], starts[k + 1] - starts[k]);
            if (list.Length > 0)
            {
                list.Sort();
                (profile[k], outer[k]) = (list[list.Length / 2], list[^1]);
                held++;
            }
            else
            {
                (profile[k], outer[k]) = (double.NaN, double.NaN);
            }
        }

        if (held < sectors * 3 / 4)
        {
            return (null, null, null, null);
        }

        // Least squares of r(a) = c0 + c1 cos a + s1 sin a + c2 cos 2a + s2 sin 2a over the sectors with ink.
        var basis = new List<double[]>(held);
        var values = new List<double>(held);
        for (var k = 0; k < sectors; k++)
        {
            if (!double.IsNaN(profile[k]))
            {
                basis.Add(OutlineBasis[k]);
                values.Add(profile[k]);
            }
        }

        var coefficients = LeastSquares(basis, values);
        if (coefficients[0] <= 0)
        {
            return (null, null, null, null);
        }

        double sum = 0;
        for (var k = 0; k < values.Count; k++)
        {
            var fitted = 0.0;
            for (var j = 0; j < coefficients.Length; j++)
            {
                fitted += coefficients[j] * basis[k][j];
            }

            sum += (values[k] - fitted) * (values[k] - fitted);
        }

        // Corners: the outermost ink of each sector, gaps bridged by the nearest sectors with ink either side.
        var filled = (double[])outer.Clone();
        for (var k = 0; k < sectors; k++)
        {
            if (double.IsNaN(outer[k]))
            {
                int before = 1, after = 1;
                while (double.IsNaN(outer[(k - before + sectors) % sectors]))
                {
                    before++;
                }

                while (double.IsNaN(outer[(k + after) % sectors]))
                {
                    after++;
                }

                filled[k] = (outer[(k - before + sectors) % sectors] + outer[(k + after) % sectors]) / 2;
            }
        }

        PointD At(int k)
        {
            var i = ((k % sectors) + sectors) % sectors;
            return new PointD(filled[i] * OutlineBasis[i][1], filled[i] * OutlineBasis[i][2]);
        }

        var turns = new double[sectors];
        for (var k = 0; k < sectors; k++)
        {
            var (p0, p1, p2) = (At(k - window), At(k), At(k + window));
            var (ax, ay, bx, by) = (p1.X - p0.X, p1.Y - p0.Y, p2.X - p1.X, p2.Y - p1.Y);
            turns[k] = Math.Abs(Math.Atan2((ax * by) - (ay * bx), (ax * bx) + (ay * by)));
        }

        // How much of the outline's turning its sharpest quarter takes: an ellipse, whitened, turns evenly (a quarter and the
        // pen's wobble); a polygon turns at its corners and runs straight between them.
        var totalTurn = turns.Sum();
        Array.Sort(turns);
        var sharpest = turns[^1];
        var sharpestQuarter = 0.0;
        for (var k = sectors - (sectors / 4); k < sectors; k++)
        {
            sharpestQuarter += turns[k];
        }

        double? concentration = totalTurn > 0 ? Math.Round(sharpestQuarter / totalTurn, 4) : null;

        // The outline's harmonics 3 to 8, each as a share of its mean radius: whitened, an ellipse has none; a polygon of n
        // sides puts its corners into harmonic n whatever its turn (the magnitudes do not depend on where the sectors start).
        var mean = filled.Average();
        var harmonics = new double[OutlineHarmonics];
        for (var h = 0; h < OutlineHarmonics; h++)
        {
            double re = 0, im = 0;
            for (var k = 0; k < sectors; k++)
            {
                var (cos, sin) = OutlineWaves[h][k];
                (re, im) = (re + (filled[k] * cos), im + (filled[k] * sin));
            }

            harmonics[h] = Math.Round(2 * Math.Sqrt((re * re) + (im * im)) / sectors / mean, 5);
        }

        return (Math.Round(Math.Sqrt(sum / values.Count) / coefficients[0], 5), Math.Round(sharpest * 180 / Math.PI, 2), harmonics, concentration);
    }

    /// <summary>The least-squares coefficients of <paramref name="rows"/> · c ≈ <paramref name="values"/> (normal equations, Gauss–Jordan).</summary>
    private static double[] LeastSquares(List<double[]> rows, List<double> values)
    {
        var m = rows[0].Length;
        var a = new double[m, m + 1];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    a[i, j] += rows[r][i] * rows[r][j];
                }

                a[i, m] += rows[r][i] * values[r];
            }
        }

        for (var col = 0; col < m; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < m; r++)
            {
                pivot = Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]) ? r : pivot;
            }

            for (var j = 0; j <= m; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            if (Math.Abs(a[col, col]) < 1e-12)
            {
                continue;
            }

            for (var r = 0; r < m; r++)
            {
                if (r != col)
                {
                    var factor = a[r, col] / a[col, col];
                    for (var j = col; j <= m; j++)
                    {
                        a[r, j] -= factor * a[col, j];
                    }
                }
            }
        }

        var x = new double[m];
        for (var i = 0; i < m; i++)
        {
            x[i] = Math.Abs(a[i, i]) < 1e-12 ? 0 : a[i, m] / a[i, i];
        }

        return x;
    }

    /// <summary>
    /// How well two straight strokes explain the ink (a coarse Hough transform: the best line, then the best line of what
    /// is left), and where they cross along each: × crosses near both middles (balance near 0.5), √ meets at an end (near 0),
    /// a scribble fits two lines poorly; and how much ink the second line carries beside the first (a × has two strokes of
    /// comparable length, a single slash has one).
    /// </summary>
    private static TwoLineResult TwoLines(int[] xs, int[] ys, int n, int size)
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
        // A stroke's direction in the box, degrees from the horizontal (0 to 180, y down): the line's normal turned a quarter.
        var directions = lines.Select(l => ((l.Angle * 180 / Math.PI) + 90) % 180).ToArray();

        // Where the two lines cross, and how the ink of each line lies on either side of that point.
        var (a1, d1) = (lines[0].Angle, lines[0].Offset);
        var (a2, d2) = (lines[1].Angle, lines[1].Offset);
        var det = (Math.Cos(a1) * Math.Sin(a2)) - (Math.Sin(a1) * Math.Cos(a2));
        if (Math.Abs(det) < 0.2)
        {
            return new TwoLineResult(fit, 0, second, directions, null, null); // nearly parallel: no crossing
        }

        var px = ((d1 * Math.Sin(a2)) - (d2 * Math.Sin(a1))) / det;
        var py = ((Math.Cos(a1) * d2) - (Math.Cos(a2) * d1)) / det;
        var balance = 1.0;
        var legs = new PointD[2];
        var leg = 0;
        foreach (var (angle, offset, _) in lines)
        {
            var (tx, ty) = (-Math.Sin(angle), Math.Cos(angle)); // along the line
            var (nx, ny) = (Math.Cos(angle), Math.Sin(angle));
            int before = 0, after = 0;
            double reachBefore = 0, reachAfter = 0;
            for (var i = 0; i < count; i++)
            {
                var (x, y) = (xs[i], ys[i]);
                if (Math.Abs((x * nx) + (y * ny) - offset) > width)
                {
                    continue;
                }

                var along = ((x - px) * tx) + ((y - py) * ty);
                if (along < 0)
                {
                    before++;
                    reachBefore -= along;
                }
                else
                {
                    after++;
                    reachAfter += along;
                }
            }

            balance = Math.Min(balance, Math.Min(before, after) / (double)Math.Max(1, before + after));
            // The leg: from the crossing along the side holding more of the line's ink.
            legs[leg++] = reachAfter >= reachBefore ? new PointD(tx, ty) : new PointD(-tx, -ty);
        }

        var legAngle = Math.Acos(Math.Clamp((legs[0].X * legs[1].X) + (legs[0].Y * legs[1].Y), -1, 1)) * 180 / Math.PI;
        return new TwoLineResult(fit, balance, second, directions, new PointD(px, py), legAngle);
    }

    /// <summary>The two strokes found: fit, balance and second stroke (features), their directions, where they cross, the angle between their legs.</summary>
    private readonly record struct TwoLineResult(double Fit, double Balance, double SecondStroke, double[] Directions, PointD? Crossing, double? LegAngle);

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

    /// <summary>
    /// Ink pixels lying inside the largest component's enclosed paper but not part of it: eyes and a mouth in a ring, a dot in
    /// ⊙, a letter written inside a loop. A ○'s own overshoot or inner hook is joined to its ring and counts nothing.
    /// </summary>
    private static int InnerInk(byte[] ink, int n, MaskComponents components)
    {
        if (components.Count < 2)
        {
            return 0;
        }

        var ring = new byte[n * n];
        components.Draw(ring, n, components.Largest, 1);
        var paper = MaskComponents.Find(ring, n, n, 0, eightConnected: false);
        var inside = new byte[n * n];
        for (var c = 0; c < paper.Count; c++)
        {
            if (!paper.TouchesEdge[c])
            {
                paper.Draw(inside, n, c, 1);
            }
        }

        var count = 0;
        for (var i = 0; i < ink.Length; i++)
        {
            count += ink[i] & inside[i];
        }

        return count;
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

            hit[SectorOf(dy, dx, sectors)] = true;
        }

        return hit.Count(h => h) / (double)sectors;
    }

    /// <summary>
    /// Which of <paramref name="sectors"/> equal sectors around the origin (starting at −π) the direction (x, y) falls in:
    /// from a quick arctangent (within 2e-5 rad) when that leaves no doubt, from Math.Atan2 otherwise (within 0.001 of a
    /// sector's edge): the same sector as Math.Atan2 gives, either way.
    /// </summary>
    private static int SectorOf(double y, double x, int sectors)
    {
        var quick = (ApproximateAtan2(y, x) + Math.PI) / (2 * Math.PI) * sectors;
        var edge = quick - Math.Floor(quick);
        return edge > 0.001 && edge < 0.999 && quick > 0 && quick < sectors
            ? (int)quick
            : (int)((Math.Atan2(y, x) + Math.PI) / (2 * Math.PI) * sectors) % sectors;
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

/// <summary>
/// The geometry of a mark that the symbol guards check (<see cref="SymbolGuards"/>), beside the classifier's features.
/// </summary>
/// <param name="Roundness">How far the ink departs from a smooth closed curve beyond an ellipse, as a share of its radius (null: not closed enough to say).</param>
/// <param name="Corners">The sharpest turn of the ink's outline over 30° around it, degrees (null: not closed enough to say).</param>
/// <param name="Harmonics">The whitened outline's harmonics 3 to 8 as shares of its radius (null: not closed enough to say).</param>
/// <param name="StrokeDirections">The two strongest straight strokes' directions, degrees from the horizontal (0 to 180, y down).</param>
/// <param name="Crossing">Where those strokes cross, as a share of the ink's width and height from its top left (null: they are nearly parallel).</param>
/// <param name="LegAngle">The angle between the two strokes' legs seen from their crossing, degrees (null: nearly parallel).</param>
public sealed record MarkGeometry(double? Roundness, double? Corners, IReadOnlyList<double>? Harmonics, IReadOnlyList<double> StrokeDirections, PointD? Crossing, double? LegAngle)
{
    /// <summary>
    /// The share of the whitened outline's turning taken by its sharpest quarter (null: not closed enough to say): about a
    /// quarter for an ellipse, more where a polygon turns at its corners and runs straight between them.
    /// </summary>
    public double? TurnConcentration { get; init; }

    /// <summary>Ink inside the ring that is not part of it, as a share of all the ink (null: not closed enough to say): a face, a dot, a letter in a ring.</summary>
    public double? InnerInk { get; init; }

    /// <summary>
    /// Where the ink's centre lies: millimetres from the top left outer corner of the box's printed border as the reader
    /// found it (the mask of <see cref="BoxInspector"/>: 8 px/mm, the box inside its band; null: no ink). Another image of the
    /// same paper puts it within a fraction of a millimetre of the first; another voter's mark lies elsewhere
    /// (<see cref="RescanDetector"/>).
    /// </summary>
    public PointD? InkCentre { get; init; }

    /// <summary>
    /// For a mark read as ○: the probability the shape network gives that a person calls it one (<see cref="ShapeNet"/>;
    /// null: not read as ○, or no network shipped).
    /// </summary>
    public double? ShapeCircle { get; init; }

    /// <summary>An empty box's.</summary>
    public static MarkGeometry None { get; } = new(null, null, null, [], null, null);
}

/// <summary>The mark features by name: the place of each in a reading's feature vector (<see cref="MarkFeatures.Names"/>).</summary>
public enum MarkFeature
{
    Ink,
    Components,
    Holes,
    LargestHole,
    CentreInk,
    RadiusMean,
    RadiusSpread,
    AngularCoverage,
    RingCrossings,
    BboxWidth,
    BboxHeight,
    BboxAspect,
    Fill,
    MainDiagonal,
    AntiDiagonal,
    Elongation,
    EdgeInk,
    StrokeWidth,
    QuadrantBalance,
    CentreCrossings,
    HorizontalExtent,
    FaintInk,
    TwoLineFit,
    CrossBalance,
    SecondStroke,
    ScanRuns,
    Roughness,
    Corners,
    Harmonic3,
    Harmonic4,
    Harmonic5,
    Harmonic6,
    Harmonic7,
    Harmonic8,
}

/// <summary>A feature vector read and written by the feature's name.</summary>
public static class MarkFeatureVector
{
    /// <summary>The feature <paramref name="feature"/> of <paramref name="features"/>, to read or to set.</summary>
    public static ref double At(this double[] features, MarkFeature feature)
    {
        ArgumentNullException.ThrowIfNull(features);
        return ref features[(int)feature];
    }

    /// <summary>The feature <paramref name="feature"/> of a stored vector.</summary>
    public static double At(this IReadOnlyList<double> features, MarkFeature feature)
    {
        ArgumentNullException.ThrowIfNull(features);
        return features[(int)feature];
    }
}
