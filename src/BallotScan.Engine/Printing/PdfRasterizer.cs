using System.Globalization;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Platform;

namespace BallotScan.Engine.Printing;

/// <summary>Renders PDF pages to grayscale images with poppler's pdftoppm, as a printer would put them on paper (or as a scanner saved them).</summary>
public static class PdfRasterizer
{
    /// <summary>Whether the bytes are a PDF document.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> data) => data.StartsWith("%PDF"u8);

    /// <summary>
    /// The pages of a scanned PDF (an office scanner's output), each at the resolution the scanner used (the first page
    /// image's, from pdfimages; 200 dpi when the PDF holds no image), so that nothing is lost or invented. Page
    /// <paramref name="onlyPage"/> (0-based) alone when given.
    /// </summary>
    /// <exception cref="InvalidDataException">The PDF cannot be rendered.</exception>
    /// <exception cref="FileNotFoundException">poppler-utils is not installed.</exception>
    public static IReadOnlyList<GrayImage> RenderScan(byte[] pdf, int? onlyPage = null)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var file = Path.Combine(Path.GetTempPath(), $"ballotscan-scan-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            return Render(file, ScanResolution(file), onlyPage);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The pages of a PDF of scans, one at a time as they are asked for (never all in memory), each at its scan's resolution;
    /// the caller disposes each. A PDF of more pages than a file of scans may hold is refused before any is rendered.
    /// </summary>
    /// <exception cref="InvalidDataException">The PDF cannot be read, or holds too many pages (said before the first page).</exception>
    /// <exception cref="FileNotFoundException">poppler is not installed.</exception>
    public static IEnumerable<GrayImage> ScanPages(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var file = Path.Combine(Path.GetTempPath(), $"ballotscan-scan-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        int count, dpi;
        try
        {
            var info = DebianTool.Run("pdfinfo", "poppler-utils", file);
            var pages = info.Output.Split('\n').Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == "Pages")?[1].Trim();
            if (info.ExitCode != 0 || !int.TryParse(pages, NumberStyles.None, CultureInfo.InvariantCulture, out count))
            {
                throw new InvalidDataException($"The PDF could not be read: {info.Error.Trim()}");
            }

            if (count > Imaging.ImageProbe.MaxPages)
            {
                throw new InvalidDataException($"The PDF has {count} pages, more than one file of scans may hold ({Imaging.ImageProbe.MaxPages}): save the scans in files of at most {Imaging.ImageProbe.MaxPages} pages.");
            }

            dpi = ScanResolution(file);
        }
        catch
        {
            File.Delete(file);
            throw;
        }

        return Pages(file, count, dpi);

        static IEnumerable<GrayImage> Pages(string file, int count, int dpi)
        {
            try
            {
                for (var page = 0; page < count; page++)
                {
                    yield return Render(file, dpi, page).Single();
                }
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The x resolution of the first image in the PDF (pdfimages -list), within 100 to 600 dpi; 200 without one.</summary>
    private static int ScanResolution(string pdf)
    {
        var list = DebianTool.Run("pdfimages", "poppler-utils", "-list", "-f", "1", "-l", "1", pdf);
        var first = list.Output.Split('\n').Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).FirstOrDefault(c => c.Length >= 14);
        return first is not null && int.TryParse(first[12], NumberStyles.None, CultureInfo.InvariantCulture, out var dpi) ? Math.Clamp(dpi, 100, 600) : 200;
    }

    /// <summary>Every page of <paramref name="pdf"/> at <paramref name="dpi"/>, in order. The caller disposes the images.</summary>
    /// <exception cref="InvalidDataException">pdftoppm could not read the file.</exception>
    /// <exception cref="FileNotFoundException">pdftoppm is not installed.</exception>
    public static IReadOnlyList<GrayImage> Render(string pdf, int dpi = 200, int? onlyPage = null)
    {
        var folder = Directory.CreateTempSubdirectory("ballotscan-pdf-");
        try
        {
            string[] pages = onlyPage is { } p ? ["-f", (p + 1).ToString(CultureInfo.InvariantCulture), "-l", (p + 1).ToString(CultureInfo.InvariantCulture)] : [];
            var result = DebianTool.Run("pdftoppm", "poppler-utils", ["-r", dpi.ToString(CultureInfo.InvariantCulture), .. pages, "-gray", "-png", pdf, Path.Combine(folder.FullName, "page")]);
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
