using BallotScan.Engine.Elections;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Imaging;

/// <summary>
/// The corner crops binarized in managed code read as zxing reads them itself: the same codes with the same corners, to
/// the last bit, so the sheet lands exactly where it did (and every box is measured where it was).
/// </summary>
public class QrBinarizerTests
{
    [Theory]
    [InlineData(CaptureConditions.Scanner, 302)]
    [InlineData(CaptureConditions.Scanner, 357)]
    [InlineData(CaptureConditions.Camera, 450)]
    [InlineData(CaptureConditions.Camera, 331)]
    public void Every_tile_of_a_sheet_gives_the_same_codes_and_corners_as_with_zxings_own_binarizer(CaptureConditions conditions, int tile)
    {
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = 5151, Conditions = conditions, BilevelTiffShare = 0 });
        var codes = 0;
        for (var i = 0; i < 5; i++)
        {
            using var image = ImageCodec.Decode(synthesizer.Generate(i).Bytes);
            // The whole image in tiles (the last ones ragged, their sides not a multiple of 8), every tile read both ways.
            for (var y = 0; y < image.Height; y += tile)
            {
                for (var x = 0; x < image.Width; x += tile)
                {
                    var crop = new PixelRect(x, y, Math.Min(tile, image.Width - x), Math.Min(tile, image.Height - y));
                    var theirs = QrReader.Read(image, crop, new QrReadOptions { TryHarder = false }, managedBinarizer: false);
                    var ours = QrReader.Read(image, crop, new QrReadOptions { TryHarder = false }, managedBinarizer: true);

                    Assert.Equal(Describe(theirs), Describe(ours));
                    codes += theirs.Count;
                }
            }
        }

        Assert.True(codes >= 6, $"only {codes} codes were read: the comparison says little");
    }

    [Fact]
    public void Too_small_an_image_is_refused()
    {
        var pixels = new byte[30 * 30];
        Assert.Throws<ArgumentException>(() => QrBinarizer.LocalAverage(pixels, 30, 30, 30, new byte[30 * 30], 30));
    }

    private static string Describe(IReadOnlyList<QrSymbol> symbols) =>
        string.Join("; ", symbols.Select(s => FormattableString.Invariant($"{s.Text} {s.OrientationDegrees} {string.Join(" ", s.Corners.Select(c => $"{c.X:R},{c.Y:R}"))}")));
}
