using System.Buffers.Binary;

namespace BallotScan.Engine.Imaging;

/// <summary>
/// Reads an image file's header: its format, page count and page sizes, without decoding pixels.
/// This is what lets BallotScan refuse a decompression bomb before decoding, name a truncated file as truncated,
/// and tell a person "this is a PDF" or "this is an iPhone HEIC photo" instead of "cannot decode".
/// </summary>
public static class ImageProbe
{
    /// <summary>
    /// The most pages one file of scans (a TIFF, a PDF) may hold: a scanner's batch of a ballot box of 1,000 ballots scanned on
    /// both sides. One limit for `read`, `count` and the station alike (each reads through the reader); a file of more is
    /// refused whole, in words, so that a small hostile file of thousands of empty pages never floods the list of sheets set aside.
    /// </summary>
    public const int MaxPages = 2_000;

    /// <summary>Reads the header of <paramref name="data"/>.</summary>
    /// <exception cref="ImageDecodeException">Empty, not an image, an unsupported format, or truncated.</exception>
    public static ImageInfo Read(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new ImageDecodeException(ImageProblem.Empty, "The file is empty (0 bytes): the scan or copy did not finish.");
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ReadPng(data);
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data);
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return ReadTiff(data);
        }

        if (data.StartsWith("BM"u8) && data.Length >= 26)
        {
            var width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            var height = Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..]));
            return width > 0 && height > 0
                ? Single(ImageFileFormat.Bmp, width, height)
                : throw new ImageDecodeException(ImageProblem.Corrupt, "The BMP header gives no valid size.");
        }

        throw Unrecognised(data);
    }

    private static ImageInfo Single(ImageFileFormat format, int width, int height) => new(format, [new PageSize(width, height)]);

    private static ImageInfo ReadPng(ReadOnlySpan<byte> data)
    {
        if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw Truncated("PNG");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadInt32BigEndian(data[20..]);
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException(ImageProblem.Corrupt, "The PNG header gives no valid size.");
        }

        // Every complete PNG ends with an IEND chunk; look near the end (a few bytes of trailing junk are tolerated).
        var tail = data[Math.Max(0, data.Length - 64)..];
        return tail.IndexOf("IEND"u8) >= 0 ? Single(ImageFileFormat.Png, width, height) : throw Truncated("PNG");
    }

    private static ImageInfo ReadJpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        int width = 0, height = 0;
        var orientation = 1;
        while (position + 4 <= data.Length)
        {
            if (data[position] != 0xFF)
            {
                throw new ImageDecodeException(ImageProblem.Corrupt, "The JPEG header is damaged (a marker is missing).");
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            if (marker == 0xE1 && position + 2 + length <= data.Length && length > 2)
            {
                orientation = ExifOrientation(data.Slice(position + 4, length - 2)) ?? orientation;
            }

            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame && position + 9 <= data.Length)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 7)..]);
            }

            if (marker == 0xDA)
            {
                if (width == 0 || height == 0)
                {
                    throw new ImageDecodeException(ImageProblem.Corrupt, "The JPEG has image data but no frame header giving its size.");
                }

                // The entropy-coded data ends with the EOI marker (FF D9); without it, the file was cut short.
                // A phone's EXIF orientation 5 to 8 turns the picture a quarter: the decoder gives it upright, so the size is swapped.
                var (shownWidth, shownHeight) = orientation is >= 5 and <= 8 ? (height, width) : (width, height);
                return data[position..].LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0
                    ? Single(ImageFileFormat.Jpeg, shownWidth, shownHeight)
                    : throw Truncated("JPEG");
            }

            position += 2 + length;
        }

        throw Truncated("JPEG");
    }

    /// <summary>
    /// The orientation tag (0x0112) of an EXIF block (an APP1 segment's data: "Exif\0\0", then a TIFF header and IFD0); null
    /// when the block is not EXIF, holds no such tag, or is damaged (then the picture is taken as it is stored).
    /// </summary>
    internal static int? ExifOrientation(ReadOnlySpan<byte> segment)
    {
        if (segment.Length < 14 || !segment.StartsWith("Exif\0\0"u8))
        {
            return null;
        }

        var tiff = segment[6..];
        var little = tiff[0] == (byte)'I' && tiff[1] == (byte)'I';
        if (!little && !(tiff[0] == (byte)'M' && tiff[1] == (byte)'M'))
        {
            return null;
        }

        var ifd = U32(tiff, 4, little);
        if (U16(tiff, 2, little) != 42 || ifd > (uint)(tiff.Length - 2))
        {
            return null;
        }

        var entries = U16(tiff, (int)ifd, little);
        for (var i = 0; i < entries; i++)
        {
            var entry = (int)ifd + 2 + (12 * i);
            if (entry + 12 > tiff.Length)
            {
                return null;
            }

            if (U16(tiff, entry, little) == 0x0112 && U16(tiff, entry + 2, little) == 3)
            {
                var value = U16(tiff, entry + 8, little);
                return value is >= 1 and <= 8 ? value : null;
            }
        }

        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    private static uint U32(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);

    private static ImageInfo ReadTiff(ReadOnlySpan<byte> data)
    {
        var little = data[0] == (byte)'I';

        if (data.Length < 8)
        {
            throw Truncated("TIFF");
        }

        var pages = new List<PageSize>();
        var seen = new HashSet<uint>();
        var offset = U32(data, little, 4);
        while (offset != 0)
        {
            if (!seen.Add(offset))
            {
                throw new ImageDecodeException(ImageProblem.Corrupt, "The TIFF's page directory loops back on itself.");
            }

            if (pages.Count >= MaxPages)
            {
                throw new ImageDecodeException(ImageProblem.TooLarge, $"The TIFF has more than {MaxPages} pages, more than one file may hold: save the scans in files of at most {MaxPages} pages.");
            }

            if (offset > data.Length - 2)
            {
                throw Truncated("TIFF");
            }

            var count = U16(data, little, (int)offset);
            var end = (long)offset + 2 + (12L * count);
            if (end + 4 > data.Length)
            {
                throw Truncated("TIFF");
            }

            int width = 0, height = 0, bits = 1, sampleFormat = 1;
            for (var i = 0; i < count; i++)
            {
                var entry = (int)offset + 2 + (12 * i);
                var tag = U16(data, little, entry);
                var type = U16(data, little, entry + 2);
                if (tag is 256 or 257)
                {
                    var value = type == 3 ? U16(data, little, entry + 8) : (int)Math.Min(U32(data, little, entry + 8), int.MaxValue);
                    (width, height) = tag == 256 ? (value, height) : (width, value);
                }
                else if (tag is 258 or 339 && type == 3)
                {
                    // The first sample's value: inline for one or two samples, else at the offset the entry gives.
                    var values = U32(data, little, entry + 4);
                    var at = values <= 2 ? entry + 8 : (int)Math.Min(U32(data, little, entry + 8), int.MaxValue);
                    var value = at <= data.Length - 2 ? U16(data, little, at) : 0;
                    (bits, sampleFormat) = tag == 258 ? (value, sampleFormat) : (bits, value);
                }
            }

            if (width <= 0 || height <= 0)
            {
                throw new ImageDecodeException(ImageProblem.Corrupt, $"Page {pages.Count + 1} of the TIFF has no valid size.");
            }

            if (bits > 16 || sampleFormat == 3)
            {
                throw new ImageDecodeException(ImageProblem.UnsupportedFormat, $"Page {pages.Count + 1} of the TIFF has {bits}-bit {(sampleFormat == 3 ? "floating-point " : string.Empty)}samples, which scans never have: save it as an 8-bit (or 1-bit) grayscale or colour TIFF, PNG or JPEG.");
            }

            pages.Add(new PageSize(width, height));
            offset = U32(data, little, (int)end);
        }

        return pages.Count > 0 ? new ImageInfo(ImageFileFormat.Tiff, pages) : throw new ImageDecodeException(ImageProblem.Corrupt, "The TIFF holds no page.");
    }

    private static uint U32(ReadOnlySpan<byte> data, bool little, int at) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);

    private static ushort U16(ReadOnlySpan<byte> data, bool little, int at) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    private static ImageDecodeException Truncated(string format) =>
        new(ImageProblem.Truncated, $"The {format} file is cut short: the scan was interrupted or the file was not fully copied. Scan the sheet again.");

    private static ImageDecodeException Unrecognised(ReadOnlySpan<byte> data)
    {
        static bool Has(ReadOnlySpan<byte> d, int at, ReadOnlySpan<byte> s) => d.Length >= at + s.Length && d.Slice(at, s.Length).SequenceEqual(s);

        string? unsupported = null;
        if (Has(data, 4, "ftyp"u8))
        {
            unsupported = Has(data, 8, "hei"u8) || Has(data, 8, "mif1"u8) || Has(data, 8, "hev"u8)
                ? "a HEIC photo (set the phone camera to save JPEG, \"Most Compatible\")"
                : "a video or MP4-family file";
        }
        else if (Has(data, 0, "RIFF"u8) && Has(data, 8, "WEBP"u8))
        {
            unsupported = "a WebP image (save as JPEG or PNG)";
        }
        else if (Has(data, 0, "GIF8"u8))
        {
            unsupported = "a GIF image (save as PNG)";
        }
        else if (Has(data, 0, "II+\0"u8) || Has(data, 0, "MM\0+"u8))
        {
            unsupported = "a BigTIFF file (save as ordinary TIFF)";
        }

        if (unsupported is not null)
        {
            return new ImageDecodeException(ImageProblem.UnsupportedFormat, $"The file is {unsupported}; BallotScan reads PNG, JPEG, TIFF and BMP.");
        }

        var what = Has(data, 0, "%PDF"u8) ? "a PDF document (scan ballots to image files, or use `ballot proof` for a printed PDF)"
            : Has(data, 0, "PK\x03\x04"u8) ? "a zip archive (unpack it first)"
            : "not an image";
        var head = Convert.ToHexString(data[..Math.Min(8, data.Length)]);
        return new ImageDecodeException(ImageProblem.NotAnImage, $"The file is {what}: it starts with bytes {head}. BallotScan reads PNG, JPEG, TIFF and BMP.");
    }
}
