using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Imaging;

public class ImageCodecTests
{
    private const int Width = 321; // odd sizes catch stride and bit-packing mistakes
    private const int Height = 207;

    /// <summary>A pattern with every gray level, hard edges and a gradient.</summary>
    private static byte[] Pattern()
    {
        var p = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                p[(y * Width) + x] = (byte)(y < Height / 2 ? (x * 255 / (Width - 1)) : ((x / 16) + (y / 16)) % 2 == 0 ? 0 : 255);
            }
        }

        return p;
    }

    private static byte[] Pixels(GrayImage image) => image.ToPackedArray();

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void A_phone_photo_with_an_exif_orientation_decodes_upright(ushort orientation)
    {
        var pattern = Pattern();
        using var upright = GrayImage.FromPixels(pattern, Width, Height, Width);
        var jpeg = PhonePhoto.Jpeg(upright, orientation, quality: 95);
        Assert.Equal((Width, Height), (ImageProbe.Read(jpeg).Pages[0].Width, ImageProbe.Read(jpeg).Pages[0].Height));

        using var image = ImageCodec.Decode(jpeg);
        Assert.Equal((Width, Height), (image.Width, image.Height));
        var decoded = Pixels(image);
        var difference = decoded.Zip(pattern, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(difference < 12, $"orientation {orientation}: mean difference {difference:0.0} from the upright picture");
    }

    [Fact]
    public void A_png_written_by_another_encoder_decodes_to_the_same_pixels()
    {
        var pattern = Pattern();
        using var image = ImageCodec.Decode(IndependentEncoders.GrayPng(pattern, Width, Height));
        Assert.Equal((Width, Height), (image.Width, image.Height));
        Assert.Equal(pattern, Pixels(image));
    }

    [Fact]
    public void A_24_bit_bmp_decodes_to_the_same_pixels()
    {
        var pattern = Pattern();
        using var image = ImageCodec.Decode(IndependentEncoders.GrayAsBgrBmp(pattern, Width, Height));
        Assert.Equal(pattern, Pixels(image));
    }

    [Fact]
    public void Png_round_trip_is_lossless()
    {
        var pattern = Pattern();
        using var source = GrayImage.FromPixels(pattern, Width, Height, Width);
        using var image = ImageCodec.Decode(ImageCodec.EncodePng(source));
        Assert.Equal(pattern, Pixels(image));
    }

    [Fact]
    public void Jpeg_round_trip_stays_close_to_the_source()
    {
        var pattern = Pattern();
        using var source = GrayImage.FromPixels(pattern, Width, Height, Width);
        var jpeg = ImageCodec.EncodeJpeg(source, 95);
        Assert.Equal(ImageFileFormat.Jpeg, ImageProbe.Read(jpeg).Format);
        using var image = ImageCodec.Decode(jpeg);
        var decoded = Pixels(image);
        var meanError = pattern.Zip(decoded, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 3, $"mean absolute error {meanError}");
    }

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.Lzw)]
    public void Eight_bit_tiff_round_trip_is_lossless(TiffCompression compression)
    {
        var pattern = Pattern();
        using var source = GrayImage.FromPixels(pattern, Width, Height, Width);
        using var image = ImageCodec.Decode(ImageCodec.EncodeTiff([source], compression));
        Assert.Equal(pattern, Pixels(image));
    }

    [Fact]
    public void One_bit_group4_tiff_decodes_to_black_and_white_at_the_right_places()
    {
        var pattern = Pattern();
        using var source = GrayImage.FromPixels(pattern, Width, Height, Width);
        var tiff = ImageCodec.EncodeTiff([source], TiffCompression.Group4);
        using var image = ImageCodec.Decode(tiff);
        var expected = pattern.Select(v => v < 128 ? (byte)0 : (byte)255).ToArray();
        Assert.Equal(expected, Pixels(image));
        Assert.True(tiff.Length < pattern.Length / 8, "Group 4 should compress far below one bit per pixel");
    }

    [Fact]
    public void Each_page_of_a_multi_page_tiff_is_its_own_sheet()
    {
        using var first = GrayImage.Create(200, 300, 255);
        using var second = GrayImage.Create(250, 150, 255);
        using var third = GrayImage.Create(100, 100, 255);
        Raster.Fill(second, new PixelRect(10, 10, 20, 20), 0);
        Raster.Fill(third, new PixelRect(50, 50, 30, 30), 0);
        var tiff = ImageCodec.EncodeTiff([first, second, third], TiffCompression.Group4);

        var info = ImageProbe.Read(tiff);
        Assert.Equal(ImageFileFormat.Tiff, info.Format);
        Assert.Equal([new PageSize(200, 300), new PageSize(250, 150), new PageSize(100, 100)], info.Pages);

        using var page2 = ImageCodec.Decode(tiff, page: 1);
        using var page3 = ImageCodec.Decode(tiff, page: 2);
        Assert.Equal((250, 150), (page2.Width, page2.Height));
        Assert.Equal(0, page2[15, 15]);
        Assert.Equal(255, page2[40, 40]);
        Assert.Equal(0, page3[60, 60]);

        var e = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode(tiff, page: 3));
        Assert.Equal(ImageProblem.NoSuchPage, e.Problem);
    }

    [Fact]
    public void A_zero_byte_file_is_empty()
    {
        var e = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode([]));
        Assert.Equal(ImageProblem.Empty, e.Problem);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hello, this is a text file and not a scan.", "not an image")]
    [InlineData("%PDF-1.7\n%âãÏÓ\n1 0 obj", "PDF")]
    [InlineData("PK\u0003\u0004zipzipzip", "zip archive")]
    public void A_file_that_is_not_an_image_says_what_it_is(string content, string expected)
    {
        var e = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode(System.Text.Encoding.Latin1.GetBytes(content)));
        Assert.Equal(ImageProblem.NotAnImage, e.Problem);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phone_heic_photo_is_named_as_such()
    {
        byte[] heic = [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8];
        var e = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode(heic));
        Assert.Equal(ImageProblem.UnsupportedFormat, e.Problem);
        Assert.Contains("HEIC", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Formats => ["png", "jpeg", "tiff-lzw", "tiff-g4"];

    private static byte[] Encoded(string format)
    {
        var (page, _) = TestPages.FourCornerPage();
        using var _p = page;
        return format switch
        {
            "png" => ImageCodec.EncodePng(page),
            "jpeg" => ImageCodec.EncodeJpeg(page, 85),
            "tiff-lzw" => ImageCodec.EncodeTiff([page], TiffCompression.Lzw),
            _ => ImageCodec.EncodeTiff([page], TiffCompression.Group4),
        };
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_file_cut_short_is_truncated(string format)
    {
        var whole = Encoded(format);
        var e = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode(whole.AsSpan(0, whole.Length * 2 / 3)));
        Assert.Equal(ImageProblem.Truncated, e.Problem);
        Assert.Contains("cut short", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_with_damaged_data_is_corrupt()
    {
        var png = Encoded("png");
        for (var i = png.Length / 3; i < png.Length / 2; i += 7)
        {
            png[i] ^= 0x5A;
        }

        var e = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode(png));
        Assert.Equal(ImageProblem.Corrupt, e.Problem);
    }

    [Fact]
    public void An_oversized_image_is_refused_before_decoding()
    {
        // A PNG header claiming 100,000 x 100,000 pixels (a decompression bomb) with nothing behind it:
        // had the decoder run, it would have failed differently.
        var bomb = IndependentEncoders.GrayPng(new byte[16], 4, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 100_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 100_000);

        var e = Assert.Throws<ImageTooLargeException>(() => ImageCodec.Decode(bomb));
        Assert.Equal(ImageProblem.TooLarge, e.Problem);
        Assert.Equal((100_000, 100_000), (e.Width, e.Height));
        Assert.Contains("megapixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pixel_limit_is_a_setting()
    {
        var png = Encoded("png");
        Assert.Throws<ImageTooLargeException>(() => ImageCodec.Decode(png, options: new DecodeOptions { MaxPixels = 1_000_000 }));
        using var image = ImageCodec.Decode(png, options: new DecodeOptions { MaxPixels = 4_000_000 });
        Assert.Equal(TestPages.A4Width200Dpi, image.Width);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Damaged_files_raise_a_typed_error_and_the_process_lives_on(string format)
    {
        // Thousands of random damages to a real file: every outcome is an image or a typed exception, never a crash.
        var original = Encoded(format);
        var random = new Random(format.Length * 7919);
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < 300; round++)
        {
            var damaged = (byte[])original.Clone();
            var cut = random.Next(3) == 0 ? random.Next(1, damaged.Length) : damaged.Length;
            for (var k = random.Next(1, 40); k > 0; k--)
            {
                damaged[random.Next(Math.Min(cut, 4096))] = (byte)random.Next(256);
            }

            string outcome;
            try
            {
                using var image = ImageCodec.Decode(damaged.AsSpan(0, cut));
                outcome = "decoded";
            }
            catch (ImageDecodeException e)
            {
                outcome = e.Problem.ToString();
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.Equal(300, outcomes.Values.Sum());
        Assert.True(outcomes.Keys.Any(k => k != "decoded"), "damage this heavy must be noticed at least sometimes");
    }
}
