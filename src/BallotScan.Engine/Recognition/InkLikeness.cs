using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>
/// The shape of the ink written in a name cell (另选他人栏), reduced to a small grid: the ink's bounding box, scaled to
/// <see cref="InkLikeness.Columns"/> × <see cref="InkLikeness.Rows"/>, each cell the share of inked pixels, softened and
/// centred. Two cells that carry the same written name tend to have near grids; it never says what the name is.
/// </summary>
/// <param name="Grid">The grid, row by row, zero mean and unit length (empty: no ink).</param>
/// <param name="Aspect">The ink's width over its height (how many characters, roughly).</param>
public sealed record InkSignature(float[] Grid, double Aspect)
{
    /// <summary>Whether the cell holds no ink to compare.</summary>
    public bool Empty => Grid.Length == 0;
}

/// <summary>
/// Groups written names by the likeness of their ink (字迹相近), before anyone has typed them: so that the 另选 page can put
/// the cells that probably read the same name side by side, for a person to check on the images and name once. It orders
/// the work; it decides nothing: only the name a person types is counted.
/// </summary>
public static class InkLikeness
{
    /// <summary>The grid's columns (a name runs across the cell).</summary>
    public const int Columns = 36;

    /// <summary>The grid's rows.</summary>
    public const int Rows = 12;

    /// <summary>The scale the name cell is cut at (pixels per millimetre): enough for the shape, cheap to compare.</summary>
    public const double PixelsPerMm = 8;

    /// <summary>How far two cells may be and still be put in one group (fitted on the generator's names: docs/recognition.md, "Grouping written names by their ink").</summary>
    public const double DefaultWithin = 0.45;

    /// <summary>The ink of one write-in cell's name cell on a located sheet, its printed border left out.</summary>
    public static InkSignature OfNameCell(GrayImage image, Homography layoutToImage, MarkingBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        // 0.8 mm inside the printed border, so that the cell's own lines are not taken for ink.
        var cell = box.NameCell;
        var inner = new RectMm(cell.X + 0.8, cell.Y + 0.8, Math.Max(1, cell.Width - 1.6), Math.Max(1, cell.Height - 1.6));
        using var crop = SheetCrops.Upright(image, layoutToImage, inner, PixelsPerMm);
        return Of(crop);
    }

