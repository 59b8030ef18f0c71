using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Imaging;

/// <summary>
/// An 8-bit grayscale image (0 black, 255 white) held in native memory, so the engines work on it without copies.
/// Dispose it when done; the pixel spans it hands out are valid only until then. Not thread-safe for writes.
/// </summary>
public sealed class GrayImage : IDisposable
{
    private readonly NativeImageHandle _handle;
    private readonly nint _pixels;

    internal GrayImage(NativeImageHandle handle)
    {
        _handle = handle;
        ShimMethods.Check(ShimMethods.ImageInfo(handle, out var width, out var height, out var stride, out _pixels), "image");
        (Width, Height, Stride) = (width, height, stride);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes from the start of one row to the start of the next.</summary>
    public int Stride { get; }

    /// <summary>For an image still being decoded (a JPEG decoded a band at a time), the rows that hold pixels; null when all do.</summary>
    internal DecodedRows? Decoded { get; set; }

    /// <summary>The whole image as a rectangle.</summary>
    public PixelRect Bounds => new(0, 0, Width, Height);

    internal NativeImageHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>
    /// Whether the rows from <paramref name="top"/> up to (not including) <paramref name="bottom"/>, as far as they lie on
    /// the image, all hold pixels (see <see cref="Decoded"/>).
    /// </summary>
    internal bool HasRows(int top, int bottom) => Decoded?.Hold(Math.Max(0, top), Math.Min(Height, bottom)) ?? true;

    /// <summary>Throws <see cref="MissingRowsException"/> unless <see cref="HasRows"/>.</summary>
    internal void RequireRows(int top, int bottom)
    {
        if (!HasRows(top, bottom))
        {
            throw new MissingRowsException(top, bottom);
        }
    }

    /// <summary>A new image of one colour (255: white paper).</summary>
    public static unsafe GrayImage Create(int width, int height, byte fill = 255)
    {
        ShimMethods.Check(ShimMethods.ImageCreate(width, height, null, 0, fill, out var handle), "create image");
        return new GrayImage(handle);
    }

    /// <summary>A new image holding a copy of <paramref name="pixels"/>, rows <paramref name="stride"/> bytes apart.</summary>
    public static unsafe GrayImage FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int stride)
    {
        if (stride < width || pixels.Length < ((long)stride * (height - 1)) + width)
        {
            throw new ArgumentException("The pixel buffer is smaller than width, height and stride say.", nameof(pixels));
        }

        fixed (byte* p = pixels)
        {
            ShimMethods.Check(ShimMethods.ImageCreate(width, height, p, stride, 0, out var handle), "create image");
            return new GrayImage(handle);
        }
    }

    /// <summary>All pixel bytes, row after row (including any padding at the end of each row).</summary>
    public unsafe Span<byte> Pixels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return new Span<byte>((void*)_pixels, checked(Stride * Height));
        }
    }

    /// <summary>One row of <see cref="Width"/> pixels.</summary>
    public Span<byte> Row(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return Pixels.Slice(y * Stride, Width);
    }

    public byte this[int x, int y]
    {
        get => Row(y)[x];
        set => Row(y)[x] = value;
    }

    /// <summary>A copy of the part of the image inside <paramref name="region"/> (clipped to the image).</summary>
    public GrayImage Crop(PixelRect region)
    {
        var r = region.Intersect(Bounds);
        if (r.IsEmpty)
        {
            throw new ArgumentException($"The region {region} lies outside the {Width}x{Height} image.", nameof(region));
        }

        return FromPixels(Pixels[((r.Y * Stride) + r.X)..], r.Width, r.Height, Stride);
    }

    /// <summary>A copy of the whole image.</summary>
    public GrayImage Clone() => FromPixels(Pixels, Width, Height, Stride);

    /// <summary>The pixels packed without row padding (for hashing, comparison and tests).</summary>
    public byte[] ToPackedArray()
    {
        var packed = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            Row(y).CopyTo(packed.AsSpan(y * Width, Width));
        }

        return packed;
    }

    public void Dispose() => _handle.Dispose();

    public override string ToString() => $"GrayImage {Width}x{Height}";

    internal static GrayImage FromNative(int status, NativeImageHandle handle, string operation)
    {
        if (status != 0)
        {
            handle.Dispose();
        }

        ShimMethods.Check(status, operation);
        return new GrayImage(handle);
    }

    /// <summary>Copies the native image handles of several images for a call that takes an array of them.</summary>
    internal static nint[] AddRefAll(IReadOnlyList<GrayImage> images)
    {
        var pointers = new nint[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var success = false;
            images[i].Handle.DangerousAddRef(ref success);
            pointers[i] = images[i].Handle.DangerousGetHandle();
        }

        return pointers;
    }

    internal static void ReleaseAll(IReadOnlyList<GrayImage> images)
    {
        foreach (var image in images)
        {
            image.Handle.DangerousRelease();
        }
    }
}
