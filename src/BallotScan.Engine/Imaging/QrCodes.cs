using System.Text;
using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Imaging;

/// <summary>A QR code found in an image: its text and its four corners in whole-image pixel coordinates.</summary>
/// <param name="Text">The decoded text (UTF-8).</param>
/// <param name="Corners">Top-left, top-right, bottom-right and bottom-left of the symbol as printed, wherever they lie in the image.</param>
/// <param name="OrientationDegrees">How far the symbol is turned from upright (0, 90, 180, 270 or anything between).</param>
public sealed record QrSymbol(string Text, IReadOnlyList<PointD> Corners, int OrientationDegrees);

/// <summary>Options for <see cref="QrReader.Read(GrayImage, PixelRect?, QrReadOptions?)"/>. A plain value.</summary>
public readonly record struct QrReadOptions()
{
    /// <summary>
    /// Scan every row and try rotations (zxing-cpp's default). Needed for a whole skewed page; a tight corner crop
    /// also reads without it, faster.
    /// </summary>
    public bool TryHarder { get; init; } = true;

    /// <summary>
    /// Stop after this many codes (0: every code in the region). zxing tries its candidate finder patterns in turn; a
    /// crop that should hold one code is read faster when it stops at the first that decodes.
    /// </summary>
    public int MaxSymbols { get; init; }
}

/// <summary>Reads QR codes with zxing-cpp. Reading a corner crop is about 20 times faster than the whole page.</summary>
public static class QrReader
{
    private const int Capacity = 16;

    /// <summary>Regions smaller than this on both sides are read by zxing at their own size only (no downscaled copies).</summary>
    private const int DownscaleThreshold = 500;

    /// <summary>Every QR code inside <paramref name="region"/> (the whole image when null). Thread-safe.</summary>
    public static IReadOnlyList<QrSymbol> Read(GrayImage image, PixelRect? region = null, QrReadOptions? options = null) =>
        Read(image, region, options, managedBinarizer: true);

    /// <summary>
    /// As the public call. A region zxing reads at its own size (a corner crop) is binarized here (<see cref="QrBinarizer"/>,
    /// the same black and white as zxing's own) unless <paramref name="managedBinarizer"/> is false (tests compare both).
    /// </summary>
    internal static IReadOnlyList<QrSymbol> Read(GrayImage image, PixelRect? region, QrReadOptions? options, bool managedBinarizer)
    {
        ArgumentNullException.ThrowIfNull(image);
        var r = (region ?? image.Bounds).Intersect(image.Bounds);
        var o = options ?? new QrReadOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(o.MaxSymbols);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.MaxSymbols, byte.MaxValue);
        image.RequireRows(r.Y, r.Bottom);
        if (!managedBinarizer || r.Width < QrBinarizer.MinimumSide || r.Height < QrBinarizer.MinimumSide || Math.Max(r.Width, r.Height) >= DownscaleThreshold)
        {
            return Zxing(image, r, o, binarized: false);
        }

        using var black = GrayImage.Create(r.Width, r.Height);
        QrBinarizer.LocalAverage(image.Pixels[((r.Y * image.Stride) + r.X)..], r.Width, r.Height, image.Stride, black.Pixels, black.Stride);
        return Zxing(black, black.Bounds, o, binarized: true)
            .Select(s => s with { Corners = s.Corners.Select(c => new PointD(c.X + r.X, c.Y + r.Y)).ToList() })
            .ToList();
    }

    private static unsafe QrSymbol[] Zxing(GrayImage image, PixelRect r, QrReadOptions options, bool binarized)
    {
        var capacity = Capacity;
        while (true)
        {
            var buffer = new ShimMethods.QrSymbolNative[capacity];
            int count;
            fixed (ShimMethods.QrSymbolNative* p = buffer)
            {
                ShimMethods.Check(ShimMethods.QrRead(image.Handle, r.X, r.Y, r.Width, r.Height, options.TryHarder ? 1 : 0, binarized ? 1 : 0, options.MaxSymbols, p, capacity, out count), "QR read");
            }

            if (count > capacity)
            {
                capacity = count;
                continue;
            }

            var symbols = new QrSymbol[count];
            for (var i = 0; i < count; i++)
            {
                symbols[i] = ToSymbol(ref buffer[i]);
            }

            return symbols;
        }
    }

    private static unsafe QrSymbol ToSymbol(ref ShimMethods.QrSymbolNative s)
    {
        var corners = new PointD[4];
        for (var k = 0; k < 4; k++)
        {
            corners[k] = new PointD(s.X[k], s.Y[k]);
        }

        fixed (byte* text = s.Text)
        {
            var length = Math.Min(s.TextLength, 1023);
            return new QrSymbol(Encoding.UTF8.GetString(text, length), corners, s.OrientationDegrees);
        }
    }
}

/// <summary>QR error correction: how much of the symbol may be lost and still read (L 7 %, M 15 %, Q 25 %, H 30 %).</summary>
public enum QrErrorCorrection
{
    L = 0,
    M = 1,
    Q = 2,
    H = 3,
}

/// <summary>The module matrix of a QR code, without its quiet zone: <see cref="Size"/> x <see cref="Size"/> modules.</summary>
public sealed class QrMatrix
{
    private readonly byte[] _modules;

    internal QrMatrix(int size, byte[] modules)
    {
        Size = size;
        _modules = modules;
    }

    public int Size { get; }

    /// <summary>Whether the module in <paramref name="row"/>, <paramref name="column"/> is dark.</summary>
    public bool IsDark(int row, int column) => _modules[(row * Size) + column] != 0;

    /// <summary>Encodes <paramref name="text"/> (UTF-8) as a QR code, in the smallest version that holds it.</summary>
    public static unsafe QrMatrix Encode(string text, QrErrorCorrection errorCorrection = QrErrorCorrection.M)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int capacity = 177 * 177;
        var modules = new byte[capacity];
        fixed (byte* p = modules)
        {
            ShimMethods.Check(ShimMethods.QrEncode(text, (int)errorCorrection, p, capacity, out var size), "QR encode");
            return new QrMatrix(size, modules[..(size * size)]);
        }
    }
}
