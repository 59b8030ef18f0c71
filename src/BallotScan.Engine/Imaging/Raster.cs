using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Imaging;

/// <summary>Small pixel routines done in C#: filling, pasting, drawing QR codes, trimming to the ink.</summary>
public static class Raster
{
    /// <summary>Fills <paramref name="rect"/> (clipped to the image) with <paramref name="value"/>.</summary>
    public static void Fill(GrayImage image, PixelRect rect, byte value)
    {
        ArgumentNullException.ThrowIfNull(image);
        var r = rect.Intersect(image.Bounds);
        for (var y = r.Y; y < r.Bottom; y++)
        {
            image.Row(y).Slice(r.X, r.Width).Fill(value);
        }
    }

    /// <summary>Copies <paramref name="source"/> onto <paramref name="target"/> with its top-left at (x, y), keeping the darker pixel.</summary>
    public static void PasteDarker(GrayImage target, GrayImage source, int x, int y)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        var r = new PixelRect(x, y, source.Width, source.Height).Intersect(target.Bounds);
        for (var row = r.Y; row < r.Bottom; row++)
        {
            var from = source.Row(row - y).Slice(r.X - x, r.Width);
            var to = target.Row(row).Slice(r.X, r.Width);
            for (var i = 0; i < from.Length; i++)
            {
                to[i] = Math.Min(to[i], from[i]);
            }
        }
    }

    /// <summary>
    /// Draws <paramref name="qr"/> with its top-left module at (x, y), each module <paramref name="moduleSize"/> pixels,
    /// on a white quiet zone of <paramref name="quietZoneModules"/> modules. Returns the symbol's outer rectangle (without quiet zone).
    /// </summary>
    public static PixelRect DrawQr(GrayImage image, QrMatrix qr, int x, int y, int moduleSize, int quietZoneModules = 4)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(qr);
        var quiet = quietZoneModules * moduleSize;
        Fill(image, new PixelRect(x - quiet, y - quiet, (qr.Size * moduleSize) + (2 * quiet), (qr.Size * moduleSize) + (2 * quiet)), 255);
        for (var row = 0; row < qr.Size; row++)
        {
            for (var column = 0; column < qr.Size; column++)
            {
                if (qr.IsDark(row, column))
                {
                    Fill(image, new PixelRect(x + (column * moduleSize), y + (row * moduleSize), moduleSize, moduleSize), 0);
                }
            }
        }

        return new PixelRect(x, y, qr.Size * moduleSize, qr.Size * moduleSize);
    }

    /// <summary>
    /// The smallest rectangle holding every pixel darker than <paramref name="inkBelow"/>, grown by <paramref name="margin"/>
    /// and clipped to the image; null when there is no ink. OCR reads printed names best from crops trimmed this way.
    /// </summary>
    public static PixelRect? InkBounds(GrayImage image, byte inkBelow = 160, int margin = 4)
    {
        ArgumentNullException.ThrowIfNull(image);
        int left = image.Width, top = image.Height, right = -1, bottom = -1;
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            var first = row.IndexOfAnyInRange((byte)0, (byte)(inkBelow - 1));
            if (first < 0)
            {
                continue;
            }

            var last = row.LastIndexOfAnyInRange((byte)0, (byte)(inkBelow - 1));
            (left, right) = (Math.Min(left, first), Math.Max(right, last));
            (top, bottom) = (Math.Min(top, y), y);
        }

        return right < 0
            ? null
            : new PixelRect(left - margin, top - margin, right - left + 1 + (2 * margin), bottom - top + 1 + (2 * margin)).Intersect(image.Bounds);
    }
}
