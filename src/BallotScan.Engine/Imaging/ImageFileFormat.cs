namespace BallotScan.Engine.Imaging;

/// <summary>The image file formats a scanner or a camera gives, that BallotScan reads.</summary>
public enum ImageFileFormat
{
    Png,
    Jpeg,
    Tiff,
    Bmp,
}

/// <summary>The size of one page of an image file.</summary>
public readonly record struct PageSize(int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}

/// <summary>What the header of an image file says, read without decoding any pixel.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Pages">Each page's size; only TIFF files have more than one page, and each is a sheet.</param>
public sealed record ImageInfo(ImageFileFormat Format, IReadOnlyList<PageSize> Pages)
{
    public int PageCount => Pages.Count;
}
