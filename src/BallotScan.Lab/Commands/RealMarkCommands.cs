using System.CommandLine;
using System.Globalization;
using BallotScan.Lab.Evaluation;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;
using BallotScan.Lab.Fitting;
using BallotScan.Host.Text;

namespace BallotScan.Lab.Commands;

/// <summary>
/// `ballotscan real-marks pack`: real hand-drawn shapes into the one file the generator and calibration read;
/// `real-marks separability`: how far a writer's ○ can be told from their other drawings by the ink alone.
/// </summary>
internal static class RealMarkCommands
{
    public const string DefaultPack = "calibration/real-marks/hand-drawn-shapes.bin.gz";
    public const string DefaultRelabelled = "calibration/real-marks/relabelled.csv";

    public static Command Create()
    {
        var dataset = new Argument<DirectoryInfo>("dataset") { Description = Cli.T("手绘图形数据集的文件夹（user.<id>/images/<shape>/*.png）。") };
        var relabelled = new Option<FileInfo>("--relabelled") { Description = Cli.T("人工判读表"), DefaultValueFactory = _ => new FileInfo(DefaultRelabelled) };
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.T("输出文件"), DefaultValueFactory = _ => new FileInfo(DefaultPack) };
        var pack = new Command("pack", Cli.T("把真实手绘图形打包为一个文件")) { dataset, relabelled, output };
        pack.SetAction(parse => Pack(parse.GetValue(dataset)!, parse.GetValue(relabelled)!, parse.GetValue(output)!));
        return new Command("real-marks", Cli.T("真实手写符号")) { pack, SeparabilityCommand() };
    }

    /// <summary>The fits `real-marks separability --fit` takes, by the name the command line gives them.</summary>
    private static readonly Dictionary<string, SeparabilityFit> s_fits = new(StringComparer.Ordinal)
    {
        ["own"] = SeparabilityFit.Own,
        ["other-folds"] = SeparabilityFit.OtherFolds,
        ["both"] = SeparabilityFit.Both,
    };

    private static Command SeparabilityCommand()
    {
        var writer = new Argument<string>("writer") { Description = Cli.T("书写者代号（如 if8）。") };
        var fit = new Option<string>("--fit")
        {
            Description = Cli.T("网络见过什么：own（只有该书写者的偶数号图形）、other-folds（只有其他组的书写者）或 both（两者）。"),
            DefaultValueFactory = _ => "both",
        };
        fit.AcceptOnlyFromAmong([.. s_fits.Keys]);
        var realMarks = new Option<FileInfo>("--real-marks") { Description = Cli.T("真实图形包"), DefaultValueFactory = _ => new FileInfo(DefaultPack) };
        var seed = new Option<int>("--shape-net-seed") { Description = Cli.T("形状网络拟合的随机种子。"), DefaultValueFactory = _ => 1 };
        var command = new Command("separability", Cli.T("单凭墨迹能否把一位书写者的圆 ○ 与其他图形分开：用形状网络拟合后，在该书写者从未拟合过的奇数号图形上测量（问题 17）。"))
        {
            writer, fit, realMarks, seed,
        };
        command.SetAction(parse => Separability(parse.GetValue(writer)!, s_fits[parse.GetValue(fit)!], parse.GetValue(realMarks)!, parse.GetValue(seed)));
        return command;
    }

    private static int Separability(string writer, SeparabilityFit fit, FileInfo realMarks, int seed)
    {
        if (!realMarks.Exists)
        {
            Console.Error.WriteLine(Cli.T("找不到真实图形包 {0}", realMarks.FullName));
            return 1;
        }

        var set = RealMarkSet.Load(realMarks.FullName);
        var known = RealMarkFolds.Folds.SelectMany(f => f).Where(w => set.Writers.Contains(w, StringComparer.Ordinal)).ToList();
        if (!known.Contains(writer, StringComparer.Ordinal))
        {
            Console.Error.WriteLine(Cli.T("没有书写者「{0}」；可用的有：{1}。", writer, known));
            return 1;
        }

        var options = new ShapeNetFit.Options { Seed = seed };
        var figures = CliProgress.Run(Cli.T("拟合形状网络"), options.Epochs, bar =>
        {
            var done = 0;
            return WriterSeparability.Run(set, writer, fit, options, new Progress<string>(_ => bar.Done(Interlocked.Increment(ref done))));
        });
        Console.WriteLine(Cli.T("书写者 {0}：网络拟合了 {1} 个图形；在其 {2} 个圆 ○ 和 {3} 个其他图形（奇数号，未拟合）上测量。", writer, figures.FitDrawings, figures.Circles, figures.Others));
        Say(figures);
        if (figures.AmongPolygons is { } polygons)
        {
            Console.WriteLine(Cli.T("  其中只看矩形和三角形（{0} 个）：", polygons.Others));
            Say(polygons);
        }

        Console.WriteLine(Cli.T("  网络最拿不准的圆 ○（最不像 ○ 的在前）：{0}", string.Join(' ', figures.CirclesLeastLike)));
        return 0;
    }

    /// <summary>What counting none of the other drawings costs, and what sending only the target share of ○ to a person lets through.</summary>
    private static void Say(SeparabilityFigures figures)
    {
        var none = Percent(figures.CircleReviewToCountNone);
        var highest = figures.HighestOther is { } h ? h.ToString("0.######", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine(Cli.T("  要不计入任何其他图形（阈值须高于 {0}，{1}）：{2} 的圆 ○ 须交人工。", highest, figures.HighestOtherSource, none));
        var target = Percent(figures.TargetReview);
        var threshold = figures.ThresholdAtTarget.ToString("0.######", CultureInfo.InvariantCulture);
        Console.WriteLine(Cli.T("  只让 {0} 的圆 ○ 交人工（阈值 {1}）：其他图形被计入 {2} 个 {3}", target, threshold, figures.OthersCountedAtTarget.Count, string.Join(' ', figures.OthersCountedAtTarget.Take(12))));
    }

    private static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>Reads source,symbol,note lines (a header first): drawings a person reads as another symbol than their folder says.</summary>
    public static IReadOnlyDictionary<string, MarkSymbol> ReadRelabelled(FileInfo file)
    {
        var result = new Dictionary<string, MarkSymbol>(StringComparer.Ordinal);
        if (!file.Exists)
        {
            return result;
        }

        foreach (var line in File.ReadLines(file.FullName).Skip(1).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(',', 3);
            if (parts.Length < 2 || !Enum.GetNames<MarkSymbol>().Contains(parts[1].Trim(), StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{file.Name}: \"{line}\" is not source,symbol,note with a symbol of {string.Join('/', Enum.GetNames<MarkSymbol>())}.");
            }

            result[parts[0].Trim()] = Enum.Parse<MarkSymbol>(parts[1].Trim());
        }

        return result;
    }

    /// <summary>The dataset's folder as the user calls the shape.</summary>
    private static string ShapeName(RealShape shape) => shape switch
    {
        RealShape.Ellipse => Cli.T("椭圆"),
        RealShape.Rectangle => Cli.T("矩形"),
        RealShape.Triangle => Cli.T("三角形"),
        _ => Cli.T("其他图形"),
    };

    private static int Pack(DirectoryInfo dataset, FileInfo relabelled, FileInfo output)
    {
        if (!dataset.Exists)
        {
            Console.Error.WriteLine(Cli.T("找不到文件夹 {0}", dataset.FullName));
            return 1;
        }

        var set = RealMarkSet.ReadDataset(dataset.FullName, ReadRelabelled(relabelled));
        output.Directory?.Create();
        set.Pack(output.FullName);
        Console.WriteLine(Cli.T("已打包 {0} 个图形（{1} 位书写者），写入 {2}：", set.Drawings.Count, set.Writers.Count, output.FullName));
        foreach (var g in set.Drawings.GroupBy(d => (d.Shape, d.Truth)).OrderBy(g => g.Key))
        {
            var reads = g.Key.Truth is { } truth ? Words.Symbol(new Lang(Cli.English), truth) : Cli.T("（不放在选票上）");
            Console.WriteLine($"  {ShapeName(g.Key.Shape),-10} → {reads,-18} {g.Count()}");
        }

        return 0;
    }
}
