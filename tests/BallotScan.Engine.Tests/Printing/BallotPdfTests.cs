using System.Diagnostics;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Tests.Layout;

namespace BallotScan.Engine.Tests.Printing;

public sealed class BallotPdfTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ballotscan-pdf-test-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string WritePdf(BallotLayout layout)
    {
        var path = Path.Combine(_folder.FullName, "ballot.pdf");
        File.WriteAllBytes(path, BallotPdfWriter.Write(layout, "test"));
        return path;
    }

    [Fact]
    public void The_same_layout_gives_the_same_pdf_bytes()
    {
        var layout = LayoutTests.Villagers();
        Assert.Equal(BallotPdfWriter.Write(layout, "t"), BallotPdfWriter.Write(layout, "t"));
    }

    [Fact]
    public void Rendered_at_200_dpi_the_ballot_carries_its_four_codes_where_the_layout_puts_them()
    {
        var layout = LayoutTests.Villagers();
        var pages = PdfRasterizer.Render(WritePdf(layout), 200);
        var page = Assert.Single(pages);
        using var _ = page;
        Assert.Equal((1654, 2339), (page.Width, page.Height));

        var symbols = QrReader.Read(page);

        Assert.Equal(4, symbols.Count);
        const double pxPerMm = 200 / 25.4;
        foreach (var placement in layout.Pages[0].QrCodes)
        {
            var symbol = Assert.Single(symbols, s => s.Text == placement.Payload);
            var expected = placement.Symbol.Corners().Select(c => c * pxPerMm).ToList();
            for (var k = 0; k < 4; k++)
            {
                Assert.True(expected[k].DistanceTo(symbol.Corners[k]) <= 2.5, $"{placement.Corner} corner {k}: {expected[k]} vs {symbol.Corners[k]}");
            }
        }
    }

    [Fact]
    public void An_independent_decoder_zbarimg_reads_the_same_four_payloads()
    {
        var layout = LayoutTests.Villagers();
        var pdf = WritePdf(layout);
        var png = Path.Combine(_folder.FullName, "page");
        Run("pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", pdf, png);

        var output = Run("zbarimg", "--quiet", "--raw", png + ".png");

        var read = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal);
        Assert.Equal(layout.Pages[0].QrCodes.Select(q => q.Payload).Order(StringComparer.Ordinal), read);
    }

    [Fact]
    public void The_font_is_embedded_so_the_print_does_not_depend_on_the_printers_fonts()
    {
        var output = Run("pdffonts", WritePdf(LayoutTests.Villagers()));
        var fontLine = Assert.Single(output.Split('\n'), l => l.Contains("WenQuanYi", StringComparison.Ordinal));
        Assert.Contains(" yes ", fontLine, StringComparison.Ordinal); // the "emb" column
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed with exit code {process.ExitCode}");
        return output;
    }
}
