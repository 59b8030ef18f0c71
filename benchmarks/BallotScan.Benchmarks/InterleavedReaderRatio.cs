using System.Diagnostics;
using System.Globalization;

namespace BallotScan.Benchmarks;

/// <summary>
/// The reader benchmark's measurements taken in turns: twenty decodes, twenty full reads of the file, twenty reads of
/// the image decoded whole, round after round, and the ratios of each round. BenchmarkDotNet measures them one after
/// the other, so on a shared machine whose speed drifts (a virtual machine beside busy neighbours) its ratio drifts with
/// it; the median of the rounds' ratios does not.
/// </summary>
internal static class InterleavedReaderRatio
{
    public static void Run(int rounds)
    {
        var benchmark = new ReaderBenchmarks();
        benchmark.SetUp();
        for (var i = 0; i < 200; i++)
        {
            benchmark.FullRead(); // warm: every method compiled at its final tier
            benchmark.ReadDecodedWhole();
        }

        var (decodes, reads, wholes) = (new List<double>(), new List<double>(), new List<double>());
        var (ratios, wholeRatios) = (new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            var decode = Time(benchmark.Decode);
            var read = Time(benchmark.FullRead);
            var whole = Time(benchmark.ReadDecodedWhole);
            decodes.Add(decode);
            reads.Add(read);
            wholes.Add(whole);
            ratios.Add(read / decode);
            wholeRatios.Add(whole / decode);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} rounds: decode median {Median(decodes):0.000} ms, full read median {Median(reads):0.000} ms; " +
            $"full read / decode per round: median {Median(ratios):0.000}, quartiles {Quantile(ratios, 0.25):0.000}–{Quantile(ratios, 0.75):0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the image decoded whole, then read: median {Median(wholes):0.000} ms, / decode per round: median {Median(wholeRatios):0.000}, " +
            $"quartiles {Quantile(wholeRatios, 0.25):0.000}–{Quantile(wholeRatios, 0.75):0.000}"));
    }

    private static double Time(Func<int> operation)
    {
        const int Repeats = 20;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Repeats; i++)
        {
            operation();
        }

        return clock.Elapsed.TotalMilliseconds / Repeats;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))];
    }
}
