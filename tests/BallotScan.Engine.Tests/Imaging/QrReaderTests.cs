using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Tests.Imaging;

public class QrReaderTests
{
    public static TheoryData<double, bool> Rotations => new()
    {
        { 0, false }, { 3, false }, { -3, false }, { 90, false }, { 180, false },
        { 0, true }, { 3, true }, { -3, true }, { 90, true }, { 180, true },
    };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void Every_corner_code_reads_back_with_its_text_and_corners_within_2_px(double degrees, bool fromCornerCrops)
    {
        var (page, printed) = TestPages.FourCornerPage();
        using var _ = page;
        var (rotated, transform) = TestPages.Rotate(page, degrees);
        using var __ = rotated;

        var symbols = fromCornerCrops
            ? CornerCrops(rotated).SelectMany(r => QrReader.Read(rotated, r, new QrReadOptions { TryHarder = false })).ToList()
            : QrReader.Read(rotated);

        Assert.Equal(4, symbols.Count);
        for (var i = 0; i < 4; i++)
        {
            var symbol = Assert.Single(symbols, s => s.Text == TestPages.Payload(TestPages.CornerNames[i]));
            for (var k = 0; k < 4; k++)
            {
                var expected = transform.Map(printed[i][k]);
                Assert.True(expected.DistanceTo(symbol.Corners[k]) <= 2.0,
                    $"{TestPages.CornerNames[i]} corner {k}: expected {expected}, read {symbol.Corners[k]}");
            }
        }
    }

    [Fact]
    public void Reading_up_to_one_code_gives_the_first_of_those_read_to_the_end()
    {
        var (page, _) = TestPages.FourCornerPage();
        using var _ = page;

        var all = QrReader.Read(page);
        var first = QrReader.Read(page, null, new QrReadOptions { MaxSymbols = 1 });

        Assert.Equal(4, all.Count);
        var one = Assert.Single(first);
        Assert.Equal(all[0].Text, one.Text);
        Assert.Equal(all[0].Corners, one.Corners);
        Assert.Throws<ArgumentOutOfRangeException>(() => QrReader.Read(page, null, new QrReadOptions { MaxSymbols = -1 }));
    }

    [Fact]
    public void A_page_without_codes_reads_as_none()
    {
        using var blank = GrayImage.Create(800, 600);
        Assert.Empty(QrReader.Read(blank));
    }

    [Fact]
    public void A_region_outside_the_image_is_refused_with_a_message()
    {
        using var blank = GrayImage.Create(100, 100);
        var e = Assert.Throws<ArgumentException>(() => QrReader.Read(blank, new PixelRect(500, 500, 10, 10)));
        Assert.Contains("outside the image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_text_survives_the_round_trip()
    {
        const string text = "BS1|村民委员会|张三";
        var qr = QrMatrix.Encode(text, QrErrorCorrection.Q);
        using var page = GrayImage.Create((qr.Size + 8) * 5, (qr.Size + 8) * 5);
        Raster.DrawQr(page, qr, 20, 20, 5);

        Assert.Equal(text, Assert.Single(QrReader.Read(page)).Text);
    }

    private static IEnumerable<PixelRect> CornerCrops(GrayImage image)
    {
        var (w, h) = (image.Width / 4, image.Height / 5);
        yield return new PixelRect(0, 0, w, h);
        yield return new PixelRect(image.Width - w, 0, w, h);
        yield return new PixelRect(image.Width - w, image.Height - h, w, h);
        yield return new PixelRect(0, image.Height - h, w, h);
    }
}
