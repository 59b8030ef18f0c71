using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Commands;
using BallotScan.Lab.Evaluation;
using BallotScan.Lab.Fitting;
using BallotScan.Lab.Synthesis;
using BallotScan.Host.Text;

namespace BallotScan.Lab.Commands;

/// <summary>`ballotscan evaluate`: the reader on a synthetic corpus against its truth.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var corpus = new Argument<DirectoryInfo>("corpus") { Description = Cli.T("由 `ballotscan synth` 写出的文件夹（种子须小于 900000）。") };
        var definition = new Option<FileInfo?>("--definition", "-d") { Description = Cli.T("生成该语料所用的选举定义（默认：语料自带的 definition.json）。") };
        var calibration = ReadCommands.CalibrationOption();
        var command = new Command("evaluate", Cli.T("在合成语料上运行识别，并逐项与真实情况比较。")) { corpus, definition, calibration };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(corpus)!;
            // The corpus's own definition (written by `synth`); a corpus of an earlier version has none: the villagers' example.
            var own = new FileInfo(Path.Combine(folder.FullName, CorpusWriter.DefinitionFile));
            return RunEvaluate(folder, parse.GetValue(definition) ?? (own.Exists ? own : new FileInfo("examples/villagers-committee.json")), parse.GetValue(calibration));
        });
        return command;
    }

    private static int RunEvaluate(DirectoryInfo corpus, FileInfo definitionFile, FileInfo? calibration)
    {
        if (ReadCommands.Reader(definitionFile, calibration) is not { Reader: var reader })
        {
            return 1;
        }

        CorpusManifest manifest;
        try
        {
            manifest = CorpusWriter.ReadManifest(corpus.FullName);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(Cli.T("{0} 不是 `ballotscan synth` 生成的语料（无法读取其 manifest.json：{1}）。", corpus.FullName, e.Message));
            return 1;
        }

        if (manifest.Options.Seed >= MarkCalibration.FirstCalibrationSeed)
        {
            Console.Error.WriteLine(Cli.T("语料用拟合种子 {0} 生成：评估只用小于 {1} 的种子，绝不用识别程序自己的训练数据。", manifest.Options.Seed, MarkCalibration.FirstCalibrationSeed));
            return 1;
        }

        // A corpus read against another election's definition would report every ballot rejected as "another election".
        if (reader.Layouts is [var layout] && (layout.ElectionId != manifest.ElectionId || layout.LayoutHash != manifest.LayoutHash))
        {
            Console.Error.WriteLine(Cli.T("语料由选举 {0} 的选票生成，选举定义 {1} 是选举 {2}（或其版式不同）：请用 -d 指定生成语料时用的选举定义。", manifest.ElectionId, definitionFile.Name, layout.ElectionId));
            return 1;
        }

        var thresholds = string.Join(", ", Enum.GetValues<MarkSymbol>().Select(m => string.Create(CultureInfo.InvariantCulture, $"{m} {reader.Classifier.ThresholdFor(m)}")));
        Console.WriteLine(Cli.T("评估 {0} 的 {1} 张（种子 {2}，{3}）；分类器可信阈值 {4}。", corpus.FullName, manifest.SheetCount, manifest.Options.Seed, manifest.Options.Conditions, thresholds));
        var report = CliProgress.Run(Cli.T("识别语料"), manifest.SheetCount, bar => CorpusEvaluation.Run(corpus.FullName, reader, new Progress<int>(bar.Done)));
        foreach (var c in report.Conditions)
        {
            var reasons = string.Join(", ", c.AvoidableReasons.Select(r => $"{r.Key} {r.Value}"));
            Console.WriteLine(Cli.English ? string.Create(CultureInfo.InvariantCulture, $"""
                {c.Conditions}: {c.Sheets} sheets, {c.BallotSheets} ballots, {c.Positions} positions
                  confidently right   {c.ConfidentlyRight}
                  confidently wrong   {c.ConfidentlyWrong}
                  sent to review      {c.ReviewNeeded + c.ReviewAvoidable} ({100 * c.ReviewRate:0.###} %): {c.ReviewNeeded} that need a person by their truth (other marks, corrections, write-ins, strays), {c.ReviewAvoidable} avoidable ({100 * c.AvoidableReviewRate:0.###} %: {reasons})
                  ballots rejected    {c.BallotsRejected}
                  foreign sheets      {c.ForeignSheets}: {c.ForeignRejectedRightReason} rejected for the right reason, {c.ForeignRejectedOtherReason} for another reason, {c.ForeignAccepted} accepted
                  duplicate files     {c.DuplicateFiles}: {c.DuplicateFilesFlagged} flagged
                  rescans             {c.Rescans}: {c.RescansSuspected} suspected by their marks (a blank or near-blank ballot cannot be), {c.OthersSuspected} other sheets suspected
                """) : string.Create(CultureInfo.InvariantCulture, $"""
                {c.Conditions}：{c.Sheets} 张，选票 {c.BallotSheets} 张，{c.Positions} 个位置
                  可信且正确          {c.ConfidentlyRight}
                  可信但错误          {c.ConfidentlyWrong}
                  交人工审核          {c.ReviewNeeded + c.ReviewAvoidable}（{100 * c.ReviewRate:0.###} %）：按真实情况本需人看 {c.ReviewNeeded}（其他符号、涂改、另选、出框笔迹），本可避免 {c.ReviewAvoidable}（{100 * c.AvoidableReviewRate:0.###} %：{reasons}）
                  选票被拒            {c.BallotsRejected}
                  非本选举的图像      {c.ForeignSheets}：按正确原因拒收 {c.ForeignRejectedRightReason}，按其他原因 {c.ForeignRejectedOtherReason}，被接受 {c.ForeignAccepted}
                  重复文件            {c.DuplicateFiles}：已标出 {c.DuplicateFilesFlagged}
                  重复扫描            {c.Rescans}：凭标记疑似 {c.RescansSuspected}（空白或近乎空白的选票无从判断），其他被疑似的 {c.OthersSuspected}
                """));
            if (c.Unsealed > 0 || c.SealedFlagged > 0 || report.Conditions.Any(x => x.UnsealedMissed > 0))
            {
                Console.WriteLine(Cli.T("  印章                {0} 张选票无印章：交人工 {1}，漏过 {2}；有印章却被标为无印章 {3}", c.Unsealed, c.Unsealed - c.UnsealedMissed, c.UnsealedMissed, c.SealedFlagged));
            }

            foreach (var (group, g) in c.Groups)
            {
                Console.WriteLine(Cli.English
                    ? string.Create(CultureInfo.InvariantCulture, $"  {group,-22} {g.Positions,6} positions: {g.Right} confidently right, {g.Wrong} confidently wrong, {g.Review} to review ({100 * g.ReviewRate:0.##} %; for the mark alone {g.ReviewByMark} of {g.ByMarkPositions}, {100 * g.ReviewByMarkRate:0.##} %)")
                    : string.Create(CultureInfo.InvariantCulture, $"  {group,-22} {g.Positions,6} 个位置：可信且正确 {g.Right}，可信但错误 {g.Wrong}，交人工 {g.Review}（{100 * g.ReviewRate:0.##} %；仅因符号本身 {g.ReviewByMark}/{g.ByMarkPositions}，{100 * g.ReviewByMarkRate:0.##} %）"));
            }

            if (c.CircleTrade is { } trade)
            {
                var now = (100 * trade.RealCircleReviewNow).ToString("0.#", CultureInfo.InvariantCulture);
                var then = (100 * trade.RealCircleReviewThen).ToString("0.#", CultureInfo.InvariantCulture);
                Console.WriteLine(trade.ThresholdCountingNoOther is { } threshold
                    ? Cli.T("  只靠○的阈值          要不计入读作○的 {0} 个其他真实图形，阈值须高于 {1}；那时真实○交人工 {2} %（现在 {3} %）", trade.OthersReadAsCircle, threshold.ToString("0.######", CultureInfo.InvariantCulture), then, now)
                    : Cli.T("  只靠○的阈值          没有其他真实图形只靠阈值被挡住；真实○交人工 {0} %", now));
            }
        }

        foreach (var e in report.Errors.Take(50))
        {
            Console.WriteLine(Cli.T("  可信但错误：第 {0} 张（{1}）{2}：真实 {3}，读为 {4}，置信度 {5}；{6}", e.Sheet, e.File, e.BoxId, e.Truth, e.Read, e.Confidence, e.Detail));
        }

        Console.WriteLine(Cli.English
            ? string.Create(CultureInfo.InvariantCulture, $"{report.SheetCount} sheets in {report.Seconds:0.0} s ({report.SheetCount / report.Seconds:0.0} sheets/s on {Environment.ProcessorCount} cores, decode included); median read {report.MedianReadMs:0.00} ms (decode excluded); peak working set {report.PeakWorkingSetBytes / 1048576} MB.")
            : string.Create(CultureInfo.InvariantCulture, $"{report.SheetCount} 张用时 {report.Seconds:0.0} 秒（{Environment.ProcessorCount} 核每秒 {report.SheetCount / report.Seconds:0.0} 张，含解码）；识别中位数 {report.MedianReadMs:0.00} 毫秒（不含解码）；内存峰值 {report.PeakWorkingSetBytes / 1048576} MB。"));
        return report.Errors.Count == 0 && report.Conditions.All(c => c.UnsealedMissed == 0) ? 0 : 2;
    }
}
