using System.CommandLine;
using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan read`: the reader on scans.</summary>
internal static class ReadCommands
{
    internal static Option<FileInfo?> CalibrationOption() => new("--calibration") { Description = Cli.T("拟合好的符号分类器文件（默认：随程序发布的 calibration/mark-classifier.json）。") };

    public static Command Read()
    {
        var input = new Argument<string>("scans") { Description = Cli.T("一个图像文件或图像文件夹（PNG、JPEG、TIFF（含多页）、BMP、PDF）。") };
        var definition = new Option<FileInfo>("--definition", "-d") { Description = Cli.T("印制这些选票所用的选举定义。"), Required = true };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = Cli.T("每张选票一份识别结果（JSON）的输出文件夹。") };
        var calibration = CalibrationOption();
        var debug = new Option<DirectoryInfo?>("--debug") { Description = Cli.T("调试图像文件夹") };
        var command = new Command("read", Cli.T("识别每张扫描件：选票、页码、每个符号及其可信度和原始分数，以及需要人工裁定的项。")) { input, definition, output, calibration, debug };
        command.SetAction(parse => RunRead(parse.GetValue(input)!, parse.GetValue(definition)!, parse.GetValue(output), parse.GetValue(calibration), parse.GetValue(debug)));
        return command;
    }

    internal static (BallotReader Reader, ElectionDefinition Definition)? Reader(FileInfo definitionFile, FileInfo? calibration)
    {
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return null;
        }

        var classifier = calibration is null ? MarkClassifier.Shipped : MarkClassifier.Load(calibration.FullName);
        return (new BallotReader([LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian)], classifier), definition);
    }

    private static int RunRead(string input, FileInfo definitionFile, DirectoryInfo? output, FileInfo? calibration, DirectoryInfo? debug)
    {
        if (Reader(definitionFile, calibration) is not { } loaded)
        {
            return 1;
        }

        var (reader, definition) = loaded;
        var files = Scans.ImageFiles(input);
        if (files is null)
        {
            return 1;
        }

        if (debug is not null)
        {
            WriteDebugImages(files, reader, debug);
        }

        output?.Create();
        // One read session, as a count reads: every core, the same file once, a different image of a paper read before flagged.
        var sheets = Scans.ReadAll(files, reader, input);
        var counts = new int[3]; // accepted, needing review, rejected
        var reasons = new SortedDictionary<ReviewReason, int>();
        var lang = new Lang(Cli.English);
        foreach (var group in sheets.GroupBy(s => s.Source))
        {
            var pages = group.Count();
            foreach (var sheet in group)
            {
                counts[sheet.Accepted ? 0 : 2]++;
                if (sheet.Accepted && sheet.NeedsReview)
                {
                    counts[1]++;
                }

                foreach (var reason in sheet.SheetReasons.Concat(sheet.Positions.SelectMany(p => p.Reasons)))
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }

                var file = Path.GetFileName(sheet.Source ?? string.Empty);
                if (!sheet.Accepted)
                {
                    var page = pages > 1 ? Cli.T(" 第 {0} 页", sheet.SourcePage + 1) : string.Empty;
                    Console.Error.WriteLine(Cli.T("  {0}{1}：不计入：", file, page) + Words.SheetMessage(lang, definition, sheet));
                }

                if (output is not null)
                {
                    var name = Path.GetFileNameWithoutExtension(file) + (pages > 1 ? $"-p{sheet.SourcePage + 1}" : string.Empty) + ".json";
                    File.WriteAllText(Path.Combine(output.FullName, name), JsonSerializer.Serialize(sheet, ElectionJson.Options));
                }
            }
        }

        Console.WriteLine(Cli.T("{0} 个文件：识别 {1} 张，其中 {2} 张有待监票人裁定的项；{3} 张不计入。", files.Count, counts[0], counts[1], counts[2]));
        foreach (var (reason, n) in reasons)
        {
            Console.WriteLine($"  {Words.ReasonText(lang, reason)}: {n}");
        }

        if (output is not null)
        {
            Console.WriteLine(Cli.T("识别结果：{0}", output.FullName));
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
        Console.WriteLine(Cli.T("调试图像：{0}", debug.FullName));
    }
}
