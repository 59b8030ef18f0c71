using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BenchmarkDotNet.Attributes;

namespace BallotScan.Benchmarks;

/// <summary>Decoding a 200 dpi A4 grayscale scan, and reading its QR codes from a corner crop versus the whole page.</summary>
[MemoryDiagnoser]
public class ImagingBenchmarks
{
    private byte[] _jpeg = [];
    private byte[] _png = [];
    private byte[] _tiffGroup4 = [];
    private GrayImage? _page;
    private PixelRect _topLeftCrop;

    [GlobalSetup]
    public void SetUp()
    {
        using var drawn = BallotLikePage.Draw();
        _jpeg = ImageCodec.EncodeJpeg(drawn, 85);
        _png = ImageCodec.EncodePng(drawn);
        _tiffGroup4 = ImageCodec.EncodeTiff([drawn], TiffCompression.Group4);
        _page = ImageCodec.Decode(_jpeg);
        _topLeftCrop = new PixelRect(0, 0, _page.Width / 4, _page.Height / 6);
        Console.WriteLine($"// A4 200 dpi: JPEG q85 {_jpeg.Length / 1024} KiB, PNG {_png.Length / 1024} KiB, TIFF G4 {_tiffGroup4.Length / 1024} KiB");
        if (QrReader.Read(_page, _topLeftCrop, new QrReadOptions { TryHarder = false }).Count != 1 || QrReader.Read(_page).Count != 4)
        {
            throw new InvalidOperationException("The benchmark page does not read: the benchmark would measure a failure.");
        }
    }

    [GlobalCleanup]
    public void CleanUp() => _page?.Dispose();

    [Benchmark(Description = "decode JPEG (A4, 200 dpi)")]
    public int DecodeJpeg()
    {
        using var image = ImageCodec.Decode(_jpeg);
        return image.Width;
    }

    [Benchmark(Description = "decode PNG (A4, 200 dpi)")]
    public int DecodePng()
    {
        using var image = ImageCodec.Decode(_png);
        return image.Width;
    }

    [Benchmark(Description = "decode TIFF G4 (A4, 200 dpi)")]
    public int DecodeTiffGroup4()
    {
        using var image = ImageCodec.Decode(_tiffGroup4);
        return image.Width;
    }

    [Benchmark(Description = "QR: one corner crop")]
    public int QrCornerCrop() => QrReader.Read(_page!, _topLeftCrop, new QrReadOptions { TryHarder = false }).Count;

    [Benchmark(Description = "QR: whole page (try harder)")]
    public int QrWholePage() => QrReader.Read(_page!).Count;
}
