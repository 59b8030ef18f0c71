using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Tests.Imaging;

public class JpegRowDecoderTests
{
    /// <summary>A gray page with detail everywhere (gradients, noise, a QR code in each corner), as a JPEG.</summary>
    private static byte[] DetailedJpeg(int quality = 85)
    {
        var (page, _) = TestPages.FourCornerPage();
        using (page)
        {
            var random = new Random(31);
            for (var y = 0; y < page.Height; y++)
            {
                var row = page.Row(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = (byte)Math.Clamp(row[x] - ((x + (2 * y)) % 97) + random.Next(0, 30), 0, 255);
                }
            }

            return ImageCodec.EncodeJpeg(page, quality);
        }
    }

    private static JpegRowDecoder Open(byte[] jpeg) =>
        JpegRowDecoder.TryOpen(jpeg, ImageProbe.Read(jpeg).Pages[0]) ?? throw new InvalidOperationException("a gray baseline JPEG must qualify");

    [Fact]
    public void Rows_decoded_are_the_whole_decodes_pixels_also_after_rows_skipped()
    {
        var jpeg = DetailedJpeg();
        using var whole = ImageCodec.Decode(jpeg);
        using var decoder = Open(jpeg);

        // Bands that start and end inside libjpeg's eight-row groups as well as on them.
        int[] cuts = [101, 333, 700, 904, 1200, 1203, 1600, 2000];
        for (var i = 0; i < cuts.Length; i++)
        {
            if (i % 2 == 0)
            {
                decoder.DecodeTo(cuts[i]);
            }
            else
            {
                decoder.SkipTo(cuts[i]);
            }
        }

        decoder.DecodeTo(whole.Height);
        Assert.False(decoder.Damaged);
        var compared = 0;
        for (var y = 0; y < whole.Height; y++)
        {
            if (decoder.Image.HasRows(y, y + 1))
            {
                Assert.True(whole.Row(y).SequenceEqual(decoder.Image.Row(y)), $"row {y} differs from the whole decode");
                compared++;
            }
        }

        Assert.Equal(whole.Height - (333 - 101) - (904 - 700) - (1203 - 1200) - (2000 - 1600), compared);
    }

    [Fact]
    public void The_image_says_which_rows_hold_pixels()
    {
        using var decoder = Open(DetailedJpeg());
        var image = decoder.Image;
        decoder.DecodeTo(50);
        Assert.True(image.HasRows(0, 50));
        Assert.False(image.HasRows(0, 51)); // not decoded yet

        decoder.SkipTo(200);
        decoder.DecodeTo(image.Height);
        Assert.True(image.HasRows(200, image.Height));
        Assert.True(image.HasRows(-10, 50)); // rows off the image are not asked for
        Assert.False(image.HasRows(199, 201));
        Assert.False(image.HasRows(40, 60));
        Assert.Throws<MissingRowsException>(() => image.RequireRows(100, 101));
        Assert.All(Enumerable.Range(50, 150), y => Assert.True(image.Row(y).IndexOfAnyExcept((byte)128) < 0, $"skipped row {y} is not mid-gray"));
    }

    [Fact]
    public void A_qr_read_reaching_rows_without_pixels_is_refused_not_read()
    {
        using var decoder = Open(DetailedJpeg());
        var image = decoder.Image;
        decoder.DecodeTo(300);
        var top = new PixelRect(0, 0, 300, 300);
        Assert.Contains(QrReader.Read(image, top), s => s.Text == TestPages.Payload("TL"));
        Assert.Throws<MissingRowsException>(() => QrReader.Read(image, new PixelRect(0, 0, 300, 301)));

        decoder.SkipTo(image.Height - 300);
        decoder.DecodeTo(image.Height);
        Assert.Throws<MissingRowsException>(() => QrReader.Read(image));
    }

    [Fact]
    public void A_jpeg_with_an_exif_block_is_left_to_the_whole_decode()
    {
        // EXIF may turn the picture (its orientation tag), as the whole decode does: such a file is decoded whole.
        var jpeg = DetailedJpeg();
        byte[] exif = [0xFF, 0xE1, 0x00, 0x10, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8];
        byte[] withExif = [.. jpeg[..2], .. exif, .. jpeg[2..]];
        using var plain = JpegRowDecoder.TryOpen(jpeg, ImageProbe.Read(jpeg).Pages[0]);

        Assert.NotNull(plain);
        Assert.Null(JpegRowDecoder.TryOpen(withExif, ImageProbe.Read(withExif).Pages[0]));
    }

    [Fact]
    public void A_jpeg_whose_data_breaks_off_is_marked_damaged()
    {
        // The data ends two thirds of the way down (the end marker follows at once): libjpeg goes on with gray rows and warns.
        var jpeg = DetailedJpeg();
        using var decoder = Open([.. jpeg[..(jpeg.Length * 2 / 3)], 0xFF, 0xD9]);
        decoder.DecodeTo(decoder.Image.Height);

        Assert.True(decoder.Damaged);
    }
}
