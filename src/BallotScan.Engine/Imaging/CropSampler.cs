using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Imaging;

/// <summary>
/// The reader's box crops, sampled in managed code into a managed buffer: pixel for pixel what
/// <see cref="ImageOps.Warp"/> (OpenCV's <c>warpPerspective</c>, bilinear) gives for a perspective transform, without a
/// native image per crop or the remapping tables OpenCV builds for it.
/// </summary>
/// <remarks>
/// Bit-exact on purpose: the reader's features, its calibration and its held-out record were measured on OpenCV's
/// samples, so the same arithmetic is kept, step for step: the destination-to-source matrix inverted as <c>cv::invert</c>
/// does a 3 x 3, source positions in doubles per block of 64 x 16 pixels, rounded to 1/32 pixel, weights in
/// 1/1024ths, pixels beyond the image taken as the border value. An affine transform goes to OpenCV (its affine warp
/// rounds differently); the sheets' fitted homographies are never exactly affine.
/// </remarks>
public static class CropSampler
{
    private const int TableBits = 5;
    private const int TableSize = 1 << TableBits;
    private const int BlockArea = 32 * 32;

    /// <summary>
    /// Fills <paramref name="destination"/> (<paramref name="width"/> x <paramref name="height"/>, rows packed) with
    /// <paramref name="image"/> warped by <paramref name="imageToCrop"/> (source pixel to crop pixel).
    /// </summary>
    public static void Warp(GrayImage image, Homography imageToCrop, int width, int height, Span<byte> destination, byte border = 255) =>
        Warp(image, imageToCrop, width, height, destination, border, vectors: Avx2.IsSupported);

