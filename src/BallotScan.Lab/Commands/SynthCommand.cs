using BallotScan.Host.Commands;
using System.CommandLine;
using System.Globalization;
using BallotScan.Lab.Synthesis;
using BallotScan.Host.Text;

namespace BallotScan.Lab.Commands;

/// <summary>`ballotscan synth`: a synthetic corpus of marked ballots with ground truth, for tests, benchmarks and calibration.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var definition = new Argument<FileInfo>("definition") { Description = Cli.T("选举定义（JSON）。") };
        var sheets = new Option<int>("--sheets") { Description = Cli.T("多少张。"), DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = Cli.T("语料种子：同一种子生成完全相同的文件。"), DefaultValueFactory = _ => 1 };
        var conditions = new Option<CaptureConditions>("--conditions") { Description = Cli.T("scanner（扫描仪）、camera（相机）或 mixed（混合）。"), DefaultValueFactory = _ => CaptureConditions.Scanner };
        var dpi = new Option<int>("--dpi") { Description = Cli.T("扫描分辨率（dpi）。"), DefaultValueFactory = _ => 200 };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = Cli.T("语料的输出文件夹。"), Required = true };
        var realMarks = new Option<FileInfo?>("--real-marks") { Description = Cli.T("真实手绘图形包（{0}）：部分○和其他符号采用真实图形。", RealMarkCommands.DefaultPack) };
        var realFold = new Option<int?>("--real-mark-fold") { Description = Cli.T("只用这一组书写者（0 至 {0}；随软件发布的分类器拟合时未用第 {1} 组）。", RealMarkFolds.Folds.Count - 1, RealMarkFolds.ShippedHeldOut) };
        var realRate = new Option<double>("--real-mark-rate") { Description = Cli.T("每个○和其他符号采用真实图形的概率"), DefaultValueFactory = _ => 0.5 };
        var otherRate = new Option<double?>("--other-mark-rate") { Description = Cli.T("每个有标记的框画其他符号的概率") };
        var rescanRate = new Option<double?>("--rescan-rate") { Description = Cli.T("每张纸再扫描（或再拍）一次的概率") };
        var sealRate = new Option<double>("--seal-rate") { Description = Cli.T("每张选票盖有选举委员会印章的概率"), DefaultValueFactory = _ => 0 };
        var command = new Command("synth", Cli.T("生成带真实情况的合成选票（各参数见 docs/synthesis.md）。"))
        {
            definition, sheets, seed, conditions, dpi, output, realMarks, realFold, realRate, otherRate, rescanRate, sealRate,
        };
        command.SetAction(parse =>
        {
            if (!RatesAreChances(("--real-mark-rate", parse.GetValue(realRate)), ("--other-mark-rate", parse.GetValue(otherRate)), ("--rescan-rate", parse.GetValue(rescanRate)), ("--seal-rate", parse.GetValue(sealRate))))
            {
                return 1;
            }

            var options = new SynthesisOptions { Seed = parse.GetValue(seed), Conditions = parse.GetValue(conditions), Dpi = parse.GetValue(dpi), SealRate = parse.GetValue(sealRate) };
            if (parse.GetValue(realMarks) is { } pack)
            {
                var fold = parse.GetValue(realFold);
                if (fold is < 0 || fold >= RealMarkFolds.Folds.Count)
                {
                    Console.Error.WriteLine(Cli.T("--real-mark-fold 须为 0 至 {0}", RealMarkFolds.Folds.Count - 1));
                    return 1;
                }

                options = options with { RealMarks = pack.FullName, RealMarkRate = parse.GetValue(realRate), RealMarkWriters = fold is { } k ? RealMarkFolds.WritersOf(k) : null };
            }

            if (parse.GetValue(otherRate) is { } rate)
            {
                options = options with { OtherMarkRate = rate };
            }

            if (parse.GetValue(rescanRate) is { } again)
            {
                options = options with { RescanRate = again };
            }

            return Run(parse.GetValue(definition)!, parse.GetValue(output)!, options, parse.GetValue(sheets));
        });
        return command;
    }

    /// <summary>A kind of synthetic sheet in words (Chinese: what `synth` and `demo` print).</summary>
    internal static string KindName(SheetKind kind) => Cli.T(kind switch
    {
        SheetKind.Ballot => "选票",
        SheetKind.OtherElection => "其他选举的选票",
        SheetKind.LayoutMismatch => "旧版式的选票",
        SheetKind.UnknownPage => "未知页码",
        SheetKind.BlankSheet => "白纸",
        SheetKind.NotABallot => "不是选票",
        SheetKind.Rescan => "重复扫描",
        SheetKind.DuplicateFile => "重复文件",
        _ => kind.ToString(),
    });

    /// <summary>Whether every chance given on the command line is one (0 to 1); says which is not.</summary>
    private static bool RatesAreChances(params (string Option, double? Value)[] rates)
    {
        foreach (var (option, value) in rates)
        {
            if (value is { } v && !(v >= 0 && v <= 1))
            {
                Console.Error.WriteLine(Cli.T("{0} 是概率，须在 0 到 1 之间（给的是 {1}）。", option, v.ToString(CultureInfo.InvariantCulture)));
                return false;
            }
        }

        return true;
    }

    private static int Run(FileInfo definitionFile, DirectoryInfo output, SynthesisOptions options, int sheets)
    {
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return 1;
        }

        if (sheets <= 0)
        {
            Console.Error.WriteLine(Cli.T("--sheets 至少为 1。"));
            return 1;
        }

        var conditions = options.Conditions.ToString().ToLowerInvariant();
        Console.WriteLine(Cli.T("生成 {0} 的 {1} 张合成选票：种子 {2}，{3}，{4} dpi，{5} 个核心…", definition.Id, sheets, options.Seed, conditions, options.Dpi, Environment.ProcessorCount));
        var manifest = CliProgress.Run(Cli.T("生成扫描件"), sheets, bar =>
            CorpusWriter.Write(definition, options, sheets, output.FullName, new Progress<CorpusProgress>(p => bar.Done(p.Done))));
        var kinds = string.Join(Cli.T("，"), manifest.Kinds.Select(k => Cli.T("{0} {1} 张", KindName(k.Key), k.Value)));
        Console.WriteLine(Cli.T("已写入 {0} 张到 {1}：{2}。", manifest.SheetCount, output.FullName, kinds));
        Console.WriteLine(Cli.T("真实情况：每张一个 truth/NNNNNN.json；manifest.json 列出每张和所用参数。"));
        return 0;
    }
}
