using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
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
/// <param name="SpeckPixels">Ink pixels taken out as specks: many are a stroke broken into dots (a pale pen on a 1-bit scan), not dust.</param>
/// <param name="BorderTouchPixels">Ink pixels within 0.5 mm inside the border (beyond the line's own blur): a mark that runs into the border, whose part over it is lost with the border.</param>
internal sealed record BoxInspection(byte[] Interior, int InteriorSize, PointD SnapMm, double BorderScore, double StrayInk, bool StreakRemoved, double FaintInk, bool Truncated, int OutsidePixels,
    int SpeckPixels, int BorderTouchPixels);

/// <summary>
/// Cuts one box out of a located sheet, upright at a fixed scale, finds its printed border near where the layout puts
/// it (a small local search), and measures the ink inside and just outside it.
/// </summary>
internal static class BoxInspector
{
    /// <summary>Crops are taken at 8 pixels per millimetre (203 dpi), whatever the scan's resolution.</summary>
    public const double PixelsPerMm = 8;

    /// <summary>How far around the box the crop reaches: the border search plus the band that belongs to the mark.</summary>
    private const double MarginMm = SearchMm + BandMm + 0.3;
    private const double SearchMm = 1.5;

    /// <summary>The interior starts this far inside the box's outer edge (its 0.5 mm border plus a safety gap).</summary>
    private const double InteriorInsetMm = 0.9;

    /// <summary>Ink components smaller than this many pixels (at 8 px/mm, about 0.2 mm²) are specks.</summary>
    private const int SpeckArea = 14;

    /// <summary>How far around the box the mark is seen: a ○ or × drawn over the border is read whole. (The name cell's rule is 3 mm below the box.)</summary>
    private const double BandMm = 2.5;

    /// <summary>This much ink on the outer edge of the band means the mark goes on beyond what the reader sees.</summary>
    private const int TruncatedEdgePixels = 3;

    /// <summary>Less ink than this outside the box (pixels) is not a stray: a stroke end just over the border.</summary>
    private const int MinimumStrayPixels = 20;

    /// <summary>A point of a box's mask (<see cref="BoxInspection.Interior"/>, pixels) in millimetres from the top left outer corner of the box's border.</summary>
    internal static PointD FromBoxCorner(PointD maskPixel) =>
        new(Math.Round((maskPixel.X / PixelsPerMm) - BandMm, 3), Math.Round((maskPixel.Y / PixelsPerMm) - BandMm, 3));

    /// <summary>Every region of the sheet (layout millimetres) whose pixels the reading of <paramref name="box"/> takes, at <see cref="PixelsPerMm"/>.</summary>
    internal static IEnumerable<RectMm> RegionsRead(MarkingBox box) =>
        box.Kind == BoxKind.WriteIn ? [InspectedRegion(box), WriteInRegion(box)] : [InspectedRegion(box)];

    /// <summary>The box with the band around it where its mark is seen.</summary>
    internal static RectMm InspectedRegion(MarkingBox box) =>
        new(box.Box.X - MarginMm, box.Box.Y - MarginMm, box.Box.Width + (2 * MarginMm), box.Box.Height + (2 * MarginMm));

    /// <summary>A write-in's name cell, inside its rules.</summary>
    private static RectMm WriteInRegion(MarkingBox box) => box.NameCell.Inset(1.2);

