using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Tests.Imaging;

public class ImageOpsTests
{
    private static GrayImage ThreeBoxesAndSpecks()
    {
        var page = GrayImage.Create(400, 300);
        Raster.Fill(page, new PixelRect(20, 20, 40, 40), 10);
        Raster.Fill(page, new PixelRect(100, 50, 60, 30), 30);
        Raster.Fill(page, new PixelRect(200, 200, 25, 50), 0);
        page[300, 100] = 0; // specks of one pixel
        page[350, 250] = 0;
        return page;
    }

    [Fact]
    public void Opening_removes_specks_smaller_than_the_kernel_and_keeps_the_boxes()
    {
        using var page = ThreeBoxesAndSpecks();
        using var binary = Ink(page);
        using var opened = ImageOps.Morphology(binary, MorphologyOperation.Open, KernelShape.Rectangle, 3, 3);

        var blobs = MaskComponents.Find(opened.ToPackedArray(), opened.Width, opened.Height, 255, eightConnected: true);

        Assert.Equal(3, blobs.Count);
        Assert.Equal(1800 + 1600 + 1250, blobs.Sizes.Sum());
    }

    [Fact]
    public void Adaptive_threshold_finds_a_faint_box_under_uneven_light()
    {
        // Light falling off from 250 to 120 across the page, as in a phone photo, and a box only 40 levels darker than its surround.
        using var page = GrayImage.Create(400, 300);
        for (var y = 0; y < page.Height; y++)
        {
            var row = page.Row(y);
            for (var x = 0; x < page.Width; x++)
            {
                row[x] = (byte)(250 - (130 * x / page.Width));
            }
        }

        foreach (var x0 in new[] { 40, 300 })
        {
            for (var y = 100; y < 140; y++)
            {
                for (var x = x0; x < x0 + 40; x++)
                {
                    if (x < x0 + 3 || x >= x0 + 37 || y < 103 || y >= 137)
                    {
                        page[x, y] = (byte)(page[x, y] - 40);
                    }
                }
            }
        }

        using var binary = ImageOps.ThresholdAdaptive(page, 31, 10);
        var blobs = MaskComponents.Find(binary.ToPackedArray(), binary.Width, binary.Height, 255, eightConnected: true);

        // Two boxes, each its whole 3-pixel frame of 40 x 40 (444 pixels), and nothing of the falling light.
        Assert.Equal([444, 444], blobs.Sizes.Where(n => n > 100));
        foreach (var x0 in new[] { 40, 300 })
        {
            Assert.Equal((255, 255, 0), (binary[x0, 100], binary[x0 + 39, 139], binary[x0 + 20, 120]));
        }
    }

    [Fact]
    public void Warping_by_a_transform_moves_ink_to_where_the_transform_maps_it()
    {
        using var page = ThreeBoxesAndSpecks();
        var transform = Homography.Rotation(90, new PointD(200, 150)) ;
        using var turned = ImageOps.Warp(page, transform, 400, 300, Interpolation.Nearest);

        var centre = transform.Map(new PointD(212, 225)); // centre of the third box
        Assert.Equal(0, turned[(int)Math.Round(centre.X), (int)Math.Round(centre.Y)]);
        Assert.Equal(255, turned[(int)Math.Round(centre.X) + 40, (int)Math.Round(centre.Y)]);
    }

    [Fact]
    public void Resize_by_area_halves_a_page()
    {
        using var page = ThreeBoxesAndSpecks();
        using var half = ImageOps.Resize(page, 200, 150);
        Assert.Equal((200, 150), (half.Width, half.Height));
        Assert.Equal(10, half[20, 20]);
    }

    [Fact]
    public void A_homography_and_its_inverse_cancel()
    {
        var h = Homography.Translation(12, -7) * Homography.Rotation(17, new PointD(3, 4)) * new Homography(1, 0.01, 0, 0.02, 1, 0, 1e-5, 2e-5, 1);
        var p = new PointD(123.4, 567.8);
        Assert.True(h.Inverse().Map(h.Map(p)).DistanceTo(p) < 1e-9);
    }

    [Fact]
    public void Crop_copies_the_region_and_refuses_one_outside_the_image()
    {
        using var page = ThreeBoxesAndSpecks();
        using var crop = page.Crop(new PixelRect(90, 40, 80, 50));
        Assert.Equal((80, 50), (crop.Width, crop.Height));
        Assert.Equal(30, crop[10, 10]);
        Assert.Equal(255, crop[5, 5]);
        Assert.Throws<ArgumentException>(() => page.Crop(new PixelRect(1000, 1000, 5, 5)));
    }

    [Fact]
    public void A_disposed_image_cannot_be_used()
    {
        var page = GrayImage.Create(10, 10);
        page.Dispose();
        Assert.Throws<ObjectDisposedException>(() => page[1, 1]);
        Assert.Throws<ObjectDisposedException>(() => QrReader.Read(page));
    }

    /// <summary>Ink (darker than mid-gray) as 255, paper as 0.</summary>
    private static GrayImage Ink(GrayImage page)
    {
        var ink = GrayImage.Create(page.Width, page.Height, 0);
        for (var y = 0; y < page.Height; y++)
        {
            var from = page.Row(y);
            var to = ink.Row(y);
            for (var x = 0; x < from.Length; x++)
            {
                to[x] = from[x] < 128 ? (byte)255 : (byte)0;
            }
        }

        return ink;
    }
}
