using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Evaluation;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan read` and `ballotscan evaluate`: the reader on scans, and on a synthetic corpus against its truth.</summary>
internal static class ReadCommands
{
    /// <summary>Image files the reader takes (by their extension, any case).</summary>
    internal static IReadOnlySet<string> ImageExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pdf" };

    private static Option<FileInfo?> CalibrationOption() => new("--calibration") { Description = Cli.S("拟合好的符号分类器文件（默认：随程序发布的 calibration/mark-classifier.json）。", "A fitted classifier file (default: the one shipped, calibration/mark-classifier.json).") };

    public static Command Read()
    {
        var input = new Argument<string>("scans") { Description = Cli.S("一个图像文件或图像文件夹（PNG、JPEG、TIFF（含多页）、BMP、PDF）。", "An image file or a folder of them (PNG, JPEG, TIFF incl. multi-page, BMP).") };
        var definition = new Option<FileInfo>("--definition", "-d") { Description = Cli.S("印制这些选票所用的选举定义。", "The election definition the ballots were printed from."), Required = true };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = Cli.S("每张选票一份识别结果（JSON）的输出文件夹。", "Folder for one interpretation (JSON) per sheet.") };
        var calibration = CalibrationOption();
        var debug = new Option<DirectoryInfo?>("--debug") { Description = Cli.T("调试图像文件夹 / Folder for each box's crop and ink mask as PNG, named by the reading and the guards that sent it to a person.") };
        var command = new Command("read", Cli.S("识别每张扫描件：选票、页码、每个符号及其可信度和原始分数，以及需要人工裁定的项。", "Read every sheet: ballot, page, every mark with its confidence and raw scores, and what needs a person.")) { input, definition, output, calibration, debug };
        command.SetAction(parse => RunRead(parse.GetValue(input)!, parse.GetValue(definition)!, parse.GetValue(output), parse.GetValue(calibration), parse.GetValue(debug)));
        return command;
    }

    public static Command Evaluate()
    {
        var corpus = new Argument<DirectoryInfo>("corpus") { Description = Cli.S("由 `ballotscan synth` 写出的文件夹（种子须小于 900000）。", "A folder written by `ballotscan synth` (seed below 900000).") };
        var definition = new Option<FileInfo>("--definition", "-d") { Description = Cli.S("生成该语料所用的选举定义。", "The election definition the corpus was made from."), DefaultValueFactory = _ => new FileInfo("examples/villagers-committee.json") };
        var calibration = CalibrationOption();
        var command = new Command("evaluate", Cli.S("在合成语料上运行识别，并逐项与真实情况比较。", "Run the reader over a synthetic corpus and compare every reading with the ground truth.")) { corpus, definition, calibration };
        command.SetAction(parse => RunEvaluate(parse.GetValue(corpus)!, parse.GetValue(definition)!, parse.GetValue(calibration)));
        return command;
    }

    private static (BallotReader Reader, ElectionDefinition Definition)? Reader(FileInfo definitionFile, FileInfo? calibration)
    {
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return null;
        }

        var classifier = calibration is null ? MarkClassifier.Shipped : MarkClassifier.Load(calibration.FullName);
        return (new BallotReader([LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian)], classifier), definition);
    }

    /// <summary>The image files of a file or folder (all subfolders, in name order), or null (reported) when there is no such path.</summary>
    internal static List<string>? ImageFiles(string input)
    {
        if (Directory.Exists(input))
        {
            return Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal).ToList();
        }

        if (File.Exists(input))
        {
            return [input];
        }

        Console.Error.WriteLine(Cli.S($"没有文件或文件夹 {input}。", $"There is no file or folder {input}."));
        return null;
    }

    /// <summary>
    /// The batch of a scan under <paramref name="input"/> (批次): the subfolder it is in (one folder per ballot box or scanner
    /// run), or the folder's own name for a file directly in it.
    /// </summary>
    internal static Func<string?, string> BatchOf(string input)
    {
        var root = Path.GetFullPath(Directory.Exists(input) ? input : Path.GetDirectoryName(Path.GetFullPath(input))!);
        var rootName = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        return source =>
        {
            var folder = source is null ? string.Empty : Path.GetRelativePath(root, Path.GetDirectoryName(Path.GetFullPath(source))!);
            return folder is "." or "" || folder.StartsWith("..", StringComparison.Ordinal) ? rootName : folder.Replace(Path.DirectorySeparatorChar, '/');
        };
    }

    /// <summary>Reads every file on every core, with progress; the interpretations in file order, possible rescans flagged, each in its batch (<see cref="BatchOf"/>).</summary>
    internal static IReadOnlyList<SheetInterpretation> ReadAll(IReadOnlyList<string> files, BallotReader reader, string input)
    {
        var results = new IReadOnlyList<SheetInterpretation>[files.Count];
        var done = 0;
        CliProgress.Run(Cli.S("识别扫描件", "reading scans"), files.Count, progress =>
        {
            BatchReader.Read(files, reader, (index, sheets) =>
            {
                results[index] = sheets;
                progress.Done(Interlocked.Increment(ref done));
            });
            return done;
        });
        // In file order, as a feeder delivers them: a different image of a paper read before waits for the scrutineers.
        return Batching.Assign(RescanDetector.FlagRescans(results.SelectMany(r => r)), BatchOf(input));
    }

    private static int RunRead(string input, FileInfo definitionFile, DirectoryInfo? output, FileInfo? calibration, DirectoryInfo? debug)
    {
        if (Reader(definitionFile, calibration) is not { } loaded)
        {
            return 1;
        }

        var (reader, definition) = loaded;
        var files = ImageFiles(input);
        if (files is null)
        {
            return 1;
        }

        if (debug is not null)
        {
            WriteDebugImages(files, reader, debug);
        }

        output?.Create();
        var counts = new int[4]; // accepted, needing review, rejected, files
        var reasons = new System.Collections.Concurrent.ConcurrentDictionary<ReviewReason, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        BatchReader.Read(files, reader, (index, sheets) =>
        {
            foreach (var sheet in sheets)
            {
                Interlocked.Increment(ref counts[sheet.Accepted ? 0 : 2]);
                if (sheet.Accepted && sheet.NeedsReview)
                {
                    Interlocked.Increment(ref counts[1]);
                }

                foreach (var reason in sheet.SheetReasons.Concat(sheet.Positions.SelectMany(p => p.Reasons)))
                {
                    reasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
                }

                if (!sheet.Accepted)
                {
                    var page = sheets.Count > 1 ? Cli.S($" 第 {sheet.SourcePage + 1} 页", $" page {sheet.SourcePage + 1}") : string.Empty;
                    Console.Error.WriteLine(Cli.S($"  {Path.GetFileName(files[index])}{page}：不计入：", $"  {Path.GetFileName(files[index])}{page}: not counted: ")
                        + Station.Web.Words.SheetMessage(new Station.Web.Lang(Cli.English), definition, sheet));
                }

                if (output is not null)
                {
                    var name = Path.GetFileNameWithoutExtension(files[index]) + (sheets.Count > 1 ? $"-p{sheet.SourcePage + 1}" : string.Empty) + ".json";
                    File.WriteAllText(Path.Combine(output.FullName, name), JsonSerializer.Serialize(sheet, ElectionJson.Options));
                }
            }

            var n = Interlocked.Increment(ref counts[3]);
            if (n % 100 == 0 || n == files.Count)
            {
                var rate = (n / clock.Elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
                Console.Error.Write(Cli.S($"\r  {n}/{files.Count} 个文件，每秒 {rate} 个   ", $"\r  {n}/{files.Count} files, {rate} files/s   "));
            }
        });
        Console.Error.WriteLine();
        Console.WriteLine(Cli.S($"{files.Count} 个文件：识别 {counts[0]} 张，其中 {counts[1]} 张有待监票人裁定的项；{counts[2]} 张不计入。", $"{files.Count} file(s): {counts[0]} sheet(s) read, {counts[1]} of them with something for a scrutineer to decide; {counts[2]} not counted."));
        foreach (var (reason, n) in reasons.OrderBy(r => r.Key))
        {
            Console.WriteLine($"  {Station.Web.ReviewPages.ReasonText(new Station.Web.Lang(Cli.English), reason)}: {n}");
        }

        if (output is not null)
        {
            Console.WriteLine(Cli.S($"识别结果：{output.FullName}", $"Interpretations: {output.FullName}"));
        }

        return 0;
    }

    /// <summary>
    /// Per file and page a folder of each box's crop and ink mask: &lt;box&gt;-crop.png and &lt;box&gt;-mask-&lt;symbol&gt;-&lt;band&gt;[-&lt;guards&gt;].png
    /// (the box id's "/" as "-"), and reading.json with every figure.
    /// </summary>
    private static void WriteDebugImages(IReadOnlyList<string> files, BallotReader reader, DirectoryInfo debug)
    {
        Parallel.ForEach(files, file =>
        {
            var bytes = File.ReadAllBytes(file);
            ImageInfo info;
            try
            {
                info = ImageProbe.Read(bytes);
            }
            catch (ImageDecodeException)
            {
                return; // the reading below reports it
            }

            for (var page = 0; page < info.PageCount; page++)
            {
                using var image = ImageCodec.Decode(bytes, page);
                var folder = Directory.CreateDirectory(Path.Combine(debug.FullName, Path.GetFileNameWithoutExtension(file) + (info.PageCount > 1 ? $"-p{page + 1}" : string.Empty)));
                foreach (var box in ReaderDebug.Boxes(reader, image))
                {
                    var name = box.BoxId.Replace('/', '-');
                    var r = box.Reading;
                    var guards = r.Guards.Count == 0 ? string.Empty : "-" + string.Join('+', r.Guards);
                    File.WriteAllBytes(Path.Combine(folder.FullName, $"{name}-crop.png"), box.Crop);
                    File.WriteAllBytes(Path.Combine(folder.FullName, $"{name}-mask-{r.Symbol}-{r.Band}{guards}.png".ToLowerInvariant()), box.InkMask);
                    if (box.Shape is { } shape)
                    {
                        File.WriteAllBytes(Path.Combine(folder.FullName, $"{name}-shape.png"), shape);
                    }
                }
            }
        });
        Console.WriteLine(Cli.S($"调试图像：{debug.FullName}", $"Debug images: {debug.FullName}"));
    }

    private static int RunEvaluate(DirectoryInfo corpus, FileInfo definitionFile, FileInfo? calibration)
    {
        if (Reader(definitionFile, calibration) is not { Reader: var reader })
        {
            return 1;
        }

        Engine.Synthesis.CorpusManifest manifest;
        try
        {
            manifest = Engine.Synthesis.CorpusWriter.ReadManifest(corpus.FullName);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(Cli.S($"{corpus.FullName} 不是 `ballotscan synth` 生成的语料（无法读取其 manifest.json：{e.Message}）。", $"{corpus.FullName} is not a corpus written by `ballotscan synth` (its manifest.json cannot be read: {e.Message})."));
            return 1;
        }

        if (manifest.Options.Seed >= MarkCalibration.FirstCalibrationSeed)
        {
            Console.Error.WriteLine(Cli.S($"语料用拟合种子 {manifest.Options.Seed} 生成：评估只用小于 {MarkCalibration.FirstCalibrationSeed} 的种子，绝不用识别程序自己的训练数据。", $"The corpus was made with calibration seed {manifest.Options.Seed}: evaluate on seeds below {MarkCalibration.FirstCalibrationSeed}, never on the reader's own training data."));
            return 1;
        }

        // A corpus read against another election's definition would report every ballot rejected as "another election".
        if (reader.Layouts is [var layout] && (layout.ElectionId != manifest.ElectionId || layout.LayoutHash != manifest.LayoutHash))
        {
            Console.Error.WriteLine(Cli.S(
                $"语料由选举 {manifest.ElectionId} 的选票生成，选举定义 {definitionFile.Name} 是选举 {layout.ElectionId}（或其版式不同）：请用 -d 指定生成语料时用的选举定义。",
                $"The corpus was made from the ballots of election {manifest.ElectionId}, but {definitionFile.Name} is election {layout.ElectionId} (or another print version of it): give the definition the corpus was made from with -d."));
            return 1;
        }

        var thresholds = string.Join(", ", Enum.GetValues<MarkSymbol>().Select(m => string.Create(CultureInfo.InvariantCulture, $"{m} {reader.Classifier.ThresholdFor(m)}")));
        Console.WriteLine(Cli.S(
            $"评估 {corpus.FullName} 的 {manifest.SheetCount} 张（种子 {manifest.Options.Seed}，{manifest.Options.Conditions}）；分类器可信阈值 {thresholds}。",
            $"Evaluating on {manifest.SheetCount} sheets of {corpus.FullName} (seed {manifest.Options.Seed}, {manifest.Options.Conditions}); classifier thresholds {thresholds}."));
        var report = CliProgress.Run(Cli.S("识别语料", "reading the corpus"), manifest.SheetCount, bar => CorpusEvaluation.Run(corpus.FullName, reader, new Progress<int>(bar.Done)));
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
                Console.WriteLine(Cli.S(
                    $"  印章                {c.Unsealed} 张选票无印章：交人工 {c.Unsealed - c.UnsealedMissed}，漏过 {c.UnsealedMissed}；有印章却被标为无印章 {c.SealedFlagged}",
                    $"  seal                {c.Unsealed} ballots without the seal: {c.Unsealed - c.UnsealedMissed} sent to a person, {c.UnsealedMissed} missed; {c.SealedFlagged} sealed ballots flagged as without"));
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
                    ? Cli.S(
                        $"  只靠○的阈值          要不计入读作○的 {trade.OthersReadAsCircle} 个其他真实图形，阈值须高于 {threshold.ToString("0.######", CultureInfo.InvariantCulture)}；那时真实○交人工 {then} %（现在 {now} %）",
                        $"  the ○ threshold alone  to count none of the {trade.OthersReadAsCircle} real other drawings read as ○ it must exceed {threshold.ToString("0.######", CultureInfo.InvariantCulture)}; real ○ to a person would then be {then} % (now {now} %)")
                    : Cli.S(
                        $"  只靠○的阈值          没有其他真实图形只靠阈值被挡住；真实○交人工 {now} %",
                        $"  the ○ threshold alone  no real other drawing is held back by the threshold alone; real ○ to a person {now} %"));
            }
        }

        foreach (var e in report.Errors.Take(50))
        {
            Console.WriteLine(Cli.S(
                $"  可信但错误：第 {e.Sheet} 张（{e.File}）{e.BoxId}：真实 {e.Truth}，读为 {e.Read}，置信度 {e.Confidence}；{e.Detail}",
                $"  CONFIDENTLY WRONG sheet {e.Sheet} ({e.File}) {e.BoxId}: truth {e.Truth}, read {e.Read} at {e.Confidence}; {e.Detail}"));
        }

        Console.WriteLine(Cli.English
            ? string.Create(CultureInfo.InvariantCulture, $"{report.SheetCount} sheets in {report.Seconds:0.0} s ({report.SheetCount / report.Seconds:0.0} sheets/s on {Environment.ProcessorCount} cores, decode included); median read {report.MedianReadMs:0.00} ms (decode excluded); peak working set {report.PeakWorkingSetBytes / 1048576} MB.")
            : string.Create(CultureInfo.InvariantCulture, $"{report.SheetCount} 张用时 {report.Seconds:0.0} 秒（{Environment.ProcessorCount} 核每秒 {report.SheetCount / report.Seconds:0.0} 张，含解码）；识别中位数 {report.MedianReadMs:0.00} 毫秒（不含解码）；内存峰值 {report.PeakWorkingSetBytes / 1048576} MB。"));
        return report.Errors.Count == 0 && report.Conditions.All(c => c.UnsealedMissed == 0) ? 0 : 2;
    }
}
