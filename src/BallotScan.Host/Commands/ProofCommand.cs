using System.CommandLine;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Proofing;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan ballot proof`: checks a printed ballot (its PDF, or a scan or photo of a print) against the definition.</summary>
internal static class ProofCommand
{
    public static Command Create()
    {
        var definition = new Argument<FileInfo>("definition") { Description = "The election definition (JSON)." };
        var input = new Argument<FileInfo>("print") { Description = "The ballot PDF, or a scan or photo of a printed blank ballot (PNG, JPEG, TIFF)." };
        var command = new Command("proof", "Check that a printed ballot carries the right election, names, order and QR codes.") { definition, input };
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
            Console.Error.WriteLine($"There is no file {print.FullName}.");
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
                Console.WriteLine($"  page {name.Page}  {name.Contest} {name.Position}: {(name.Matches ? "✓" : "✗")} printed '{name.Read}'{(name.Matches ? string.Empty : $", expected '{name.Expected}'")}");
            }

            foreach (var finding in report.Findings)
            {
                Console.Error.WriteLine($"  ✗ [{finding.Code}] {finding.Where}: {finding.Message}");
            }

            Console.WriteLine(report.Passed
                ? $"{print.Name}: the print matches {definitionFile.Name}: {report.PagesChecked} page(s), {report.Names.Count} names, election {definition.Id}, layout {layout.LayoutHash}."
                : $"{print.Name}: {report.Findings.Count} problem(s) found. Do not use this print.");
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
