namespace BallotScan.Lab.Synthesis;

/// <summary>A multi-page PDF as an office scanner saves a stack of sheets: one page per scan, each page's image at its resolution.</summary>
public static class ScannerPdf
{
    /// <summary>A PDF whose pages hold <paramref name="scans"/> (image files' bytes), each drawn to fill an A4 page.</summary>
    public static byte[] Of(IEnumerable<byte[]> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        using var document = new PdfSharp.Pdf.PdfDocument();
        foreach (var scan in scans)
        {
            using var image = PdfSharp.Drawing.XImage.FromStream(new MemoryStream(scan));
            var page = document.AddPage();
            page.Width = PdfSharp.Drawing.XUnit.FromMillimeter(210);
            page.Height = PdfSharp.Drawing.XUnit.FromMillimeter(297);
            using var graphics = PdfSharp.Drawing.XGraphics.FromPdfPage(page);
            graphics.DrawImage(image, 0, 0, page.Width.Point, page.Height.Point);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
