using BallotScan.Engine.Fonts;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;

namespace BallotScan.Engine.Tests.Imaging;

public class OcrTests
{
    // Common surnames, a compound surname and a rare-ish character, as on a real candidate list.
    public static TheoryData<string> Names => ["王秀英", "李娜", "张建国", "欧阳明华", "赵丽颖"];

    private static readonly string s_whitelist = string.Concat(((IEnumerable<string>)["王秀英", "李娜", "张建国", "欧阳明华", "赵丽颖"]).SelectMany(n => n).Distinct());

    [Theory]
    [MemberData(nameof(Names))]
    public void Tesseract_reads_a_printed_chinese_name_from_a_rendered_crop(string name)
    {
        // A name cell at 200 dpi: 5 mm high characters are about 40 px.
        using var rendered = TextRenderer.Render(name, FontLocator.Chinese, 40, padding: 30);
        var ink = Raster.InkBounds(rendered, margin: 6);
        Assert.NotNull(ink);
        using var crop = rendered.Crop(ink.Value);
        using var engine = TesseractEngine.Open();

        var result = engine.Read(crop, s_whitelist);

        Assert.Equal(name, result.Text);
        Assert.InRange(result.Confidence, 50, 100);
    }

    [Fact]
    public void Missing_language_data_names_the_package_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("tessdata-").FullName;
        try
        {
            var e = Assert.Throws<OcrUnavailableException>(() => TesseractEngine.Open(new OcrOptions { DataPath = empty }));
            Assert.Contains("tesseract-ocr-chi-sim", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_character_the_font_lacks_is_reported_not_drawn_as_a_box()
    {
        var e = Assert.Throws<ImagingException>(() => TextRenderer.Render("张\U0001F5F3", FontLocator.Chinese, 40));
        Assert.Equal(ImagingErrorKind.NotFound, e.Kind);
        Assert.Contains("U+1F5F3", e.Message, StringComparison.Ordinal);
    }
}
