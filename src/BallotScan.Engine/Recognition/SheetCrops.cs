using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

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
        var (width, height, imageToCrop) = CropGeometry(layoutToImage, region, pixelsPerMm);
        return ImageOps.Warp(image, imageToCrop, width, height);
    }

    /// <summary>
    /// The same crop as <see cref="Upright"/>, pixel for pixel, as a managed array (rows packed): for the reader's many
    /// small crops, sampled without a native image each (<see cref="CropSampler"/>). The array is rented from
    /// <see cref="System.Buffers.ArrayPool{T}.Shared"/> and may be longer than the crop: give it back when done.
    /// </summary>
    internal static (byte[] Pixels, int Width, int Height) RentUprightPixels(GrayImage image, Homography layoutToImage, RectMm region, double pixelsPerMm)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height, imageToCrop) = CropGeometry(layoutToImage, region, pixelsPerMm);
        var pixels = System.Buffers.ArrayPool<byte>.Shared.Rent(width * height);
        CropSampler.Warp(image, imageToCrop, width, height, pixels);
        return (pixels, width, height);
    }

    /// <summary>The crop's size in pixels and the transform from image pixels to crop pixels.</summary>
    private static (int Width, int Height, Homography ImageToCrop) CropGeometry(Homography layoutToImage, RectMm region, double pixelsPerMm) =>
        (Math.Max(1, (int)Math.Round(region.Width * pixelsPerMm)),
         Math.Max(1, (int)Math.Round(region.Height * pixelsPerMm)),
         Homography.Scale(pixelsPerMm, pixelsPerMm) * Homography.Translation(-region.X, -region.Y) * layoutToImage.Inverse());
}
