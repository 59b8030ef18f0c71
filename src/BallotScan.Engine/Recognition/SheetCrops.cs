using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>A small upright crop as a managed array: <see cref="Width"/> x <see cref="Height"/> pixels, row after row.</summary>
public readonly record struct CropPixels(byte[] Pixels, int Width, int Height);

/// <summary>Cuts regions of a located sheet out of its image, straightened and at a chosen scale.</summary>
public static class SheetCrops
{
    /// <summary>
    /// The part of the image that <paramref name="region"/> (layout millimetres) covers, warped upright to
    /// <paramref name="pixelsPerMm"/> pixels per millimetre, whatever the sheet's rotation or perspective on the image.
    /// </summary>
    public static GrayImage Upright(GrayImage image, Homography layoutToImage, RectMm region, double pixelsPerMm)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = Size(region, pixelsPerMm);
        var imageToCrop = Homography.Scale(pixelsPerMm, pixelsPerMm) * Homography.Translation(-region.X, -region.Y) * layoutToImage.Inverse();
        return ImageOps.Warp(image, imageToCrop, width, height);
    }

    /// <summary>The same crop as <see cref="Upright"/>, sampled in managed code into an array: for the reader's small box crops.</summary>
    public static CropPixels UprightPixels(GrayImage image, Homography layoutToImage, RectMm region, double pixelsPerMm)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = Size(region, pixelsPerMm);
        return new CropPixels(SmallWarp.Sample(image, CropToImage(layoutToImage, region, pixelsPerMm), width, height), width, height);
    }

    /// <summary>Where a pixel of the crop of <paramref name="region"/> at <paramref name="pixelsPerMm"/> lies on the image.</summary>
    public static Homography CropToImage(Homography layoutToImage, RectMm region, double pixelsPerMm) =>
        layoutToImage * Homography.Translation(region.X, region.Y) * Homography.Scale(1 / pixelsPerMm, 1 / pixelsPerMm);

    private static (int Width, int Height) Size(RectMm region, double pixelsPerMm) =>
        (Math.Max(1, (int)Math.Round(region.Width * pixelsPerMm)), Math.Max(1, (int)Math.Round(region.Height * pixelsPerMm)));
}
