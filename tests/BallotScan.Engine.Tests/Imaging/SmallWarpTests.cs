using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Tests.Imaging;

/// <summary>The reader's managed warp samples the same picture as OpenCV's warp, inside the image and at its edges.</summary>
public class SmallWarpTests
{
    /// <summary>A page with gradients and hard edges: every kind of pixel neighbourhood a crop meets.</summary>
    private static GrayImage Page()
    {
        var page = GrayImage.Create(300, 200);
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width; x++)
            {
                page[x, y] = (byte)((x * 7) + (y * 3) + ((x / 9 + y / 13) % 2 == 0 ? 0 : 90));
            }
        }

        return page;
    }

    public static TheoryData<string, Homography> Transforms() => new()
    {
        { "a scanner's turn and scale", Homography.Translation(120, 80) * Homography.Rotation(3.7, new PointD(0, 0)) * Homography.Scale(1.97, 1.97) },
        { "a photo's perspective", new Homography(1.8, 0.21, 60, -0.12, 2.05, 40, 0.0009, 0.0004, 1) },
        { "a crop reaching beyond the image", Homography.Translation(-20, 150) * Homography.Scale(2, 2) },
    };

    [Theory]
    [MemberData(nameof(Transforms))]
    public void The_crop_matches_OpenCVs_warp_within_the_rounding_of_its_weights(string what, Homography cropToImage)
    {
        using var page = Page();
        const int width = 82, height = 70;

        var managed = SmallWarp.Sample(page, cropToImage, width, height);
        using var opencv = ImageOps.Warp(page, cropToImage.Inverse(), width, height);

        // OpenCV places a sample to 1/32 of a pixel, this warp to 1/256: across the page's sharpest edge (about 100 levels in
        // one pixel) that is up to 4 levels, and a level of rounding. Anything more would be a misplaced sample.
        var reference = opencv.ToPackedArray();
        var worst = Enumerable.Range(0, managed.Length).Max(i => Math.Abs(managed[i] - reference[i]));
        Assert.True(worst <= 5, $"{what}: a pixel differs by {worst} levels from OpenCV's");
        Assert.True(Enumerable.Range(0, managed.Length).Average(i => Math.Abs(managed[i] - reference[i])) < 0.5, $"{what}: on average more than half a level from OpenCV's");
    }

    [Fact]
    public void Pixels_beyond_the_image_take_the_border_value()
    {
        using var page = GrayImage.Create(50, 50, fill: 0);

        var crop = SmallWarp.Sample(page, Homography.Translation(100, 100), 10, 10, border: 255);

        Assert.All(crop, v => Assert.Equal(255, v));
    }
}
