namespace BallotScan.Engine.Geometry;

/// <summary>A fitted homography with how well it fits the points it came from.</summary>
/// <param name="Transform">Source to destination.</param>
/// <param name="RmsResidual">Root-mean-square distance, in destination units, between mapped source points and their destinations (inliers only).</param>
/// <param name="MaxResidual">The largest such distance among the inliers.</param>
/// <param name="Inliers">Which correspondences were kept.</param>
public sealed record HomographyFitResult(Homography Transform, double RmsResidual, double MaxResidual, IReadOnlyList<bool> Inliers)
{
    public int InlierCount => Inliers.Count(i => i);
}

/// <summary>
/// Least-squares homography from point correspondences (normalised direct linear transform), with outlier rejection:
/// the worst point is dropped while it lies beyond the tolerance and enough points remain.
/// </summary>
public static class HomographyFit
{
    /// <summary>Fits <paramref name="source"/>[i] → <paramref name="destination"/>[i].</summary>
    /// <param name="source">Source points (e.g. layout millimetres).</param>
    /// <param name="destination">Destination points (e.g. image pixels).</param>
    /// <param name="outlierTolerance">A point farther than this from where the fit maps it is an outlier candidate.</param>
    /// <param name="minimumPoints">Never drop below this many points (8: two QR codes).</param>
    /// <exception cref="ArgumentException">Fewer than four points, or the points are degenerate (collinear).</exception>
    public static HomographyFitResult Fit(IReadOnlyList<PointD> source, IReadOnlyList<PointD> destination, double outlierTolerance = double.PositiveInfinity, int minimumPoints = 4)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.Count != destination.Count || source.Count < 4)
        {
            throw new ArgumentException("A homography needs at least four matching point pairs.");
        }

        var inliers = Enumerable.Repeat(true, source.Count).ToArray();
        while (true)
        {
            var h = Solve(source, destination, inliers);
            var residuals = source.Select((p, i) => h.Map(p).DistanceTo(destination[i])).ToArray();
            var worst = -1;
            for (var i = 0; i < residuals.Length; i++)
            {
                if (inliers[i] && (worst < 0 || residuals[i] > residuals[worst]))
                {
                    worst = i;
                }
            }

            if (residuals[worst] > outlierTolerance && inliers.Count(x => x) > Math.Max(4, minimumPoints))
            {
                inliers[worst] = false;
                continue;
            }

            var kept = residuals.Where((_, i) => inliers[i]).ToArray();
            return new HomographyFitResult(h, Math.Sqrt(kept.Average(r => r * r)), kept.Max(), inliers);
        }
    }

    private static Homography Solve(IReadOnlyList<PointD> source, IReadOnlyList<PointD> destination, bool[] use)
    {
        var s = Normaliser(source, use);
        var d = Normaliser(destination, use);
        // Unknowns h0..h7 with h8 = 1; two equations per point; normal equations AᵀA h = Aᵀb.
        var ata = new double[8, 8];
        var atb = new double[8];
        Span<double> row = stackalloc double[8];
        for (var i = 0; i < source.Count; i++)
        {
            if (!use[i])
            {
                continue;
            }

            var p = s.Map(source[i]);
            var q = d.Map(destination[i]);
            for (var eq = 0; eq < 2; eq++)
            {
                row.Clear();
                double b;
                if (eq == 0)
                {
                    (row[0], row[1], row[2], row[6], row[7]) = (p.X, p.Y, 1, -p.X * q.X, -p.Y * q.X);
                    b = q.X;
                }
                else
                {
                    (row[3], row[4], row[5], row[6], row[7]) = (p.X, p.Y, 1, -p.X * q.Y, -p.Y * q.Y);
                    b = q.Y;
                }

                for (var r = 0; r < 8; r++)
                {
                    atb[r] += row[r] * b;
                    for (var c = 0; c < 8; c++)
                    {
                        ata[r, c] += row[r] * row[c];
                    }
                }
            }
        }

        var x = SolveLinear(ata, atb);
        var normalised = new Homography(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], 1);
        return d.Inverse() * normalised * s;
    }

    /// <summary>Hartley normalisation: centroid to the origin, mean distance √2.</summary>
    private static Homography Normaliser(IReadOnlyList<PointD> points, bool[] use)
    {
        var chosen = points.Where((_, i) => use[i]).ToList();
        var cx = chosen.Average(p => p.X);
        var cy = chosen.Average(p => p.Y);
        var mean = chosen.Average(p => Math.Sqrt(((p.X - cx) * (p.X - cx)) + ((p.Y - cy) * (p.Y - cy))));
        var k = mean > 1e-12 ? Math.Sqrt(2) / mean : 1;
        return Homography.Scale(k, k) * Homography.Translation(-cx, -cy);
    }

    private static double[] SolveLinear(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(m[pivot, col]) < 1e-12)
            {
                throw new ArgumentException("The points are degenerate (collinear or repeated): no homography fits them.");
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                }

                (v[col], v[pivot]) = (v[pivot], v[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[r, c] -= f * m[col, c];
                }

                v[r] -= f * v[col];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= m[r, c] * x[c];
            }

            x[r] = sum / m[r, r];
        }

        return x;
    }
}