    /// <summary>The ink of an upright crop of writing on paper.</summary>
    public static InkSignature Of(GrayImage crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var (w, h) = (crop.Width, crop.Height);
        var pixels = crop.ToPackedArray();
        // The paper's shade is the bright end of the crop; ink is what is clearly darker than it.
        var histogram = new int[256];
        foreach (var p in pixels.AsSpan(0, w * h))
        {
            histogram[p]++;
        }

        var paper = Percentile(histogram, w * h, 0.9);
        var threshold = paper * 0.6;
        var ink = new bool[w * h];
        var (left, top, right, bottom) = (w, h, -1, -1);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (pixels[(y * w) + x] < threshold)
                {
                    ink[(y * w) + x] = true;
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                }
            }
        }

        if (right < 0 || (right - left + 1) * (bottom - top + 1) < 16)
        {
            return new InkSignature([], 0);
        }

        // The share of ink in each grid cell over the ink's bounding box, then softened by one cell each way (a stroke a
        // little to one side still meets its like).
        var (bw, bh) = (right - left + 1, bottom - top + 1);
        var grid = new double[Columns * Rows];
        var counts = new int[Columns * Rows];
        for (var y = top; y <= bottom; y++)
        {
            var gy = Math.Min(Rows - 1, (y - top) * Rows / bh);
            for (var x = left; x <= right; x++)
            {
                var g = (gy * Columns) + Math.Min(Columns - 1, (x - left) * Columns / bw);
                counts[g]++;
                if (ink[(y * w) + x])
                {
                    grid[g]++;
                }
            }
        }

        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = counts[i] == 0 ? 0 : grid[i] / counts[i];
        }

        var soft = new double[grid.Length];
        for (var gy = 0; gy < Rows; gy++)
        {
            for (var gx = 0; gx < Columns; gx++)
            {
                double sum = 0, weight = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (x, y) = (gx + dx, gy + dy);
                        if (x is >= 0 and < Columns && y is >= 0 and < Rows)
                        {
                            var k = dx == 0 && dy == 0 ? 4.0 : dx == 0 || dy == 0 ? 2.0 : 1.0;
                            sum += k * grid[(y * Columns) + x];
                            weight += k;
                        }
                    }
                }

                soft[(gy * Columns) + gx] = sum / weight;
            }
        }

        var mean = soft.Average();
        var norm = Math.Sqrt(soft.Sum(v => (v - mean) * (v - mean)));
        return norm < 1e-9 ? new InkSignature([], 0) : new InkSignature([.. soft.Select(v => (float)((v - mean) / norm))], (double)bw / bh);
    }

    /// <summary>
    /// How unlike two cells' ink is: 0 for the same shape, about 1 for shapes with nothing in common; a cell with no ink is
    /// unlike everything. A different width for its height (another number of characters) adds to it.
    /// </summary>
    public static double Distance(InkSignature a, InkSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Empty || b.Empty)
        {
            return 2;
        }

        double dot = 0;
        for (var i = 0; i < a.Grid.Length; i++)
        {
            dot += a.Grid[i] * b.Grid[i];
        }

        return (1 - dot) + (0.5 * Math.Abs(Math.Log(a.Aspect / b.Aspect)));
    }

    /// <summary>
    /// Puts the cells in groups of like ink: each cell joins the group whose members are on average nearest it, if within
    /// <paramref name="within"/>, else starts its own (average linkage, merged nearest first). Returns each cell's group,
    /// the groups numbered from 0, largest first; a cell with no ink is a group of its own.
    /// </summary>
    public static IReadOnlyList<int> Group(IReadOnlyList<InkSignature> cells, double within = DefaultWithin)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var n = cells.Count;
        // One matrix, the clusters' mean distances, updated in place as they merge (a cluster lives in the row of one of its cells).
        var between = new float[n, n];
        Parallel.For(0, n, i =>
        {
            for (var j = i + 1; j < n; j++)
            {
                between[i, j] = between[j, i] = (float)Distance(cells[i], cells[j]);
            }
        });

        // Average linkage by the nearest-neighbour chain: every pair of clusters nearest to each other is merged, in O(n²)
        // (a contest of a 海选 may have thousands of written cells). Average linkage never merges below an earlier merge, so
        // the merges within reach, and only they, make the groups.
        var parent = Enumerable.Range(0, n).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        var size = Enumerable.Repeat(1, n).ToArray();
        var active = Enumerable.Repeat(true, n).ToArray();
        var chain = new List<int>();
        for (var remaining = n; remaining > 1;)
        {
            if (chain.Count == 0)
            {
                chain.Add(Array.IndexOf(active, true));
            }

            var a = chain[^1];
            var previous = chain.Count > 1 ? chain[^2] : -1;
            var (nearest, best) = (previous, previous >= 0 ? between[a, previous] : float.MaxValue);
            for (var k = 0; k < n; k++)
            {
                if (active[k] && k != a && between[a, k] < best)
                {
                    (nearest, best) = (k, between[a, k]);
                }
            }

            if (nearest != previous)
            {
                chain.Add(nearest);
                continue;
            }

            // a and previous are each other's nearest: merged into a's row.
            chain.RemoveRange(chain.Count - 2, 2);
            for (var k = 0; k < n; k++)
            {
                if (active[k] && k != a && k != previous)
                {
                    between[a, k] = between[k, a] = ((between[a, k] * size[a]) + (between[previous, k] * size[previous])) / (size[a] + size[previous]);
                }
            }

            size[a] += size[previous];
            active[previous] = false;
            remaining--;
            if (best <= within)
            {
                parent[Root(previous)] = Root(a);
            }
        }

        var groups = Enumerable.Range(0, n).GroupBy(Root).OrderByDescending(g => g.Count()).ThenBy(g => g.Min()).ToList();
        var of = new int[n];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var i in groups[g])
            {
                of[i] = g;
            }
        }

        return of;
    }

    private static int Percentile(int[] histogram, int total, double share)
    {
        var wanted = total * share;
        var seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen >= wanted)
            {
                return v;
            }
        }

        return 255;
    }
}