    /// <summary>As the public call; <paramref name="vectors"/> false takes the plain path (for tests: both give the same pixels).</summary>
    internal static unsafe void Warp(GrayImage image, Homography imageToCrop, int width, int height, Span<byte> destination, byte border, bool vectors)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, width * height);
        var forward = imageToCrop.ToArray();
        if (forward[6] == 0 && forward[7] == 0 && forward[8] == 1)
        {
            using var affine = ImageOps.Warp(image, imageToCrop, width, height, Interpolation.Linear, border);
            for (var y = 0; y < height; y++)
            {
                affine.Row(y).CopyTo(destination.Slice(y * width, width));
            }

            return;
        }

        var m = InvertAsOpenCv(forward);
        var blockHeight = Math.Min(TableSize / 2, height);
        var blockWidth = Math.Min(BlockArea / blockHeight, width);
        var (w, h, stride) = (image.Width, image.Height, image.Stride);
        fixed (byte* source = image.Pixels)
        fixed (byte* target = destination)
        {
            var page = new Page(source, w, h, stride, border);
            // (The vector path reads four bytes of two rows: an image narrower than four pixels or lower than two has no such pixels.)
            if (vectors && Avx2.IsSupported && w >= 4 && h >= 2)
            {
                WarpAvx2(page, m, width, height, blockWidth, target);
                return;
            }

            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x += blockWidth)
                {
                    PlainRun(page, m, BlockStart(m, x, y), 0, Math.Min(blockWidth, width - x), target + ((nint)y * width) + x);
                }
            }
        }
    }

    /// <summary>The source image as the sampler reads it: pixels beyond it are <see cref="Border"/>.</summary>
    private readonly unsafe struct Page(byte* pixels, int width, int height, int stride, byte border)
    {
        public byte* Pixels { get; } = pixels;

        public int Width { get; } = width;

        public int Height { get; } = height;

        public int Stride { get; } = stride;

        public byte Border { get; } = border;

        /// <summary>Just past the last pixel byte.</summary>
        public byte* End => Pixels + ((nint)Stride * Height);
    }

    /// <summary>As OpenCV: a block's start in doubles (then each pixel a step along, divided by its own W).</summary>
    private static (double X, double Y, double W) BlockStart(double[] m, int x, int y) =>
        ((m[0] * x) + (m[1] * y) + m[2], (m[3] * x) + (m[4] * y) + m[5], (m[6] * x) + (m[7] * y) + m[8]);

    /// <summary>Pixels <paramref name="from"/> to <paramref name="count"/> of a block row, one at a time.</summary>
    private static unsafe void PlainRun(Page page, double[] m, (double X, double Y, double W) start, int from, int count, byte* target)
    {
        for (var i = from; i < count; i++)
        {
            var weight = start.W + (m[6] * i);
            weight = weight != 0 ? TableSize / weight : 0;
            var fx = Math.Round(Math.Clamp((start.X + (m[0] * i)) * weight, int.MinValue, int.MaxValue), MidpointRounding.ToEven);
            var fy = Math.Round(Math.Clamp((start.Y + (m[3] * i)) * weight, int.MinValue, int.MaxValue), MidpointRounding.ToEven);
            target[i] = Bilinear(page, (int)fx, (int)fy);
        }
    }

    /// <summary>
    /// The whole crop, eight pixels of a block row at a time, with the plain path's arithmetic (positions in doubles, four
    /// at a time, converted with the processor's round-half-to-even as OpenCV's <c>cvtpd2dq</c>) and the same integer
    /// blend: eight pixels that read one pair of rows (as a crop at the scan's own scale mostly does) take their pixels
    /// from one load per row, the others are gathered. From the first eight of which any needs a pixel beyond the image,
    /// the plain path does the rest of the block row.
    /// </summary>
    private static unsafe void WarpAvx2(Page page, double[] m, int width, int height, int blockWidth, byte* target)
    {
        var source = page.Pixels;
        var stride = page.Stride;
        var (m0, m3, m6) = (Vector256.Create(m[0]), Vector256.Create(m[3]), Vector256.Create(m[6]));
        var table = Vector256.Create((double)TableSize);
        var table32 = Vector256.Create(TableSize);
        var (right, bottomEdge, strides) = (Vector256.Create((uint)page.Width - 3), Vector256.Create((uint)page.Height - 1), Vector256.Create(stride));
        var (fraction, byteMask, half) = (Vector256.Create(TableSize - 1), Vector256.Create(0xFF), Vector256.Create(512));
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        // A block row's positions are computed first, all of them (long chains of arithmetic, independent of each
        // other), then sampled: the processor overlaps the one with the other instead of waiting on each group.
        var groups = (blockWidth + 7) / 8;
        var positions = stackalloc Vector256<int>[2 * groups];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x += blockWidth)
            {
                var count = Math.Min(blockWidth, width - x);
                var row = target + ((nint)y * width) + x;
                var start = BlockStart(m, x, y);
                var (startX, startY, startW) = (Vector256.Create(start.X), Vector256.Create(start.Y), Vector256.Create(start.W));
                var last = Vector256.Create(count - 1);
                for (var g = 0; g * 8 < count; g++)
                {
                    // A last group of fewer than eight repeats the block's last pixel in its spare lanes.
                    var at = Vector256.Min(Vector256.Create(g * 8) + lanes, last);
                    var (fxLow, fyLow) = Positions(Avx.ConvertToVector256Double(at.GetLower()));
                    var (fxHigh, fyHigh) = Positions(Avx.ConvertToVector256Double(at.GetUpper()));
                    positions[2 * g] = Vector256.Create(fxLow, fxHigh);
                    positions[(2 * g) + 1] = Vector256.Create(fyLow, fyHigh);
                }

                var i = 0;
                for (; i < count; i += 8)
                {
                    var (fx, fy) = (positions[i / 4], positions[(i / 4) + 1]);
                    var sx = Vector256.ShiftRightArithmetic(fx, TableBits);
                    var sy = Vector256.ShiftRightArithmetic(fy, TableBits);
                    // 0 ≤ sx < w − 3 and 0 ≤ sy < h − 1, as unsigned comparisons.
                    var inside = Vector256.LessThan(sx.AsUInt32(), right) & Vector256.LessThan(sy.AsUInt32(), bottomEdge);
                    if (!Vector256.EqualsAll(inside, Vector256<uint>.AllBitsSet))
                    {
                        break;
                    }

                    var (ax, ay) = (fx & fraction, fy & fraction);
                    var (firstX, firstY) = (sx.ToScalar(), sy.ToScalar());
                    var spread = sx - Vector256.Create(firstX);
                    var upperRow = source + ((nint)firstY * stride) + firstX;
                    Vector256<int> value;
                    if (Vector256.EqualsAll(sy, Vector256.Create(firstY)) && Vector256.LessThanOrEqualAll(spread.AsUInt32(), Vector256.Create(14u))
                        && upperRow + stride + Vector128<byte>.Count <= page.End)
                    {
                        // One row pair for all eight: sixteen bytes of each row hold every pixel pair they need, picked
                        // out by a shuffle and weighted (32 − ax, ax) in one multiply-add; then (32 − ay, ay) across the rows.
                        var pick = Pack(spread | Vector256.ShiftLeft(spread + Vector256<int>.One, 8)).AsByte();
                        var across = Pack((table32 - ax) | Vector256.ShiftLeft(ax, 8)).AsSByte();
                        var top = Ssse3.MultiplyAddAdjacent(Ssse3.Shuffle(Vector128.Load(upperRow), pick), across);
                        var bottom = Ssse3.MultiplyAddAdjacent(Ssse3.Shuffle(Vector128.Load(upperRow + stride), pick), across);
                        var down = (table32 - ay) | Vector256.ShiftLeft(ay, 16);
                        value = Avx2.MultiplyAddAdjacent(Vector256.Create(Sse2.UnpackLow(top, bottom), Sse2.UnpackHigh(top, bottom)), down.AsInt16());
                    }
                    else
                    {
                        // Four bytes are gathered from each pixel's row: the pair it needs and two more, all inside the row.
                        var offsets = Avx2.MultiplyLow(sy, strides) + sx;
                        var upper = Avx2.GatherVector256((int*)source, offsets, 1);
                        var lower = Avx2.GatherVector256((int*)(source + stride), offsets, 1);
                        var top = Blend(upper & byteMask, Vector256.ShiftRightLogical(upper, 8) & byteMask, ax);
                        var bottom = Blend(lower & byteMask, Vector256.ShiftRightLogical(lower, 8) & byteMask, ax);
                        value = Blend(top, bottom, ay);
                    }

                    value = Vector256.ShiftRightArithmetic(value + half, 10);
                    var shorts = Pack(value);
                    var eight = Sse2.PackUnsignedSaturate(shorts, shorts).AsUInt64().ToScalar();
                    if (i + 8 <= count)
                    {
                        *(ulong*)(row + i) = eight;
                    }
                    else
                    {
                        new ReadOnlySpan<byte>(&eight, count - i).CopyTo(new Span<byte>(row + i, count - i));
                    }
                }

                PlainRun(page, m, start, i, count, row);

                // (x0 + m0 i) · 32 / (w0 + m6 i), and the same for y, as whole 1/32 pixels. Neither the plain path's
                // clamp nor its care for W = 0 is needed here: a position beyond the int range (or not a number) converts
                // to int.MinValue, which lies outside the image and sends these pixels to the plain path.
                (Vector128<int> X, Vector128<int> Y) Positions(Vector256<double> at)
                {
                    var weight = table / (startW + (m6 * at));
                    return (Avx.ConvertToVector128Int32((startX + (m0 * at)) * weight), Avx.ConvertToVector128Int32((startY + (m3 * at)) * weight));
                }
            }
        }

        // Eight ints below 2^15 as eight shorts, in order (pixel values, at most 255, stay as they are).
        static Vector128<short> Pack(Vector256<int> v) => Sse2.PackSignedSaturate(v.GetLower(), v.GetUpper());

        // (p0 (32 − t) + p1 t) written as 32 p0 + (p1 − p0) t: the same integer.
        static Vector256<int> Blend(Vector256<int> a, Vector256<int> b, Vector256<int> t) =>
            Vector256.ShiftLeft(a, TableBits) + Avx2.MultiplyLow(b - a, t);
    }

    /// <summary>
    /// The image between pixel centres at (<paramref name="fx"/>, <paramref name="fy"/>) in 1/32 pixel: OpenCV's
    /// fixed-point bilinear (weights (32 − a)(32 − b) … summing to 1024, rounded half up).
    /// </summary>
    private static unsafe byte Bilinear(Page page, int fx, int fy)
    {
        var source = page.Pixels;
        var (w, h, stride) = (page.Width, page.Height, page.Stride);
        // OpenCV keeps the whole-pixel part in 16 bits (saturated): far outside stays outside.
        var sx = Math.Clamp(fx >> TableBits, short.MinValue, short.MaxValue);
        var sy = Math.Clamp(fy >> TableBits, short.MinValue, short.MaxValue);
        var (ax, ay) = (fx & (TableSize - 1), fy & (TableSize - 1));
        int p00, p01, p10, p11;
        if ((uint)sx < (uint)(w - 1) && (uint)sy < (uint)(h - 1))
        {
            var p = source + ((nint)sy * stride) + sx;
            (p00, p01, p10, p11) = (p[0], p[1], p[stride], p[stride + 1]);
        }
        else
        {
            p00 = At(sx, sy);
            p01 = At(sx + 1, sy);
            p10 = At(sx, sy + 1);
            p11 = At(sx + 1, sy + 1);
        }

        var top = (p00 * (TableSize - ax)) + (p01 * ax);
        var bottom = (p10 * (TableSize - ax)) + (p11 * ax);
        return (byte)(((top * (TableSize - ay)) + (bottom * ay) + 512) >> 10);

        int At(int px, int py) => px >= 0 && py >= 0 && px < w && py < h ? source[((nint)py * stride) + px] : page.Border;
    }

    /// <summary>The inverse of a 3 x 3 matrix (row by row) computed as <c>cv::invert</c> computes it, operation for operation.</summary>
    private static double[] InvertAsOpenCv(double[] s)
    {
        double S(int r, int c) => s[(r * 3) + c];
        var d = (S(0, 0) * ((S(1, 1) * S(2, 2)) - (S(1, 2) * S(2, 1))))
            - (S(0, 1) * ((S(1, 0) * S(2, 2)) - (S(1, 2) * S(2, 0))))
            + (S(0, 2) * ((S(1, 0) * S(2, 1)) - (S(1, 1) * S(2, 0))));
        if (d == 0)
        {
            throw new InvalidOperationException("The transform is singular and has no inverse.");
        }

        d = 1 / d;
        return
        [
            ((S(1, 1) * S(2, 2)) - (S(1, 2) * S(2, 1))) * d,
            ((S(0, 2) * S(2, 1)) - (S(0, 1) * S(2, 2))) * d,
            ((S(0, 1) * S(1, 2)) - (S(0, 2) * S(1, 1))) * d,
            ((S(1, 2) * S(2, 0)) - (S(1, 0) * S(2, 2))) * d,
            ((S(0, 0) * S(2, 2)) - (S(0, 2) * S(2, 0))) * d,
            ((S(0, 2) * S(1, 0)) - (S(0, 0) * S(1, 2))) * d,
            ((S(1, 0) * S(2, 1)) - (S(1, 1) * S(2, 0))) * d,
            ((S(0, 1) * S(2, 0)) - (S(0, 0) * S(2, 1))) * d,
            ((S(0, 0) * S(1, 1)) - (S(0, 1) * S(1, 0))) * d,
        ];
    }
}
