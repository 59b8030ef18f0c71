using BallotScan.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

if (args.Length > 0 && args[0] == "--interleaved")
{
    InterleavedReaderRatio.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return;
}

if (args.Length > 0 && args[0] == "--county")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    CountyScale.Run(villages: Arg(1, 300), ballots: Arg(2, 2000), sample: Arg(3, 8));
    return;
}

// In-process: the native shim sits next to this program, and a 2-core machine has no cores to spare for a child process.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15))
    .AddColumn(StatisticColumn.Median)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(ImagingBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
