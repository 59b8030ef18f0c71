using System.Numerics;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>What was measured in and around one marking box.</summary>
/// <param name="Interior">The mark as a person sees it: the box and a 2.5 mm band, the printed border taken out except where a stroke crosses it (1 = ink), <see cref="InteriorSize"/> square.</param>
/// <param name="InteriorSize">Side of the mask, pixels.</param>
/// <param name="SnapMm">Where the printed border was found relative to the layout (x, y), millimetres.</param>
/// <param name="BorderScore">How completely the border was seen (0 to 1; the weakest side).</param>
/// <param name="StrayInk">The share of the mark's ink lying more than 0.4 mm outside the box (0 to 1).</param>
/// <param name="StreakRemoved">A scanner streak ran through the box and was taken out.</param>
/// <param name="FaintInk">Share of the interior even slightly darker than the paper (a safety net for pale pens).</param>
/// <param name="Truncated">The mark's ink reaches the edge of the band the reader looks at: it goes on beyond, and the reader cannot see all of it.</param>
/// <param name="OutsidePixels">Ink pixels more than 0.4 mm outside the box, however few (<see cref="StrayInk"/> ignores a handful).</param>
internal sealed record BoxInspection(byte[] Interior, int InteriorSize, PointD SnapMm, double BorderScore, double StrayInk, bool StreakRemoved, double FaintInk, bool Truncated, int OutsidePixels);

