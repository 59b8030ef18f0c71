namespace BallotScan.Engine.Imaging;

/// <summary>What went wrong inside an imaging engine; the numbers match the shim's bs_status.</summary>
public enum ImagingErrorKind
{
    InvalidArgument = 1,
    DecodeFailed = 2,
    Unsupported = 3,
    OutOfMemory = 4,
    BufferTooSmall = 5,
    NotFound = 6,
    Internal = 7,
}

/// <summary>An imaging engine refused or failed an operation. The process is unharmed; the message says what happened.</summary>
public class ImagingException : Exception
{
    public ImagingException(ImagingErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }




    public ImagingErrorKind Kind { get; }
}

/// <summary>Why a file could not be turned into a sheet image.</summary>
public enum ImageProblem
{
    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>The bytes are not an image at all (a text file, a PDF, an archive…).</summary>
    NotAnImage,

    /// <summary>An image, but of a kind BallotScan does not read (HEIC, WebP, GIF…).</summary>
    UnsupportedFormat,

    /// <summary>The file stops before the image ends (an interrupted copy or transfer).</summary>
    Truncated,

    /// <summary>The image data is damaged.</summary>
    Corrupt,

    /// <summary>More pixels than the configured limit: refused before decoding.</summary>
    TooLarge,

    /// <summary>The page asked for is not in the file.</summary>
    NoSuchPage,
}

/// <summary>A file could not be decoded into a sheet image. <see cref="Problem"/> says why, the message says it for a person.</summary>
public class ImageDecodeException : ImagingException
{
    public ImageDecodeException(ImageProblem problem, string message, Exception? inner = null)
        : base(ImagingErrorKind.DecodeFailed, message, inner)
    {
        Problem = problem;
    }




    public ImageProblem Problem { get; }
}

/// <summary>An image larger than <see cref="DecodeOptions.MaxPixels"/>, refused before any pixel was decoded.</summary>
public sealed class ImageTooLargeException : ImageDecodeException
{
    public ImageTooLargeException(int width, int height, long maxPixels)
        : base(ImageProblem.TooLarge, FormattableString.Invariant(
            $"The image is {width} x {height} pixels ({(long)width * height / 1e6:0.#} megapixels), more than the limit of {maxPixels / 1e6:0.#} megapixels. Scan at 200 to 300 dpi."))
    {
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }




    public int Width { get; }

    public int Height { get; }

    public long MaxPixels { get; }
}
