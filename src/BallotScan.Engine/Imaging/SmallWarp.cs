using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Imaging;

/// <summary>
/// Bilinear warp of a small region into a managed array, for the reader's box crops: a few thousand pixels, where a call
/// into OpenCV and a native image cost more than the sampling itself. Same convention as <see cref="ImageOps.Warp"/>:
/// pixel centres at whole coordinates, pixels beyond the image taken as <c>border</c>.
/// </summary>
public static class SmallWarp
{
    /// <summary>
    /// The <paramref name="width"/> x <paramref name="height"/> image whose pixel (x, y) is <paramref name="image"/> at
    /// <paramref name="cropToImage"/>(x, y), row after row (no padding).
    /// </summary>
    public static unsafe byte[] Sample(GrayImage image, Homography cropToImage, int width, int height, byte border = 255)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var m = cropToImage.ToArray();
        var result = GC.AllocateUninitializedArray<byte>(width * height);
        var (w, h, stride) = (image.Width, image.Height, image.Stride);
        fixed (byte* source = image.Pixels)
        fixed (byte* target = result)
        {
            for (var y = 0; y < height; y++)
            {
                var row = target + ((nint)y * width);
                // Along one row of a small crop even a photo's perspective is a straight, evenly stepped line in the
                // image: checked at the row's middle, then stepped in fixed point.
                var (first, last, middle) = (Map(m, 0, y), Map(m, width - 1, y), Map(m, (width - 1) / 2.0, y));
                var linear = first + ((last - first) * 0.5);
                var even = Math.Abs(linear.X - middle.X) < 1.0 / 64 && Math.Abs(linear.Y - middle.Y) < 1.0 / 64;
                if (even && SteppedRow(source, w, h, stride, first, width > 1 ? (last - first) * (1.0 / (width - 1)) : default, row, width))
                {
                    continue;
                }

                for (var x = 0; x < width; x++)
                {
                    var p = Map(m, x, y);
                    row[x] = Bilinear(source, w, h, stride, p.X, p.Y, border);
                }
            }
        }

        return result;
    }

    private static PointD Map(double[] m, double x, double y)
    {
        var w = (m[6] * x) + (m[7] * y) + m[8];
        return new PointD(((m[0] * x) + (m[1] * y) + m[2]) / w, ((m[3] * x) + (m[4] * y) + m[5]) / w);
    }

    /// <summary>
    /// One row sampled from <paramref name="start"/> in even steps, in 16.16 fixed point (the error over a crop's row stays
    /// below a thousandth of a pixel); false when the row reaches beyond the image and needs the careful path.
    /// </summary>
    private static unsafe bool SteppedRow(byte* source, int w, int h, int stride, PointD start, PointD step, byte* row, int width)
    {
        var end = start + (step * (width - 1));
        if (Math.Min(start.X, end.X) < 0 || Math.Min(start.Y, end.Y) < 0 || Math.Max(start.X, end.X) >= w - 1 || Math.Max(start.Y, end.Y) >= h - 1)
        {
            return false;
        }

        const double one = 1 << 16;
        var (fx, fy) = ((long)Math.Floor(start.X * one), (long)Math.Floor(start.Y * one));
        var (stepX, stepY) = ((long)Math.Round(step.X * one), (long)Math.Round(step.Y * one));
        for (var x = 0; x < width; x++, fx += stepX, fy += stepY)
        {
            var (x0, y0) = ((int)(fx >> 16), (int)(fy >> 16));
            var (ax, ay) = ((int)(fx >> 8) & 255, (int)(fy >> 8) & 255);
            var p = source + ((nint)y0 * stride) + x0;
            var top = (p[0] * (256 - ax)) + (p[1] * ax);
            var bottom = (p[stride] * (256 - ax)) + (p[stride + 1] * ax);
            row[x] = (byte)(((top * (256 - ay)) + (bottom * ay) + 32768) >> 16);
        }

        return true;
    }

    /// <summary>The image at (x, y) between pixel centres, weights in 1/256ths as OpenCV's fixed-point warp does.</summary>
    private static unsafe byte Bilinear(byte* source, int w, int h, int stride, double x, double y, byte border)
    {
        // Far outside (or not a number): the border, without overflowing the conversion below.
        if (!(x > -2 && y > -2 && x < w + 1 && y < h + 1))
        {
            return border;
        }

        var fx = (int)Math.Floor(x * 256);
        var fy = (int)Math.Floor(y * 256);
        var (x0, y0) = (fx >> 8, fy >> 8);
        var (ax, ay) = (fx & 255, fy & 255);
        int p00, p01, p10, p11;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h)
        {
            var row = source + ((nint)y0 * stride) + x0;
            (p00, p01, p10, p11) = (row[0], row[1], row[stride], row[stride + 1]);
        }
        else
        {
            p00 = At(x0, y0);
            p01 = At(x0 + 1, y0);
            p10 = At(x0, y0 + 1);
            p11 = At(x0 + 1, y0 + 1);
        }

        var top = (p00 * (256 - ax)) + (p01 * ax);
        var bottom = (p10 * (256 - ax)) + (p11 * ax);
        return (byte)(((top * (256 - ay)) + (bottom * ay) + 32768) >> 16);

        int At(int px, int py) => px >= 0 && py >= 0 && px < w && py < h ? source[((nint)py * stride) + px] : border;
    }
}
