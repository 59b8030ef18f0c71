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
        RequireSourceRows(image, layoutToImage, region, pixelsPerMm, width, height);
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
        RequireSourceRows(image, layoutToImage, region, pixelsPerMm, width, height);
        var pixels = System.Buffers.ArrayPool<byte>.Shared.Rent(width * height);
        CropSampler.Warp(image, imageToCrop, width, height, pixels);
        return (pixels, width, height);
    }

    /// <summary>
    /// The image rows a crop of <paramref name="region"/> reads: those its four corner pixels fall on (a sheet's
    /// perspective keeps the crop's edges straight, so no pixel of it lies above or below all four), one more below for
    /// the interpolation and one either side for rounding. Rows off the image are left out.
    /// </summary>
    internal static (int Top, int Bottom) SourceRows(Homography layoutToImage, RectMm region, double pixelsPerMm, int height)
    {
        var (width, cropHeight, _) = CropGeometry(layoutToImage, region, pixelsPerMm);
        return SourceRows(layoutToImage, region, pixelsPerMm, width, cropHeight, height);
    }

    private static (int Top, int Bottom) SourceRows(Homography layoutToImage, RectMm region, double pixelsPerMm, int width, int height, int imageHeight)
    {
        var (right, bottom) = (region.X + ((width - 1) / pixelsPerMm), region.Y + ((height - 1) / pixelsPerMm));
        var (a, b) = (layoutToImage.Map(new PointD(region.X, region.Y)).Y, layoutToImage.Map(new PointD(right, region.Y)).Y);
        var (c, d) = (layoutToImage.Map(new PointD(region.X, bottom)).Y, layoutToImage.Map(new PointD(right, bottom)).Y);
        var top = Math.Floor(Math.Min(Math.Min(a, b), Math.Min(c, d))) - 1;
        var last = Math.Floor(Math.Max(Math.Max(a, b), Math.Max(c, d))) + 2;
        return ((int)Math.Clamp(top, 0, imageHeight), (int)Math.Clamp(last + 1, 0, imageHeight));
    }

    /// <summary>Refuses a crop of an image still being decoded that would read rows without pixels.</summary>
    private static void RequireSourceRows(GrayImage image, Homography layoutToImage, RectMm region, double pixelsPerMm, int width, int height)
    {
        if (image.Decoded is not null)
        {
            var (top, bottom) = SourceRows(layoutToImage, region, pixelsPerMm, width, height, image.Height);
            image.RequireRows(top, bottom);
        }
    }

    /// <summary>The crop's size in pixels and the transform from image pixels to crop pixels.</summary>
    private static (int Width, int Height, Homography ImageToCrop) CropGeometry(Homography layoutToImage, RectMm region, double pixelsPerMm) =>
        (Math.Max(1, (int)Math.Round(region.Width * pixelsPerMm)),
         Math.Max(1, (int)Math.Round(region.Height * pixelsPerMm)),
         Homography.Scale(pixelsPerMm, pixelsPerMm) * Homography.Translation(-region.X, -region.Y) * layoutToImage.Inverse());
}
