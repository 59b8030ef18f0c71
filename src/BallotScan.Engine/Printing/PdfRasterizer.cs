using System.Globalization;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Platform;

namespace BallotScan.Engine.Printing;

/// <summary>Renders PDF pages to grayscale images with poppler's pdftoppm, as a printer would put them on paper.</summary>
public static class PdfRasterizer
{
    /// <summary>Every page of <paramref name="pdf"/> at <paramref name="dpi"/>, in order. The caller disposes the images.</summary>
    /// <exception cref="InvalidDataException">pdftoppm could not read the file.</exception>
    /// <exception cref="FileNotFoundException">pdftoppm is not installed.</exception>
    public static IReadOnlyList<GrayImage> Render(string pdf, int dpi = 200)
    {
        var folder = Directory.CreateTempSubdirectory("ballotscan-pdf-");
        try
        {
            var result = DebianTool.Run("pdftoppm", "poppler-utils", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", pdf, Path.Combine(folder.FullName, "page"));
            if (result.ExitCode != 0)
            {
                throw new InvalidDataException($"The PDF {Path.GetFileName(pdf)} could not be rendered: {result.Error.Trim()}");
            }

            // pdftoppm numbers pages page-1.png … page-12.png with zero padding by page count; sort by the number.
            return folder.GetFiles("page-*.png")
                .OrderBy(f => int.Parse(f.Name[5..^4], CultureInfo.InvariantCulture))
                .Select(f => ImageCodec.Decode(File.ReadAllBytes(f.FullName)))
                .ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
