using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>Issue 20: a multi-page PDF from an office scanner is read as one sheet per page, each as its image reads alone.</summary>
public class PdfScanTests
{
    [Fact]
    public void A_five_page_scanner_pdf_is_five_sheets_read_as_their_images_are()
    {
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = 20501 }.OnlyBallots());
        var scans = Enumerable.Range(0, 5).Select(i => synthesizer.Generate(i)).ToList();
        var reader = new BallotReader([LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian)], MarkClassifier.Shipped);
        // Lossless pages, so that the PDF's pages are the very images.
        var pngs = scans.Select(s => { using var image = ImageCodec.Decode(s.Bytes); return ImageCodec.EncodePng(image); }).ToList();

        var sheets = reader.ReadFile(ScannerPdf.Of(pngs), "扫描仪.pdf");

        Assert.Equal(5, sheets.Count);
        Assert.Equal([0, 1, 2, 3, 4], sheets.Select(s => s.SourcePage));
        Assert.All(sheets, s => Assert.True(s.Accepted, s.Message));
        for (var i = 0; i < 5; i++)
        {
            var alone = reader.ReadFile(pngs[i], $"{i}.png").Single();
            Assert.Equal(alone.Positions.Select(p => p.Symbol), sheets[i].Positions.Select(p => p.Symbol));
        }
    }

    [Fact]
    public void A_pdf_that_cannot_be_rendered_is_refused_in_words()
    {
        var reader = new BallotReader([LayoutBuilder.Build(ElectionJson.Load(RepositoryFiles.VillagersExample), SurnameStrokeOrder.Debian)], MarkClassifier.Shipped);
        var sheet = Assert.Single(reader.ReadFile("%PDF-1.4\nnot really a pdf"u8.ToArray(), "broken.pdf"));
        Assert.False(sheet.Accepted);
        Assert.Contains("PDF", sheet.Message, StringComparison.Ordinal);
    }
}
