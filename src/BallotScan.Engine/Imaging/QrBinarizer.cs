using System.Runtime.Intrinsics;

namespace BallotScan.Engine.Imaging;

/// <summary>
/// The black-and-white image zxing-cpp's QR reader sees (its "local average" binarizer, <c>HybridBinarizer</c> of
/// zxing-cpp 1.4), computed with vectors: the corner crops are binarized here and handed to zxing already black and
/// white, which reads them exactly as it would have read the gray crop, about five times faster.
/// </summary>
/// <remarks>
/// The same arithmetic as zxing's, step for step: 8 x 8 pixel blocks (the last ones in a row or column overlap the one
/// before); a block's black point is its mean when its range exceeds 24 levels, else half its minimum (or, inside the
/// image, the weighted mean of its upper and left neighbours' black points when that is above its minimum); each block is
/// thresholded (dark when at or below) at the mean black point of the 5 x 5 blocks around it, clamped inside the image.
/// </remarks>
internal static class QrBinarizer
{
    private const int Block = 8;
    private const int MinimumDynamicRange = 24;

    /// <summary>The smallest side zxing binarizes this way (smaller images it thresholds globally).</summary>
    public const int MinimumSide = Block * 5;

    /// <summary>
    /// Writes 0 (dark) or 255 (light) for every pixel of <paramref name="source"/> (<paramref name="width"/> x
    /// <paramref name="height"/>, rows <paramref name="stride"/> apart) into <paramref name="destination"/> (rows
    /// <paramref name="destinationStride"/> apart).
    /// </summary>
    public static unsafe void LocalAverage(ReadOnlySpan<byte> source, int width, int height, int stride, Span<byte> destination, int destinationStride)
    {
        if (width < MinimumSide || height < MinimumSide)
        {
            throw new ArgumentException($"zxing binarizes images of at least {MinimumSide} x {MinimumSide} pixels this way.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(source.Length, ((height - 1) * stride) + width);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, ((height - 1) * destinationStride) + width);
        var (columns, rows) = ((width + Block - 1) / Block, (height + Block - 1) / Block);
        var blackPoints = new int[columns * rows];
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            for (var y = 0; y < rows; y++)
            {
                var top = Math.Min(y * Block, height - Block);
                for (var x = 0; x < columns; x++)
                {
                    var left = Math.Min(x * Block, width - Block);
                    var (sum, min, max) = Statistics(s + ((nint)top * stride) + left, stride);
                    var blackPoint = sum / (Block * Block);
                    if (max - min <= MinimumDynamicRange)
                    {
                        // A flat block: taken as paper (half its minimum) unless its neighbours say it is darker than that.
                        blackPoint = min / 2;
                        if (y > 0 && x > 0)
                        {
                            var neighbours = (blackPoints[((y - 1) * columns) + x] + (2 * blackPoints[(y * columns) + x - 1]) + blackPoints[((y - 1) * columns) + x - 1]) / 4;
                            if (min < neighbours)
                            {
                                blackPoint = neighbours;
                            }
                        }
                    }

                    blackPoints[(y * columns) + x] = blackPoint;
                }
            }

            for (var y = 0; y < rows; y++)
            {
                var top = Math.Min(y * Block, height - Block);
                var around = Math.Clamp(y, 2, rows - 3);
                for (var x = 0; x < columns; x++)
                {
                    var left = Math.Min(x * Block, width - Block);
                    var centre = Math.Clamp(x, 2, columns - 3);
                    var sum = 0;
                    for (var dy = -2; dy <= 2; dy++)
                    {
                        var row = (around + dy) * columns;
                        for (var dx = -2; dx <= 2; dx++)
                        {
                            sum += blackPoints[row + centre + dx];
                        }
                    }

                    Threshold(s + ((nint)top * stride) + left, stride, d + ((nint)top * destinationStride) + left, destinationStride, (byte)(sum / 25));
                }
            }
        }
    }

    /// <summary>Sum, minimum and maximum of the 8 x 8 pixels from <paramref name="p"/>.</summary>
    private static unsafe (int Sum, int Min, int Max) Statistics(byte* p, int stride)
    {
        var min = Vector128<byte>.AllBitsSet;
        var max = Vector128<byte>.Zero;
        var sums = Vector128<ushort>.Zero;
        for (var row = 0; row < Block; row++, p += stride)
        {
            var eight = Vector128.CreateScalar(*(ulong*)p).AsByte();
            min = Vector128.Min(min, eight);
            max = Vector128.Max(max, eight);
            sums += Vector128.WidenLower(eight);
        }

        // Across the eight lanes: halve the distance three times.
        foreach (var shift in (ReadOnlySpan<int>)[32, 16, 8])
        {
            min = Vector128.Min(min, Vector128.ShiftRightLogical(min.AsUInt64(), shift).AsByte());
            max = Vector128.Max(max, Vector128.ShiftRightLogical(max.AsUInt64(), shift).AsByte());
        }

        return (Vector128.Sum(sums), min.GetElement(0), max.GetElement(0));
    }

    /// <summary>8 x 8 pixels from <paramref name="source"/> to <paramref name="target"/>: 0 at or below the threshold, else 255.</summary>
    private static unsafe void Threshold(byte* source, int sourceStride, byte* target, int targetStride, byte threshold)
    {
        var limit = Vector128.Create(threshold);
        for (var row = 0; row < Block; row++, source += sourceStride, target += targetStride)
        {
            var eight = Vector128.CreateScalar(*(ulong*)source).AsByte();
            *(ulong*)target = (~Vector128.LessThanOrEqual(eight, limit)).AsUInt64().ToScalar();
        }
    }
}
