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
        var definition = new Argument<FileInfo>("definition") { Description = Cli.S("选举定义（JSON）。", "The election definition (JSON).") };
        var sheets = new Option<int>("--sheets") { Description = Cli.S("多少张。", "How many sheets."), DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = Cli.S("语料种子：同一种子生成完全相同的文件。", "Corpus seed: the same seed gives the same bytes."), DefaultValueFactory = _ => 1 };
        var conditions = new Option<CaptureConditions>("--conditions") { Description = Cli.S("scanner（扫描仪）、camera（相机）或 mixed（混合）。", "scanner, camera or mixed."), DefaultValueFactory = _ => CaptureConditions.Scanner };
        var dpi = new Option<int>("--dpi") { Description = Cli.S("扫描分辨率（dpi）。", "Scan resolution."), DefaultValueFactory = _ => 200 };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = Cli.S("语料的输出文件夹。", "Folder for the corpus."), Required = true };
        var realMarks = new Option<FileInfo?>("--real-marks") { Description = Cli.S($"真实手绘图形包（{RealMarkCommands.DefaultPack}）：部分○和其他符号采用真实图形。", $"A pack of real hand-drawn shapes ({RealMarkCommands.DefaultPack}): some ○ and other marks are real drawings.") };
        var realFold = new Option<int?>("--real-mark-fold") { Description = Cli.S($"只用这一组书写者（0 至 {RealMarkFolds.Folds.Count - 1}；随软件发布的分类器拟合时未用第 {RealMarkFolds.ShippedHeldOut} 组）。", $"Only the writers of this fold (0 to {RealMarkFolds.Folds.Count - 1}; the shipped classifier was fitted without fold {RealMarkFolds.ShippedHeldOut}).") };
        var realRate = new Option<double>("--real-mark-rate") { Description = Cli.T("每个○和其他符号采用真实图形的概率 / Per ○ and per other mark: the chance it is a real drawing."), DefaultValueFactory = _ => 0.5 };
        var otherRate = new Option<double?>("--other-mark-rate") { Description = Cli.T("每个有标记的框画其他符号的概率 / Per marked box: the chance of a mark that is none of ○, × and √ (default 0.004).") };
        var rescanRate = new Option<double?>("--rescan-rate") { Description = Cli.T("每张纸再扫描（或再拍）一次的概率 / Per paper: the chance it is scanned (or photographed) again (default 0.003).") };
        var sealRate = new Option<double>("--seal-rate") { Description = Cli.T("每张选票盖有选举委员会印章的概率 / Per ballot: the chance it bears the election committee's seal (in its seal area, or over the title)."), DefaultValueFactory = _ => 0 };
        var command = new Command("synth", Cli.S("生成带真实情况的合成选票（各参数见 docs/synthesis.md）。", "Write synthetic marked ballots with their ground truth (see docs/synthesis.md for every knob)."))
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
                    Console.Error.WriteLine(Cli.T($"--real-mark-fold 须为 0 至 {RealMarkFolds.Folds.Count - 1} / must be 0 to {RealMarkFolds.Folds.Count - 1}."));
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
    internal static string KindName(SheetKind kind) => kind switch
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
    };

    /// <summary>Whether every chance given on the command line is one (0 to 1); says which is not.</summary>
    private static bool RatesAreChances(params (string Option, double? Value)[] rates)
    {
        foreach (var (option, value) in rates)
        {
            if (value is { } v && !(v >= 0 && v <= 1))
            {
                Console.Error.WriteLine(Cli.S($"{option} 是概率，须在 0 到 1 之间（给的是 {v.ToString(CultureInfo.InvariantCulture)}）。", $"{option} is a chance: it must be 0 to 1 (it was {v.ToString(CultureInfo.InvariantCulture)})."));
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
            Console.Error.WriteLine(Cli.S("--sheets 至少为 1。", "--sheets must be at least 1."));
            return 1;
        }

        var conditions = options.Conditions.ToString().ToLowerInvariant();
        Console.WriteLine(Cli.S(
            $"生成 {definition.Id} 的 {sheets} 张合成选票：种子 {options.Seed}，{conditions}，{options.Dpi} dpi，{Environment.ProcessorCount} 个核心…",
            $"Synthesising {sheets} sheets of {definition.Id}, seed {options.Seed}, {conditions} conditions, {options.Dpi} dpi, on {Environment.ProcessorCount} cores…"));
        var manifest = CliProgress.Run(Cli.S("生成扫描件", "making scans"), sheets, bar =>
            CorpusWriter.Write(definition, options, sheets, output.FullName, new Progress<CorpusProgress>(p => bar.Done(p.Done))));
        var kinds = string.Join(Cli.S("，", ", "), manifest.Kinds.Select(k => Cli.S($"{KindName(k.Key)} {k.Value} 张", $"{k.Value} {k.Key}")));
        Console.WriteLine(Cli.S($"已写入 {manifest.SheetCount} 张到 {output.FullName}：{kinds}。", $"Wrote {manifest.SheetCount} sheets to {output.FullName}: {kinds}."));
        Console.WriteLine(Cli.S("真实情况：每张一个 truth/NNNNNN.json；manifest.json 列出每张和所用参数。", "Ground truth: truth/NNNNNN.json per sheet; manifest.json lists every sheet and the options used."));
        return 0;
    }
}
