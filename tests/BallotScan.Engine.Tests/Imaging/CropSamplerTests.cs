using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Tests.Imaging;

/// <summary>
/// The reader's managed crops are OpenCV's warp, pixel for pixel: the reader's calibration and held-out record were
/// measured on OpenCV's samples, so "faster" must not mean "different".
/// </summary>
public class CropSamplerTests
{
    /// <summary>A page with gradients, hard edges and noise: every kind of neighbourhood a crop meets.</summary>
    private static GrayImage Page()
    {
        var random = new Random(11);
        var page = GrayImage.Create(301, 203);
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                // Waves and a checkerboard that stay inside 0..255, so that neighbouring pixels differ everywhere.
                var wave = 110 + (50 * Math.Sin(x / 4.0)) + (30 * Math.Cos(y / 6.0));
                page[x, y] = (byte)Math.Clamp(wave + (((x / 9) + (y / 13)) % 2 * 40) + random.Next(-20, 20), 0, 255);
            }
        }

        return page;
    }

    /// <summary>Source-to-crop transforms as the reader builds them: a scanner's turn and scale, a photo's perspective, crops over the edge.</summary>
    public static TheoryData<string, Homography> Transforms() => new()
    {
        { "a scanner's turn, scale and a trace of perspective", (Homography.Rotation(3.7, new PointD(0, 0)) * Homography.Scale(1.97, 1.97) * Homography.Translation(-120, -80)) * new Homography(1, 0, 0, 0, 1, 0, 1e-7, -2e-7, 1) },
        { "the reader's own scale: 8 px/mm from a 200 dpi scan, a slight turn", (Homography.Rotation(0.8, new PointD(0, 0)) * Homography.Scale(1.016, 1.016) * Homography.Translation(-40, -30)) * new Homography(1, 0, 0, 0, 1, 0, 2e-7, 1e-7, 1) },
        { "a crop at less than half the image's scale", Homography.Scale(0.43, 0.45) * new Homography(1, 0, 0, 0, 1, 0, 1e-6, -1e-6, 1) },
        { "a photo's perspective", new Homography(1.8, 0.21, 60, -0.12, 2.05, 40, 0.0009, 0.0004, 1).Inverse() },
        { "a crop reaching beyond the top left of the image", (Homography.Translation(-20, -15) * Homography.Scale(2.03, 1.98)).Inverse() * new Homography(1, 0, 0, 0, 1, 0, 3e-6, 1e-6, 1) },
        { "a crop reaching beyond the bottom right of the image", (Homography.Translation(250, 170) * Homography.Rotation(-1.2, new PointD(0, 0)) * Homography.Scale(2, 2)).Inverse() * new Homography(1, 0, 0, 0, 1, 0, -1e-6, 2e-6, 1) },
        { "an affine crop (handed to OpenCV)", Homography.Translation(-30, -40) },
    };

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Every_pixel_equals_OpenCVs_warp(string what, Homography imageToCrop)
    {
        using var page = Page();
        foreach (var (width, height) in new[] { (165, 131), (61, 7), (1, 1) })
        {
            using var opencv = ImageOps.Warp(page, imageToCrop, width, height);
            var expected = opencv.ToPackedArray();
            foreach (var vectors in new[] { true, false })
            {
                var crop = new byte[width * height];
                CropSampler.Warp(page, imageToCrop, width, height, crop, border: 255, vectors);
                var differing = Enumerable.Range(0, crop.Length).Count(i => crop[i] != expected[i]);
                Assert.True(differing == 0, $"{what}, {width} x {height}, vectors {vectors}: {differing} pixels differ from OpenCV's");
            }
        }
    }

    [Fact]
    public void An_image_too_small_for_the_vector_path_is_sampled_as_OpenCV_does()
    {
        foreach (var (w, h) in new[] { (3, 5), (6, 1), (1, 1) })
        {
            using var page = GrayImage.Create(w, h);
            for (var i = 0; i < w * h; i++)
            {
                page[i % w, i / w] = (byte)(40 + (i * 37 % 200));
            }

            var transform = Homography.Scale(4.1, 3.9) * new Homography(1, 0, 0, 0, 1, 0, 1e-4, 2e-4, 1);
            using var opencv = ImageOps.Warp(page, transform, 24, 20);
            var crop = new byte[24 * 20];
            CropSampler.Warp(page, transform, 24, 20, crop, border: 255, vectors: true);
            Assert.Equal(opencv.ToPackedArray(), crop);
        }
    }

    [Fact]
    public void Pixels_beyond_the_image_take_the_border_value()
    {
        using var page = GrayImage.Create(50, 50, fill: 0);
        var crop = new byte[100];

        CropSampler.Warp(page, Homography.Translation(-100, -100) * new Homography(1, 0, 0, 0, 1, 0, 1e-6, 0, 1), 10, 10, crop, border: 255);

        Assert.All(crop, v => Assert.Equal(255, v));
    }
}
