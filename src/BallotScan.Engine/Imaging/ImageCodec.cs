namespace BallotScan.Engine.Imaging;

/// <summary>Options for decoding a scan. A plain value: <c>new DecodeOptions { MaxPixels = … }</c>.</summary>
public readonly record struct DecodeOptions()
{
    /// <summary>The default pixel limit: 120 megapixels, room for A3 at 600 dpi (70 MP) or a 108 MP phone photo.</summary>
    public const long DefaultMaxPixels = 120_000_000;

    /// <summary>An image with more pixels than this is refused before decoding (decompression bombs). 0 means the default.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    internal long EffectiveMaxPixels => MaxPixels > 0 ? MaxPixels : DefaultMaxPixels;
}

/// <summary>The TIFF compression to write. Scanners mostly write <see cref="Group4"/> (1-bit) or <see cref="Lzw"/>.</summary>
public enum TiffCompression
{
    None = 0,
    Lzw = 1,

    /// <summary>CCITT Group 4, 1 bit per pixel: every pixel below 128 becomes black.</summary>
    Group4 = 2,
}

/// <summary>Reads and writes image files as <see cref="GrayImage"/>s. Thread-safe.</summary>
public static class ImageCodec
{
    /// <summary>
    /// Decodes page <paramref name="page"/> (0-based; only TIFF has more than one) of an image file to grayscale.
    /// The header is checked first: an empty, truncated, foreign or oversized file is refused with a typed exception.
    /// </summary>
    /// <exception cref="ImageDecodeException">The bytes cannot become a sheet image; <see cref="ImageDecodeException.Problem"/> says why.</exception>
    public static unsafe GrayImage Decode(ReadOnlySpan<byte> data, int page = 0, DecodeOptions options = default)
    {
        var info = ImageProbe.Read(data);
        var size = CheckPage(info, page, options);
        int status;
        NativeImageHandle handle;
        fixed (byte* p = data)
        {
            status = ShimMethods.Decode(p, (nuint)data.Length, page, out handle);
        }

        if (status != 0)
        {
            handle.Dispose();
            var message = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(ShimMethods.LastError());
            throw new ImageDecodeException(ImageProblem.Corrupt, $"The {info.Format} image is damaged and cannot be decoded ({message}).");
        }

        var image = new GrayImage(handle);
        if (image.Width != size.Width || image.Height != size.Height)
        {
            image.Dispose();
            throw new ImageDecodeException(ImageProblem.Corrupt, $"The {info.Format} header says {size.Width}x{size.Height} but the data decodes to another size.");
        }

        return image;
    }

    /// <summary>The checks of <see cref="Decode"/> on a probed header before any pixel: the page asked for, the pixel limit.</summary>
    internal static PageSize CheckPage(ImageInfo info, int page, DecodeOptions options)
    {
        if (page < 0 || page >= info.PageCount)
        {
            throw new ImageDecodeException(ImageProblem.NoSuchPage, $"The file has {info.PageCount} page(s); page {page + 1} was asked for.");
        }

        var size = info.Pages[page];
        if (size.Pixels > options.EffectiveMaxPixels)
        {
            throw new ImageTooLargeException(size.Width, size.Height, options.EffectiveMaxPixels);
        }

        return size;
    }

    /// <summary>PNG, lossless.</summary>
    public static byte[] EncodePng(GrayImage image) => Encode(image, 0, 0);

    /// <summary>JPEG at <paramref name="quality"/> (1 to 100).</summary>
    public static byte[] EncodeJpeg(GrayImage image, int quality = 90) => Encode(image, 1, quality);

    /// <summary>A TIFF holding every image as one page, as a scanner's multi-page output.</summary>
    public static unsafe byte[] EncodeTiff(IReadOnlyList<GrayImage> pages, TiffCompression compression = TiffCompression.Lzw, int dpi = 200)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("A TIFF needs at least one page.", nameof(pages));
        }

        var pointers = GrayImage.AddRefAll(pages);
        try
        {
            fixed (nint* p = pointers)
            {
                ShimMethods.Check(ShimMethods.EncodeTiff(p, pointers.Length, (int)compression, dpi, out var buffer, out var length), "encode TIFF");
                return TakeBuffer(buffer, length);
            }
        }
        finally
        {
            GrayImage.ReleaseAll(pages);
        }
    }

    private static byte[] Encode(GrayImage image, int format, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ShimMethods.Check(ShimMethods.Encode(image.Handle, format, quality, out var buffer, out var length), "encode");
        return TakeBuffer(buffer, length);
    }

    private static unsafe byte[] TakeBuffer(nint buffer, nuint length)
    {
        try
        {
            return new ReadOnlySpan<byte>((void*)buffer, checked((int)length)).ToArray();
        }
        finally
        {
            ShimMethods.BufferFree(buffer);
        }
    }
}