    public static BoxInspection Inspect(GrayImage image, LocatedSheet sheet, MarkingBox box, double streakAngleDegrees)
    {
        var (pixels, n, m) = SheetCrops.RentUprightPixels(image, sheet.LayoutToImage, InspectedRegion(box), PixelsPerMm);
        var (paper, dark) = RentInkMask(pixels.AsSpan(0, n * m));
        try
        {
            return Inspect(pixels, dark, n, m, paper, sheet, box, streakAngleDegrees);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(dark);
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>The inspection of one box's crop (<paramref name="n"/> x <paramref name="m"/>) and its ink mask.</summary>
    private static BoxInspection Inspect(byte[] pixels, byte[] dark, int n, int m, byte paper, LocatedSheet sheet, MarkingBox box, double streakAngleDegrees)
    {
        var streak = RemoveStreaks(dark, n, m, streakAngleDegrees);

        // The border: four 0.5 mm lines; find the shift that puts the most dark pixels on them.
        var lineWidth = (int)Math.Round(sheet.Layout.BoxLineMm * PixelsPerMm);
        var (x0, x1) = ((int)Math.Round(MarginMm * PixelsPerMm), (int)Math.Round((MarginMm + box.Box.Width) * PixelsPerMm) - lineWidth);
        var (y0, y1) = ((int)Math.Round(MarginMm * PixelsPerMm), (int)Math.Round((MarginMm + box.Box.Height) * PixelsPerMm) - lineWidth);
        var search = (int)Math.Round(SearchMm * PixelsPerMm);
        var (columns, rows) = Profiles(dark, n, m, (y0, y1 + lineWidth), (x0, x1 + lineWidth));
        var (dx, columnScore) = BestShift(columns, x0, x1, lineWidth, search, y1 + lineWidth - y0);
        var (dy, rowScore) = BestShift(rows, y0, y1, lineWidth, search, x1 + lineWidth - x0);

        // The mark as a person sees it: the box and a band around it. The printed border is not the voter's ink, but a
        // stroke drawn across it is: a border pixel counts as ink when there is ink on both sides of the line just beyond
        // it. Above a write-in box its printed label is left out.
        var boxLeft = x0 + dx;
        var boxTop = y0 + dy;
        var boxRight = x1 + lineWidth + dx;
        var boxBottom = y1 + lineWidth + dy;
        var band = (int)Math.Round(BandMm * PixelsPerMm);
        var size = Math.Min(boxRight - boxLeft, boxBottom - boxTop) + (2 * band);
        var mark = new byte[size * size];
        var faint = 0;
        var faintLevel = paper - Math.Max(18, 0.07 * paper);
        var inset = (int)Math.Round(InteriorInsetMm * PixelsPerMm);
        var (originX, originY) = (boxLeft - band, boxTop - band);
        // Above a write-in box its printed label is left out.
        var firstRow = box.Kind == BoxKind.WriteIn ? boxTop - BorderGuard : int.MinValue;

        // The crop's ink, row by row.
        for (var y = 0; y < size; y++)
        {
            var cy = originY + y;
            if (cy < 0 || cy >= m || cy < firstRow)
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
            faint += CountBelow(pixels.AsSpan((cy * n) + boxLeft + inset, Math.Max(0, boxRight - boxLeft - (2 * inset))), faintLevel);
        }

        TakeOutBorder(dark, n, m, mark, size, new Frame(boxLeft, boxTop, boxRight, boxBottom, lineWidth), originX, originY, firstRow);

        var beforeSpecks = mark.AsSpan().Count((byte)1);
        RemoveSpecks(mark, size, size);
        // Ink on the outer edge of the band, and ink within 0.4 mm of the box (the rest is outside it).
        var clear = (int)Math.Round(0.4 * PixelsPerMm);
        var marked = mark.AsSpan();
        var edge = marked[..size].Count((byte)1) + marked[^size..].Count((byte)1);
        for (var y = 1; y < size - 1; y++)
        {
            edge += mark[y * size] + mark[(y * size) + size - 1];
        }

        var total = marked.Count((byte)1);
        var (nearLeft, nearRight) = (Math.Max(0, band - clear), Math.Min(size, band + (boxRight - boxLeft) + clear));
        var (nearTop, nearBottom) = (Math.Max(0, band - clear), Math.Min(size, band + (boxBottom - boxTop) + clear));
        var inside = 0;
        for (var y = nearTop; y < nearBottom && nearRight > nearLeft; y++)
        {
            inside += marked.Slice((y * size) + nearLeft, nearRight - nearLeft).Count((byte)1);
        }

        var outside = total - inside;
        var interiorArea = (boxRight - boxLeft - (2 * inset)) * (boxBottom - boxTop - (2 * inset));
        var strayShare = outside < MinimumStrayPixels ? 0 : outside / (double)(inside + outside);
        var touch = BorderTouch(mark, size, band + lineWidth + BorderGuard, band + (boxRight - boxLeft) - lineWidth - BorderGuard,
            band + lineWidth + BorderGuard, band + (boxBottom - boxTop) - lineWidth - BorderGuard);
        return new BoxInspection(mark, size, new PointD(dx / PixelsPerMm, dy / PixelsPerMm), Math.Min(columnScore, rowScore), strayShare, streak,
            faint / (double)Math.Max(1, interiorArea), edge >= TruncatedEdgePixels, outside, beforeSpecks - total, touch);
    }

    /// <summary>How far inside the border's inner edge ink counts as touching it.</summary>
    private const double TouchMm = 0.5;

    /// <summary>Ink of the n x n <paramref name="mark"/> in the ring just inside the box interior [left, right) x [top, bottom).</summary>
    private static int BorderTouch(byte[] mark, int n, int left, int right, int top, int bottom)
    {
        var ring = (int)Math.Round(TouchMm * PixelsPerMm);
        (left, top, right, bottom) = (Math.Max(0, left), Math.Max(0, top), Math.Min(n, right), Math.Min(n, bottom));
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            var row = mark.AsSpan((y * n) + left, Math.Max(0, right - left));
            count += y < top + ring || y >= bottom - ring
                ? row.Count((byte)1)
                : row[..Math.Min(ring, row.Length)].Count((byte)1) + row[Math.Max(0, row.Length - ring)..].Count((byte)1);
        }

        return count;
    }

    /// <summary>Pixels either side of a border line that still belong to it (its blur and the snap's rounding).</summary>
    private const int BorderGuard = 2;

    /// <summary>The printed box as found on the crop: its outer edges (right and bottom exclusive) and line width, pixels.</summary>
    private readonly record struct Frame(int Left, int Top, int Right, int Bottom, int LineWidth)
    {
        public int LeftLine => Left + (LineWidth / 2);

        public int RightLine => Right - (LineWidth / 2);

        public int TopLine => Top + (LineWidth / 2);

        public int BottomLine => Bottom - (LineWidth / 2);
    }

    /// <summary>
    /// The printed border is not the voter's ink, but a stroke drawn across it is: on the mark (the crop from
    /// <paramref name="originX"/>, <paramref name="originY"/>), a pixel of the border's lines (± <see cref="BorderGuard"/>)
    /// counts as ink only when there is ink on both sides of the line just beyond it. Rows above
    /// <paramref name="firstRow"/> are left alone.
    /// </summary>
    private static void TakeOutBorder(byte[] dark, int n, int m, byte[] mark, int size, Frame f, int originX, int originY, int firstRow)
    {
        var halfBand = (f.LineWidth / 2) + BorderGuard;
        var reach = f.LineWidth + BorderGuard + 1;
        // Whether ink lies on both sides of a line just beyond it: per row of the mark for the left and the right line
        // (at y and size + y), per column for the top and the bottom one (at 2 size + x and 3 size + x).
        Span<bool> across = stackalloc bool[4 * size];
        for (var i = 0; i < size; i++)
        {
            var (cx, cy) = (originX + i, originY + i);
            across[i] = Dark(f.LeftLine - reach, cy) != 0 && Dark(f.LeftLine + reach, cy) != 0;
            across[size + i] = Dark(f.RightLine - reach, cy) != 0 && Dark(f.RightLine + reach, cy) != 0;
            across[(2 * size) + i] = Dark(cx, f.TopLine - reach) != 0 && Dark(cx, f.TopLine + reach) != 0;
            across[(3 * size) + i] = Dark(cx, f.BottomLine - reach) != 0 && Dark(cx, f.BottomLine + reach) != 0;
        }

        // The pixels of two vertical bands along the box's height, then of two horizontal bands along its width (where
        // they meet, a pixel is ink when a stroke crosses either line). Only rows from firstRow on, inside the mark.
        var (fromY, toY) = (Math.Max(originY, firstRow), originY + size);
        var (fromX, toX) = (originX, originX + size);
        var (verticalTop, verticalBottom) = (f.Top - BorderGuard, f.Bottom + BorderGuard);
        var (horizontalLeft, horizontalRight) = (f.Left - BorderGuard, f.Right + BorderGuard);
        foreach (var centre in (ReadOnlySpan<int>)[f.LeftLine, f.RightLine])
        {
            for (var cy = Math.Max(verticalTop, fromY); cy < Math.Min(verticalBottom, toY); cy++)
            {
                var y = cy - originY;
                var nearTop = Math.Abs(cy - f.TopLine) <= halfBand;
                var onHorizontal = nearTop || Math.Abs(cy - f.BottomLine) <= halfBand;
                for (var cx = Math.Max(centre - halfBand, fromX); cx < Math.Min(centre + halfBand + 1, toX); cx++)
                {
                    var x = cx - originX;
                    var crossed = across[Math.Abs(cx - f.LeftLine) <= halfBand ? y : size + y]
                        || (onHorizontal && cx >= horizontalLeft && cx < horizontalRight && across[((nearTop ? 2 : 3) * size) + x]);
                    mark[(y * size) + x] = crossed ? (byte)1 : (byte)0;
                }
            }
        }

        foreach (var centre in (ReadOnlySpan<int>)[f.TopLine, f.BottomLine])
        {
            var (left, right) = (Math.Max(horizontalLeft, fromX), Math.Min(horizontalRight, toX));
            for (var cy = Math.Max(centre - halfBand, fromY); cy < Math.Min(centre + halfBand + 1, toY) && right > left; cy++)
            {
                var y = cy - originY;
                var horizontal = (Math.Abs(cy - f.TopLine) <= halfBand ? 2 : 3) * size;
                // Whether a stroke crosses this line, column by column (a bool is one byte, 0 or 1) …
                MemoryMarshal.AsBytes(across.Slice(horizontal + left - originX, right - left)).CopyTo(mark.AsSpan((y * size) + left - originX));
                if (cy < verticalTop || cy >= verticalBottom)
                {
                    continue;
                }

                // … or, where the vertical bands cross it, either line.
                foreach (var vertical in (ReadOnlySpan<int>)[f.LeftLine, f.RightLine])
                {
                    for (var cx = Math.Max(vertical - halfBand, left); cx < Math.Min(vertical + halfBand + 1, right); cx++)
                    {
                        var x = cx - originX;
                        var nearLeft = Math.Abs(cx - f.LeftLine) <= halfBand;
                        var crossed = across[horizontal + x] || across[nearLeft ? y : size + y];
                        mark[(y * size) + x] = crossed ? (byte)1 : (byte)0;
                    }
                }
            }
        }

        byte Dark(int x, int y) => (uint)x < (uint)n && (uint)y < (uint)m ? dark[(y * n) + x] : (byte)0;
    }

    /// <summary>The share of a write-in name cell covered by ink (specks, scanner streaks and the cell's own rules excluded).</summary>
    public static double WriteInInk(GrayImage image, LocatedSheet sheet, MarkingBox box, double streakAngleDegrees)
    {
        var (pixels, width, height) = SheetCrops.RentUprightPixels(image, sheet.LayoutToImage, WriteInRegion(box), PixelsPerMm);
        var (_, mask) = RentInkMask(pixels.AsSpan(0, width * height));
        try
        {
            RemoveStreaks(mask, width, height, streakAngleDegrees);
            RemoveSpecks(mask, width, height);
            var area = width * height;
            return (area - mask.AsSpan(0, area).Count((byte)0)) / (double)area;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(mask);
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>
    /// Ink is anything clearly darker than the local paper: 14 % below it (about 219 on white paper), so that pale pens and
    /// pencil count as ink; noise does not reach it, and specks are removed as small components.
    /// </summary>
    private static double InkThreshold(byte paper) => paper - Math.Max(28, 0.14 * paper);

    /// <summary>How many of <paramref name="pixels"/> are darker than <paramref name="level"/>.</summary>
    internal static int CountBelow(ReadOnlySpan<byte> pixels, double level) =>
        // pixel < level, for whole pixel values: pixel < ⌈level⌉ (a level at or below 0 counts nothing).
        CountBelow(pixels, (byte)Math.Clamp(Math.Ceiling(level), 0, 255));

    /// <summary>How many of <paramref name="pixels"/> are below <paramref name="limit"/>.</summary>
    private static int CountBelow(ReadOnlySpan<byte> pixels, byte limit)
    {
        var limits = new Vector<byte>(limit);
        var count = 0;
        var i = 0;
        while (i + Vector<byte>.Count <= pixels.Length)
        {
            // Up to 255 vectors counted in byte lanes (a true comparison is all ones: subtracting it adds one).
            var counts = Vector<byte>.Zero;
            for (var k = 0; k < byte.MaxValue && i + Vector<byte>.Count <= pixels.Length; k++, i += Vector<byte>.Count)
            {
                counts -= Vector.LessThan(new Vector<byte>(pixels[i..]), limits);
            }

            Vector.Widen(counts, out var low, out var high);
            count += Vector.Sum(low + high); // at most 510 per lane, 16 lanes
        }

        for (; i < pixels.Length; i++)
        {
            count += pixels[i] < limit ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The local paper level (the 80th percentile: most of a crop is paper) and the ink mask (1 = ink) of a crop, in an
    /// array rented from <see cref="ArrayPool{T}.Shared"/> (it may be longer than the crop): give it back when done.
    /// </summary>
    private static (byte Paper, byte[] Ink) RentInkMask(ReadOnlySpan<byte> pixels)
    {
        var paper = Percentile(pixels, 0.8);
        // pixel < threshold, for whole pixel values: pixel < ⌈threshold⌉ (a threshold at or below 0 marks nothing).
        var limit = (byte)Math.Clamp(Math.Ceiling(InkThreshold(paper)), 0, 255);
        var ink = ArrayPool<byte>.Shared.Rent(pixels.Length);
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

    /// <summary>
    /// The <paramref name="q"/> quantile of <paramref name="pixels"/>: the highest value v such that more than
    /// (1 − q) of the pixels (rounded down) are at v or above (0 for no pixels). Found by halving the range of values,
    /// counting the pixels at or above each candidate with vectors: eight counts instead of a histogram.
    /// </summary>
    internal static byte Percentile(ReadOnlySpan<byte> pixels, double q)
    {
        var target = (int)(pixels.Length * (1 - q));
        // Invariant: at or above low, more than target pixels; at or above high + 1, not (or high is 255).
        var (low, high) = (0, 255);
        if (CountAtLeast(pixels, 0) <= target)
        {
            return 0;
        }

        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (CountAtLeast(pixels, (byte)middle) > target)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return (byte)low;
    }

    /// <summary>How many of <paramref name="pixels"/> are at <paramref name="level"/> or above.</summary>
    private static int CountAtLeast(ReadOnlySpan<byte> pixels, byte level) =>
        level == 0 ? pixels.Length : pixels.Length - CountBelow(pixels, level);

    /// <summary>
    /// Scanner streaks run the full height of the image; on the upright crop they run at the sheet's angle. A line of
    /// dark pixels through at least 90 % of the crop's height at that angle is a streak and is taken out.
    /// </summary>
    private static bool RemoveStreaks(byte[] dark, int n, int m, double angleDegrees)
    {
        var slope = Math.Tan(angleDegrees * Math.PI / 180);
        var shift = new int[m];
        for (var y = 0; y < m; y++)
        {
            shift[y] = (int)Math.Round(slope * (y - (m / 2.0)));
        }

        var allowedMisses = m / 10;
        var reach = (int)(Math.Abs(slope) * m) + 2;
        var found = false;
        for (var c = -reach; c < n + reach; c++)
        {
            var misses = 0;
            for (var y = 0; y < m && misses <= allowedMisses; y++)
            {
                var x = c + shift[y];
                if (x < 0 || x >= n || dark[(y * n) + x] == 0)
                {
                    misses++;
                }
            }

            if (misses > allowedMisses)
            {
                continue;
            }

            found = true;
            for (var y = 0; y < m; y++)
            {
                var x = c + shift[y];
                for (var k = Math.Max(0, x - 2); k <= Math.Min(n - 1, x + 2); k++)
                {
                    dark[(y * n) + k] = 0;
                }
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
        var (left, right) = (Math.Clamp(boxColumns.From, 0, n), Math.Clamp(boxColumns.To, 0, n));
        var (top, bottom) = (Math.Clamp(boxRows.From, 0, m), Math.Clamp(boxRows.To, 0, m));
        for (var y = 0; y < m; y++)
        {
            rows[y] = right > left ? dark.AsSpan((y * n) + left, right - left).Count((byte)1) : 0;
        }

        // Column sums in bytes, 255 rows at a time (a mask pixel is 0 or 1), then added up.
        var partial = new byte[n];
        for (var start = top; start < bottom; start += byte.MaxValue)
        {
            Array.Clear(partial);
            for (var y = start; y < Math.Min(bottom, start + byte.MaxValue); y++)
            {
                var row = dark.AsSpan(y * n, n);
                var x = 0;
                for (; x + Vector<byte>.Count <= n; x += Vector<byte>.Count)
                {
                    (new Vector<byte>(partial.AsSpan(x)) + new Vector<byte>(row[x..])).CopyTo(partial.AsSpan(x));
                }

                for (; x < n; x++)
                {
                    partial[x] += row[x];
                }
            }

            for (var x = 0; x < n; x++)
            {
                columns[x] += partial[x];
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
        MaskComponents.Find(mask, w, h, 1, eightConnected: false).ClearSmallerThan(mask, w, SpeckArea, 0);
}
