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
        var definition = new Argument<FileInfo>("definition") { Description = Cli.T("选举定义（JSON）。") };
        var input = new Argument<FileInfo>("print") { Description = Cli.T("选票 PDF，或印好的空白选票的扫描件或照片（PNG、JPEG、TIFF）。") };
        var command = new Command("proof", Cli.T("检查印好的选票：选举、姓名、顺序和二维码是否正确。")) { definition, input };
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
            Console.Error.WriteLine(Cli.T("没有文件 {0}。", print.FullName));
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
            Console.Error.WriteLine($"{print.Name}{Cli.T("：")}{ProblemWords.Say(Cli.Lang, e)}");
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
                var ocrNote = name.Ocr is { } seen ? Cli.T("（OCR 读作“{0}”，与正确印刷的读法相同）", seen) : string.Empty;
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

                Console.WriteLine(Cli.T("  ? 请目视核对：{0} 第{1}位 应为“{2}”，OCR 未能确认（读作“{3}”，可信度 {4}）：{5}", doubt.Contest, doubt.Position, doubt.Expected, doubt.Read, doubt.Confidence, crop));
            }

            Console.WriteLine((!report.Passed
                ? Cli.T("{0}: 发现 {1} 处问题，请勿使用这份印刷。", print.Name, report.Findings.Count)
                : doubts.Count > 0
                    ? Cli.T("{0}: 未发现错误；{1} 个姓名 OCR 未能确认，请对照上列截图目视核对后再使用。", print.Name, doubts.Count)
                    : Cli.T("{0}: 印刷与 {1} 相符：{2} 页，{3} 个姓名，选举 {4}，版式 {5}。", print.Name, definitionFile.Name, report.PagesChecked, report.Names.Count, definition.Id, layout.LayoutHash)));
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
