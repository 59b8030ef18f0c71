using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;
using BenchmarkDotNet.Attributes;

namespace BallotScan.Benchmarks;

/// <summary>
/// A full read of one 200 dpi A4 grayscale JPEG ballot file, as every count reads it (<see cref="BallotReader.ReadFile"/>:
/// its hash, its header, the decode, locate, register, read every box), against decoding that JPEG alone,
/// single-threaded. The sheet is a synthetic scanner sheet of the villagers' committee example. The reader decodes only
/// the rows it reads (rows skipped are still read from the file, not turned into pixels); the third measurement is the
/// reading of the image decoded whole, as before that.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private byte[] _jpeg = [];
    private BallotReader? _reader;

    [GlobalSetup]
    public void SetUp()
    {
        var definition = ElectionJson.Load(RepositoryRoot.File("examples/villagers-committee.json"));
        var options = new SynthesisOptions { Seed = 77, BilevelTiffShare = 0, UpsideDownRate = 0, StreakRate = 0 };
        using var synthesizer = new BallotSynthesizer(definition, options);
        _jpeg = Enumerable.Range(0, 100).Select(synthesizer.Generate).First(s => s.Truth.Kind == SheetKind.Ballot && s.Extension == ".jpg").Bytes;
        _reader = new BallotReader([LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian)], MarkClassifier.Shipped);
        var check = _reader.ReadFile(_jpeg, "benchmark")[0];
        if (!check.Accepted || check.Positions.Count != 13)
        {
            throw new InvalidOperationException("The benchmark sheet does not read: the benchmark would measure a failure.");
        }

        Console.WriteLine($"// sheet: {_jpeg.Length / 1024} KiB JPEG, {check.Positions.Count} positions");
    }

    [Benchmark(Baseline = true, Description = "decode the ballot JPEG")]
    public int Decode()
    {
        using var image = ImageCodec.Decode(_jpeg);
        return image.Width;
    }

    [Benchmark(Description = "full read of the file: decode, locate, register, read 13 boxes")]
    public int FullRead() => _reader!.ReadFile(_jpeg, "benchmark")[0].Positions.Count;

    [Benchmark(Description = "read of the image decoded whole")]
    public int ReadDecodedWhole()
    {
        using var image = ImageCodec.Decode(_jpeg);
        return _reader!.Read(image).Positions.Count;
    }
}

/// <summary>Files of the repository, found from the benchmark's folder (it runs from anywhere below the root).</summary>
internal static class RepositoryRoot
{
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "BallotScan.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), relative);
    }
}