/// <summary>The sheet's image around one crop, where a scanner streak is told from ink that ends (<see cref="BoxInspector"/>).</summary>
/// <param name="Image">The whole sheet image.</param>
/// <param name="CropToImage">Crop pixels to image pixels.</param>
/// <param name="InkLimit">Pixels darker than this are ink.</param>
/// <param name="ReachPixels">How far above and below the crop the image column is looked at.</param>
internal readonly record struct StreakSource(GrayImage Image, Homography CropToImage, byte InkLimit, int ReachPixels)
{
    /// <summary>Sampled every third row: a streak is dark in every row.</summary>
    private const int Step = 3;

    /// <summary>First, a probe every this many pixels: most candidates (a stroke, a box's side) fail at once.</summary>
    private const int ProbeStep = 37;

    /// <summary>
    /// Whether the image column through crop point (x, y) is dark (within a pixel) in nine in ten rows of its reach, and if
    /// so which image columns the streak covers (<paramref name="first"/> to <paramref name="last"/>).
    /// </summary>
    public bool IsStreakThrough(double x, double y, out int first, out int last)
    {
        (first, last) = (-1, -1);
        var p = CropToImage.Map(new PointD(x, y));
        var column = (int)Math.Round(p.X);
        if (!(column >= 2 && column < Image.Width - 2))
        {
            return false;
        }

        var (from, to) = (Math.Max(0, (int)p.Y - ReachPixels), Math.Min(Image.Height - 1, (int)p.Y + ReachPixels));
        if (!Dark(column, 1, from, to, ProbeStep) || !Dark(column, 1, from, to, Step))
        {
            return false;
        }

        for (var c = column - 2; c <= column + 2; c++)
        {
            if (Dark(c, 0, from, to, Step))
            {
                (first, last) = (first < 0 ? c : first, c);
            }
        }

        (first, last) = first < 0 ? (column - 1, column + 1) : (first, last);
        return true;
    }

    /// <summary>Whether the crop pixel (x, y) is sampled from image columns <paramref name="first"/> to <paramref name="last"/> (bilinearly: within a pixel of them).</summary>
    public bool Touches(int x, int y, int first, int last)
    {
        var sx = CropToImage.Map(new PointD(x, y)).X;
        return sx > first - 1 && sx < last + 1;
    }

    /// <summary>Whether image column <paramref name="column"/> (± <paramref name="within"/>) is dark in nine in ten sampled rows.</summary>
    private bool Dark(int column, int within, int from, int to, int step)
    {
        var allowed = (((to - from) / step) + 1) / 10;
        ReadOnlySpan<byte> pixels = Image.Pixels;
        var misses = 0;
        for (var row = from; row <= to; row += step)
        {
            var i = (row * Image.Stride) + column;
            var darkest = within == 0 ? pixels[i] : Math.Min(pixels[i - 1], Math.Min(pixels[i], pixels[i + 1]));
            if (darkest >= InkLimit && ++misses > allowed)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Cuts one box out of a located sheet, upright at a fixed scale, finds its printed border near where the layout puts
/// it (a small local search), and measures the ink inside and just outside it.
/// </summary>
internal static class BoxInspector
{
    /// <summary>
    /// Crops are taken at 4 pixels per millimetre (about 100 dpi), whatever the scan's resolution: a 12 mm box is 48
    /// pixels, a pen's stroke 1.5 to 3, which tells ○ × √ apart and costs a quarter of the pixels of 8 per millimetre.
    /// </summary>
    public const double PixelsPerMm = 4;

    /// <summary>How far around the box the crop reaches: the border search plus the band that belongs to the mark.</summary>
    private const double MarginMm = SearchMm + BandMm + 0.3;
    private const double SearchMm = 1.5;

    /// <summary>The interior starts this far inside the box's outer edge (its 0.5 mm border plus a safety gap).</summary>
    private const double InteriorInsetMm = 0.9;

    /// <summary>Ink components smaller than this many pixels (about 0.2 mm²) are specks.</summary>
    private const int SpeckArea = (int)((0.22 * PixelsPerMm * PixelsPerMm) + 0.5);

    /// <summary>How far around the box the mark is seen: a ○ or × drawn over the border is read whole. (The name cell's rule is 3 mm below the box.)</summary>
    private const double BandMm = 2.5;

    /// <summary>This much ink on the outer edge of the band (pixels, about 0.4 mm) means the mark goes on beyond what the reader sees.</summary>
    private const int TruncatedEdgePixels = (int)((0.375 * PixelsPerMm) + 0.5);

    /// <summary>Less ink than this outside the box (pixels, about 0.3 mm²) is not a stray: a stroke end just over the border.</summary>
    private const int MinimumStrayPixels = (int)((0.31 * PixelsPerMm * PixelsPerMm) + 0.5);

    /// <summary>The printed border is taken out this far (pixels, about 0.25 mm) beyond the width it is seen at.</summary>
    private const int Guard = (int)((0.25 * PixelsPerMm) + 0.5);

    /// <summary>A border line is seen at most this much thicker on each side than printed (pixels, half a millimetre): blur.</summary>
    private const int MaxLineGrowth = (int)((0.5 * PixelsPerMm) + 0.5);

    public static BoxInspection Inspect(GrayImage image, LocatedSheet sheet, MarkingBox box, double streakAngleDegrees)
    {
        var region = new RectMm(box.Box.X - MarginMm, box.Box.Y - MarginMm, box.Box.Width + (2 * MarginMm), box.Box.Height + (2 * MarginMm));
        var (pixels, n, m) = SheetCrops.UprightPixels(image, sheet.LayoutToImage, region, PixelsPerMm);
        var (paper, dark) = InkMask(pixels);
        var faintLevel = FaintLevel(paper);
        var streak = RemoveStreaks(dark, n, m, streakAngleDegrees, Streaks(image, sheet, region, paper));

        // The border: four 0.5 mm lines; find the shift that puts the most dark pixels on them.
        var lineWidth = (int)Math.Round(sheet.Layout.BoxLineMm * PixelsPerMm);
        var (x0, x1) = ((int)Math.Round(MarginMm * PixelsPerMm), (int)Math.Round((MarginMm + box.Box.Width) * PixelsPerMm) - lineWidth);
        var (y0, y1) = ((int)Math.Round(MarginMm * PixelsPerMm), (int)Math.Round((MarginMm + box.Box.Height) * PixelsPerMm) - lineWidth);
        var search = (int)Math.Round(SearchMm * PixelsPerMm);
        var (columns, rows) = Profiles(dark, n, m, (y0, y1 + lineWidth), (x0, x1 + lineWidth));
        var (dx, columnScore) = BestShift(columns, x0, x1, lineWidth, search, y1 + lineWidth - y0);
        var (dy, rowScore) = BestShift(rows, y0, y1, lineWidth, search, x1 + lineWidth - x0);

        // Each line is then placed on its own, within half a millimetre: a photo's box may be a pixel wider or taller than
        // the fit says, and a border left in the mask would read as a mark.
        var boxLeft = x0 + Refine(columns, x0, dx, lineWidth);
        var boxTop = y0 + Refine(rows, y0, dy, lineWidth);
        var boxRight = x1 + lineWidth + Refine(columns, x1, dx, lineWidth);
        var boxBottom = y1 + lineWidth + Refine(rows, y1, dy, lineWidth);

        // The mark as a person sees it: the box and a band around it. The printed border is not the voter's ink, but a
        // stroke drawn across it is: a border pixel counts as ink when there is ink on both sides of the line just beyond
        // it. Above a write-in box its printed label is left out.
        var band = (int)Math.Round(BandMm * PixelsPerMm);
        var size = Math.Min(boxRight - boxLeft, boxBottom - boxTop) + (2 * band);
        var mark = new byte[size * size];
        var faint = 0;
        var inset = (int)Math.Round(InteriorInsetMm * PixelsPerMm);
        byte Dark(int x, int y) => x >= 0 && y >= 0 && x < n && y < m ? dark[(y * n) + x] : (byte)0;
        var (originX, originY) = (boxLeft - band, boxTop - band);
        bool Skipped(int cy) => box.Kind == BoxKind.WriteIn && cy < boxTop - Guard;

        // The crop's ink, row by row.
        for (var y = 0; y < size; y++)
        {
            var cy = originY + y;
            if (cy < 0 || cy >= m || Skipped(cy))
            {
                continue;
            }

            var from = Math.Max(0, -originX);
            var to = Math.Min(size, n - originX);
            if (to > from)
            {
                Array.Copy(dark, (cy * n) + originX + from, mark, (y * size) + from, to - from);
            }
        }

        // Faint ink inside the box, clear of its border.
        for (var cy = boxTop + inset; cy < boxBottom - inset; cy++)
        {
            for (var cx = boxLeft + inset; cx < boxRight - inset; cx++)
            {
                faint += pixels[(cy * n) + cx] < faintLevel ? 1 : 0;
            }
        }

        // The printed border: not the voter's ink, except where a stroke crosses it. Each line is taken out as thick as it
        // is seen (a blurred photo's line is twice its printed width), with a guard on both sides.
        var left = Widen(Extent(columns, boxLeft, lineWidth));
        var right = Widen(Extent(columns, boxRight - lineWidth, lineWidth));
        var top = Widen(Extent(rows, boxTop, lineWidth));
        var bottom = Widen(Extent(rows, boxBottom - lineWidth, lineWidth));
        static (int From, int To) Widen((int From, int To) line) => (line.From - Guard, line.To - 1 + Guard);
        static bool On((int From, int To) line, int at) => at >= line.From && at <= line.To;
        const int beyond = Guard + 1;

        void Border(int cx, int cy)
        {
            var (x, y) = (cx - originX, cy - originY);
            if (x < 0 || y < 0 || x >= size || y >= size || Skipped(cy))
            {
                return;
            }

            var onVertical = (On(left, cx) || On(right, cx)) && cy >= top.From && cy <= bottom.To;
            var onHorizontal = (On(top, cy) || On(bottom, cy)) && cx >= left.From && cx <= right.To;
            if (!onVertical && !onHorizontal)
            {
                return;
            }

            var (column, row) = (On(left, cx) ? left : right, On(top, cy) ? top : bottom);
            var across = (onVertical && Dark(column.From - beyond, cy) != 0 && Dark(column.To + beyond, cy) != 0)
                || (onHorizontal && Dark(cx, row.From - beyond) != 0 && Dark(cx, row.To + beyond) != 0);
            mark[(y * size) + x] = across ? (byte)1 : (byte)0;
        }

        foreach (var line in (ReadOnlySpan<(int From, int To)>)[left, right])
        {
            for (var cy = top.From; cy <= bottom.To; cy++)
            {
                for (var cx = line.From; cx <= line.To; cx++)
                {
                    Border(cx, cy);
                }
            }
        }

        foreach (var line in (ReadOnlySpan<(int From, int To)>)[top, bottom])
        {
            for (var cy = line.From; cy <= line.To; cy++)
            {
                for (var cx = left.From; cx <= right.To; cx++)
                {
                    Border(cx, cy);
                }
            }
        }

        RemoveSpecks(mark, size, size);
        int inside = 0, outside = 0, edge = 0;
        var clear = (int)Math.Round(0.4 * PixelsPerMm);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (mark[(y * size) + x] == 0)
                {
                    continue;
                }

                if (x == 0 || y == 0 || x == size - 1 || y == size - 1)
                {
                    edge++;
                }

                var (cx, cy) = (boxLeft - band + x, boxTop - band + y);
                if (cx < boxLeft - clear || cx >= boxRight + clear || cy < boxTop - clear || cy >= boxBottom + clear)
                {
                    outside++;
                }
                else
                {
                    inside++;
                }
            }
        }

        var interiorArea = (boxRight - boxLeft - (2 * inset)) * (boxBottom - boxTop - (2 * inset));
        var strayShare = outside < MinimumStrayPixels ? 0 : outside / (double)(inside + outside);
        return new BoxInspection(mark, size, new PointD(dx / PixelsPerMm, dy / PixelsPerMm), Math.Min(columnScore, rowScore), strayShare, streak, faint / (double)Math.Max(1, interiorArea), edge >= TruncatedEdgePixels, outside);
    }

    /// <summary>The share of a write-in name cell covered by ink (specks, scanner streaks and the cell's own rules excluded).</summary>
    public static double WriteInInk(GrayImage image, LocatedSheet sheet, MarkingBox box, double streakAngleDegrees)
    {
        var cell = box.NameCell.Inset(1.2);
        var (pixels, width, height) = SheetCrops.UprightPixels(image, sheet.LayoutToImage, cell, PixelsPerMm);
        var (paper, mask) = InkMask(pixels);
        RemoveStreaks(mask, width, height, streakAngleDegrees, Streaks(image, sheet, cell, paper));
        RemoveSpecks(mask, width, height);
        return mask.Count(v => v != 0) / (double)mask.Length;
    }

    /// <summary>
    /// Ink is anything clearly darker than the local paper: 14 % below it (about 219 on white paper), so that pale pens and
    /// pencil count as ink; noise does not reach it, and specks are removed as small components.
    /// </summary>
    private static double InkThreshold(byte paper) => paper - Math.Max(28, 0.14 * paper);

    /// <summary>A streak is looked for this far above and below a crop, on the image (millimetres).</summary>
    private const double StreakReachMm = 40;

    /// <summary>Where to confirm a streak seen on the crop of <paramref name="region"/>.</summary>
    private static StreakSource Streaks(GrayImage image, LocatedSheet sheet, RectMm region, byte paper) =>
        new(image, SheetCrops.CropToImage(sheet.LayoutToImage, region, PixelsPerMm), InkLimit(paper), (int)(StreakReachMm * sheet.PixelsPerMm));

    /// <summary>Even slightly darker than the paper: 7 % below it, at least 18 levels (a safety net for pale pens).</summary>
    private static double FaintLevel(byte paper) => paper - Math.Max(18, 0.07 * paper);

    /// <summary>Pixels below this are ink: pixel &lt; threshold, for whole pixel values, is pixel &lt; ⌈threshold⌉ (a threshold at or below 0 marks nothing).</summary>
    private static byte InkLimit(byte paper) => (byte)Math.Clamp(Math.Ceiling(InkThreshold(paper)), 0, 255);

    /// <summary>The local paper level (the 80th percentile: most of a crop is paper) and the ink mask (1 = ink) of a crop.</summary>
    private static (byte Paper, byte[] Ink) InkMask(ReadOnlySpan<byte> pixels)
    {
        var paper = Percentile(pixels, 0.8);
        var limit = InkLimit(paper);
        var ink = new byte[pixels.Length];
        var limits = new Vector<byte>(limit);
        var i = 0;
        for (; i + Vector<byte>.Count <= pixels.Length; i += Vector<byte>.Count)
        {
            var dark = Vector.LessThan(new Vector<byte>(pixels[i..]), limits);
            (dark & Vector<byte>.One).CopyTo(ink, i);
        }

        for (; i < pixels.Length; i++)
        {
            ink[i] = pixels[i] < limit ? (byte)1 : (byte)0;
        }

        return (paper, ink);
    }

    private static byte Percentile(ReadOnlySpan<byte> pixels, double q)
    {
        var histogram = new int[256];
        foreach (var v in pixels)
        {
            histogram[v]++;
        }

        var target = (int)(pixels.Length * (1 - q));
        var seen = 0;
        for (var v = 255; v >= 0; v--)
        {
            seen += histogram[v];
            if (seen > target)
            {
                return (byte)v;
            }
        }

        return 0;
    }

    /// <summary>
    /// Scanner streaks run the full height of the image: on the upright crop, a line at the sheet's angle. A crop at 4 px/mm
    /// sees a thin streak only in some rows (it falls between samples in the others), so a line with ink in a tenth of the
    /// crop's rows is only a candidate: it is a streak when the image itself is dark in that column, at full resolution,
    /// over nine in ten rows of 40 mm above and below (a voter's stroke or a printed box line ends long before). Its ink
    /// is then taken out of the crop: exactly the pixels sampled from the streak's image columns, except where a stroke
    /// crosses it.
    /// </summary>
    private static bool RemoveStreaks(byte[] dark, int n, int m, double angleDegrees, in StreakSource source)
    {
        var slope = Math.Tan(angleDegrees * Math.PI / 180);
        var shift = new int[m];
        for (var y = 0; y < m; y++)
        {
            shift[y] = (int)Math.Round(slope * (y - (m / 2.0)));
        }

        var reach = (int)(Math.Abs(slope) * m) + 2;
        // Ink per column: a line through column c at the middle row stays within columns c + shift[0 … m−1], so it can
        // hold no more ink than they do together; most lines are passed over on that alone.
        var columnInk = new int[n];
        for (var y = 0; y < m; y++)
        {
            for (var x = 0; x < n; x++)
            {
                columnInk[x] += dark[(y * n) + x];
            }
        }

        var (lowest, highest) = (Math.Min(shift[0], shift[m - 1]), Math.Max(shift[0], shift[m - 1]));
        var found = false;
        var taken = new List<(int First, int Last)>();
        for (var c = -reach; c < n + reach; c++)
        {
            var near = 0;
            for (var x = Math.Max(0, c + lowest); x <= Math.Min(n - 1, c + highest); x++)
            {
                near += columnInk[x];
            }

            if (near * 10 < m)
            {
                continue;
            }

            var hits = 0;
            for (var y = 0; y < m; y++)
            {
                var x = c + shift[y];
                hits += x >= 0 && x < n ? dark[(y * n) + x] : 0;
            }

            if (hits * 10 < m || !source.IsStreakThrough(c, m / 2.0, out var first, out var last) || taken.Contains((first, last)))
            {
                continue;
            }

            // Taken out row by row where the crop's samples touch the streak's image columns (a pixel or two), except
            // where a stroke crosses it: ink on both sides of the streak is the voter's.
            taken.Add((first, last));
            found = true;
            for (var y = 0; y < m; y++)
            {
                var (from, to) = (int.MaxValue, int.MinValue);
                for (var x = Math.Max(0, c + shift[y] - 3); x <= Math.Min(n - 1, c + shift[y] + 3); x++)
                {
                    if (source.Touches(x, y, first, last))
                    {
                        (from, to) = (Math.Min(from, x), Math.Max(to, x));
                    }
                }

                var row = y * n;
                const int side = 2; // half a millimetre: beyond the streak's own blur
                if (from > to || (from - side >= 0 && to + side < n && dark[row + from - side] != 0 && dark[row + to + side] != 0))
                {
                    continue;
                }

                dark.AsSpan(row + from, to - from + 1).Clear();
            }
        }

        return found;
    }

    /// <summary>
    /// In one pass: dark pixels per column, counted over the rows of the box, and per row, counted over its columns.
    /// </summary>
    private static (int[] Columns, int[] Rows) Profiles(byte[] dark, int n, int m, (int From, int To) boxRows, (int From, int To) boxColumns)
    {
        var columns = new int[n];
        var rows = new int[m];
        for (var y = 0; y < m; y++)
        {
            var inRows = y >= boxRows.From && y < boxRows.To;
            var row = y * n;
            for (var x = 0; x < n; x++)
            {
                if (dark[row + x] == 0)
                {
                    continue;
                }

                if (inRows)
                {
                    columns[x]++;
                }

                if (x >= boxColumns.From && x < boxColumns.To)
                {
                    rows[y]++;
                }
            }
        }

        return (columns, rows);
    }

    /// <summary>The shift of two parallel border lines that covers the most dark pixels, and how fully they are covered then (0 to 1, the weaker line).</summary>
    private static (int Shift, double Score) BestShift(int[] profile, int first, int second, int lineWidth, int search, int length)
    {
        var best = (Shift: 0, Total: -1, Score: 0.0);
        for (var s = -search; s <= search; s++)
        {
            var a = Band(profile, first + s, lineWidth);
            var b = Band(profile, second + s, lineWidth);
            if (a + b > best.Total)
            {
                best = (s, a + b, Math.Min(a, b) / (double)(lineWidth * length));
            }
        }

        return (best.Shift, Math.Min(1, best.Score));
    }

    /// <summary>
    /// One line of a pair found by <see cref="BestShift"/>, placed on its own: the shift within two pixels of the pair's
    /// that covers more dark pixels, the pair's shift when none does.
    /// </summary>
    private static int Refine(int[] profile, int position, int shift, int lineWidth)
    {
        var best = (Shift: shift, Total: Band(profile, position + shift, lineWidth));
        foreach (var s in (ReadOnlySpan<int>)[shift - 1, shift + 1, shift - 2, shift + 2])
        {
            var total = Band(profile, position + s, lineWidth);
            if (total > best.Total)
            {
                best = (s, total);
            }
        }

        return best.Shift;
    }

    /// <summary>
    /// How far a border line found at <paramref name="start"/> really reaches: the neighbouring rows (or columns) at least
    /// half as dark as the line, up to two pixels (half a millimetre) on each side.
    /// </summary>
    private static (int From, int To) Extent(int[] profile, int start, int lineWidth)
    {
        var peak = 0;
        for (var i = Math.Max(0, start); i < Math.Min(profile.Length, start + lineWidth); i++)
        {
            peak = Math.Max(peak, profile[i]);
        }

        var half = Math.Max(1, peak / 2);
        var (from, to) = (start, start + lineWidth);
        while (from > start - MaxLineGrowth && from > 0 && profile[from - 1] >= half)
        {
            from--;
        }

        while (to < start + lineWidth + MaxLineGrowth && to < profile.Length && profile[to] >= half)
        {
            to++;
        }

        return (from, to);
    }

    private static int Band(int[] profile, int start, int width)
    {
        var sum = 0;
        for (var i = start; i < start + width; i++)
        {
            if (i >= 0 && i < profile.Length)
            {
                sum += profile[i];
            }
        }

        return sum;
    }

    /// <summary>Clears ink components smaller than a speck.</summary>
    private static void RemoveSpecks(byte[] mask, int w, int h) =>
        MaskComponents.Find(mask, w, h, 1, eightConnected: true).ClearSmallerThan(mask, w, SpeckArea, 0);
}
