using System.Diagnostics;
using System.Globalization;

namespace BallotScan.Benchmarks;

/// <summary>
/// The reader benchmark's two measurements taken in turns: twenty decodes, then twenty full reads, round after round, and
/// the ratio of each round. BenchmarkDotNet measures the two one after the other, so on a shared machine whose speed
/// drifts (a virtual machine beside busy neighbours) its ratio drifts with it; the median of the rounds' ratios does not.
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
        }

        var (decodes, reads, ratios) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            var decode = Time(benchmark.Decode);
            var read = Time(benchmark.FullRead);
            (decodes, reads, ratios) = ([.. decodes, decode], [.. reads, read], [.. ratios, read / decode]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} rounds: decode median {Median(decodes):0.000} ms, full read median {Median(reads):0.000} ms; " +
            $"full read / decode per round: median {Median(ratios):0.000}, quartiles {Quantile(ratios, 0.25):0.000}–{Quantile(ratios, 0.75):0.000}"));
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
