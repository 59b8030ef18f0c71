using BallotScan.Engine.Imaging;

namespace BallotScan.Lab.Synthesis;

/// <summary>
/// A photo as a phone held sideways or upside down saves it: the picture stored as the sensor saw it, turned, with an EXIF
/// orientation tag (0x0112) saying how to show it upright. For the generator and the tests of every reader of photos.
/// </summary>
public static class PhonePhoto
{
    /// <summary>A JPEG of <paramref name="upright"/> stored as a phone does for <paramref name="orientation"/> (1, 3, 6 or 8).</summary>
    public static byte[] Jpeg(GrayImage upright, ushort orientation, int quality = 92)
    {
        ArgumentNullException.ThrowIfNull(upright);
        var (pixels, width, height) = Stored(upright.ToPackedArray(), upright.Width, upright.Height, orientation);
        using var stored = GrayImage.FromPixels(pixels, width, height, width);
        return WithExifOrientation(ImageCodec.EncodeJpeg(stored, quality), orientation);
    }

    /// <summary>The picture as stored for <paramref name="orientation"/>: what the tag then turns upright (3: half a turn; 6: shown by turning it 90° clockwise; 8: 90° anticlockwise).</summary>
    public static (byte[] Pixels, int Width, int Height) Stored(byte[] upright, int width, int height, ushort orientation)
    {
        ArgumentNullException.ThrowIfNull(upright);
        var (w, h) = orientation is 6 or 8 ? (height, width) : (width, height);
        var stored = new byte[w * h];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (sx, sy) = orientation switch
                {
                    3 => (width - 1 - x, height - 1 - y),
                    6 => (y, width - 1 - x),
                    8 => (height - 1 - y, x),
                    _ => (x, y),
                };
                stored[(sy * w) + sx] = upright[(y * width) + x];
            }
        }

        return (stored, w, h);
    }

    /// <summary>A JPEG with an EXIF block (APP1, right after the start marker) whose orientation tag is <paramref name="orientation"/>.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, 0, 0, 0, 0];
        byte[] body = [.. "Exif\0\0"u8, .. tiff];
        var length = body.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. body, .. jpeg[2..]];
    }
}
