using System.CommandLine;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Proofing;
using BallotScan.Host.Text;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan ballot proof`: checks a printed ballot (its PDF, or a scan or photo of a print) against the definition.</summary>
internal static class ProofCommand
{
    public static Command Create()
    {
        var definition = new Argument<FileInfo>("definition") { Description = Cli.S("选举定义（JSON）。", "The election definition (JSON).") };
        var input = new Argument<FileInfo>("print") { Description = Cli.S("选票 PDF，或印好的空白选票的扫描件或照片（PNG、JPEG、TIFF）。", "The ballot PDF, or a scan or photo of a printed blank ballot (PNG, JPEG, TIFF).") };
        var command = new Command("proof", Cli.S("检查印好的选票：选举、姓名、顺序和二维码是否正确。", "Check that a printed ballot carries the right election, names, order and QR codes.")) { definition, input };
        command.SetAction(parse => Run(parse.GetValue(definition)!, parse.GetValue(input)!));
        return command;
    }

    private static int Run(FileInfo definitionFile, FileInfo print)
    {
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return 1;
        }

        if (!print.Exists)
        {
            Console.Error.WriteLine(Cli.S($"没有文件 {print.FullName}。", $"There is no file {print.FullName}."));
            return 1;
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        IReadOnlyList<GrayImage> pages;
        try
        {
            pages = LoadPages(print);
        }
        catch (Exception e) when (e is ImageDecodeException or InvalidDataException)
        {
            Console.Error.WriteLine($"{print.Name}: {e.Message}");
            return 1;
        }

        try
        {
            using var ocr = TesseractEngine.Open();
            // A PDF's names are read from its text layer (what will be printed), a scan's or photo's by OCR.
            var textLayer = File.ReadAllBytes(print.FullName).AsSpan().StartsWith("%PDF"u8) ? PdfTextLayer.Read(print.FullName) : null;
            var report = BallotProofer.Proof(layout, pages, ocr, textLayer);
            foreach (var name in report.Names)
            {
                var mark = name.Matches ? "✓" : name.Doubtful ? "?" : "✗";
                var ocrNote = name.Ocr is { } seen ? $"（OCR 读作“{seen}”，与正确印刷的读法相同 / OCR reads '{seen}', as it reads a correct print）" : string.Empty;
                Console.WriteLine($"  第{name.Page}页 {name.Contest} 第{name.Position}位: {mark} 印的是“{name.Read}”{(name.Matches ? string.Empty : $"，应为“{name.Expected}”")}{ocrNote}");
            }

            foreach (var finding in report.Findings)
            {
                Console.Error.WriteLine($"  ✗ {ProblemWords.Say(Cli.Lang, finding)}");
            }

            // A name OCR could not confirm is shown as its cell, for a person to look at before the print is used.
            var doubts = report.Doubts;
            foreach (var doubt in doubts)
            {
                var crop = Path.Combine(print.DirectoryName ?? ".", $"{Path.GetFileNameWithoutExtension(print.Name)}.check-p{doubt.Page}-{doubt.BoxId.Replace('/', '-')}.png");
                if (doubt.Crop is { } png)
                {
                    File.WriteAllBytes(crop, png);
                }

                Console.WriteLine(Cli.S(
                    $"  ? 请目视核对：{doubt.Contest} 第{doubt.Position}位 应为“{doubt.Expected}”，OCR 未能确认（读作“{doubt.Read}”，可信度 {doubt.Confidence}）：{crop}",
                    $"  ? look at it: {doubt.Contest} position {doubt.Position} should read “{doubt.Expected}”, OCR could not confirm it (read “{doubt.Read}”, confidence {doubt.Confidence}): {crop}"));
            }

            Console.WriteLine(Cli.T(!report.Passed
                ? $"{print.Name}: 发现 {report.Findings.Count} 处问题，请勿使用这份印刷。 / {print.Name}: {report.Findings.Count} problem(s) found. Do not use this print."
                : doubts.Count > 0
                    ? $"{print.Name}: 未发现错误；{doubts.Count} 个姓名 OCR 未能确认，请对照上列截图目视核对后再使用。 / {print.Name}: no error found; {doubts.Count} name(s) OCR could not confirm: look at the crops above before using the print."
                    : $"{print.Name}: 印刷与 {definitionFile.Name} 相符：{report.PagesChecked} 页，{report.Names.Count} 个姓名，选举 {definition.Id}，版式 {layout.LayoutHash}。 / {print.Name}: the print matches {definitionFile.Name}: {report.PagesChecked} page(s), {report.Names.Count} names, election {definition.Id}, layout {layout.LayoutHash}."));
            return report.Passed ? 0 : 1;
        }
        finally
        {
            foreach (var page in pages)
            {
                page.Dispose();
            }
        }
    }

    private static IReadOnlyList<GrayImage> LoadPages(FileInfo file)
    {
        var bytes = File.ReadAllBytes(file.FullName);
        if (bytes.AsSpan().StartsWith("%PDF"u8))
        {
            return PdfRasterizer.Render(file.FullName, 200);
        }

        var info = ImageProbe.Read(bytes);
        return Enumerable.Range(0, info.PageCount).Select(p => ImageCodec.Decode(bytes, p)).ToList();
    }
}
