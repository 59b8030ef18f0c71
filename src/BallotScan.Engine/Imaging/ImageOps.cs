using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Imaging;

/// <summary>How pixel values are taken between pixel centres when an image is warped or resized.</summary>
public enum Interpolation
{
    Nearest = 0,
    Linear = 1,

    /// <summary>Averaging over the source area: the right choice when shrinking.</summary>
    Area = 2,
}

/// <summary>A morphological operation on a binary image (ink = 255).</summary>
public enum MorphologyOperation
{
    Erode = 0,
    Dilate = 1,

    /// <summary>Erode then dilate: removes specks smaller than the kernel.</summary>
    Open = 2,

    /// <summary>Dilate then erode: closes gaps smaller than the kernel.</summary>
    Close = 3,
}

/// <summary>The shape of a morphology kernel.</summary>
public enum KernelShape
{
    Rectangle = 0,
    Cross = 1,
    Ellipse = 2,
}

/// <summary>Pixel operations through OpenCV. Every call returns a new image and leaves its input alone. Thread-safe.</summary>
public static unsafe class ImageOps
{
    /// <summary>
    /// Warps <paramref name="image"/> by <paramref name="transform"/> (source pixel to destination pixel) onto a
    /// <paramref name="width"/> x <paramref name="height"/> canvas; uncovered pixels take <paramref name="border"/>.
    /// </summary>
    public static GrayImage Warp(GrayImage image, Homography transform, int width, int height,
        Interpolation interpolation = Interpolation.Linear, byte border = 255)
    {
        ArgumentNullException.ThrowIfNull(image);
        var m = transform.ToArray();
        fixed (double* p = m)
        {
            var status = ShimMethods.WarpPerspective(image.Handle, p, width, height, (int)interpolation, border, out var handle);
            return GrayImage.FromNative(status, handle, "warp");
        }
    }

    /// <summary>The image scaled to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static GrayImage Resize(GrayImage image, int width, int height, Interpolation interpolation = Interpolation.Area)
    {
        ArgumentNullException.ThrowIfNull(image);
        var status = ShimMethods.Resize(image.Handle, width, height, (int)interpolation, out var handle);
        return GrayImage.FromNative(status, handle, "resize");
    }

    /// <summary>
    /// Adaptive threshold against the mean of a <paramref name="blockSize"/> neighbourhood minus <paramref name="offset"/>:
    /// robust to the uneven light of camera photos.
    /// </summary>
    public static GrayImage ThresholdAdaptive(GrayImage image, int blockSize, double offset, bool inkIsWhite = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        var status = ShimMethods.ThresholdAdaptive(image.Handle, blockSize, offset, inkIsWhite ? 1 : 0, out var handle);
        return GrayImage.FromNative(status, handle, "adaptive threshold");
    }

    /// <summary>Erode, dilate, open or close with a kernel of the given shape and size.</summary>
    public static GrayImage Morphology(GrayImage image, MorphologyOperation operation, KernelShape shape, int kernelWidth, int kernelHeight, int iterations = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        var status = ShimMethods.Morphology(image.Handle, (int)operation, (int)shape, kernelWidth, kernelHeight, iterations, out var handle);
        return GrayImage.FromNative(status, handle, "morphology");
    }

    /// <summary>Gaussian blur with standard deviation <paramref name="sigma"/> pixels.</summary>
    public static GrayImage GaussianBlur(GrayImage image, double sigma)
    {
        ArgumentNullException.ThrowIfNull(image);
        var status = ShimMethods.GaussianBlur(image.Handle, sigma, out var handle);
        return GrayImage.FromNative(status, handle, "blur");
    }
}
