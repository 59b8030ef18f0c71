using System.CommandLine;
using System.Globalization;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Evaluation;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Proofing;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Synthesis;

namespace BallotScan.Host.Commands;

/// <summary>
/// `ballotscan demo`: the main job, start to finish as far as it is built: check the example election, print its ballot,
/// proof the print, make a batch of marked ballots (with uncertain marks, write-ins and sheets that do not belong), read
/// every sheet, and compare the machine's reading with the truth. Counting, the hand tally and the report come next.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Folder for the demo's ballot, scans and readings.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")),
        };
        var definition = new Option<FileInfo>("--definition", "-d")
        {
            Description = "The election to demonstrate.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("examples", "villagers-committee.json")),
        };
        var sheets = new Option<int>("--sheets") { Description = "How many scanned sheets to make and read.", DefaultValueFactory = _ => 200 };
        var command = new Command("demo", "The main job on an example election: print, proof, scan a batch of marked ballots, read them and check the reading against the truth.")
        {
            output, definition, sheets,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(definition)!, parse.GetValue(sheets)));
        return command;
    }

    private static int Run(DirectoryInfo output, FileInfo definitionFile, int sheets)
    {
        Console.WriteLine($"BallotScan demo · imaging engines: {EngineInfo.NativeVersions}; OCR: Tesseract {TesseractEngine.LibraryVersion}");
        Console.WriteLine();
        Console.WriteLine($"1. The election ({definitionFile.Name})");
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return 1;
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        Console.WriteLine($"   {definition.Title}: valid, rules '{definition.RuleProfile.Preset}'.");
        foreach (var contest in layout.Contests)
        {
            Console.WriteLine($"   {BallotWording.ContestHeading(contest)}: {string.Join("、", contest.Candidates)} (姓氏笔画){(contest.WriteIns > 0 ? $"，另选他人 {contest.WriteIns} 格" : string.Empty)}");
        }

        Console.WriteLine();
        Console.WriteLine("2. The ballot, printed and proofed");
        output.Create();
        var pdf = Path.Combine(output.FullName, $"{definition.Id}-{definition.BallotStyle}.pdf");
        File.WriteAllBytes(pdf, BallotPdfWriter.Write(layout, definition.Title));
        File.WriteAllText(Path.ChangeExtension(pdf, ".layout.json"), LayoutJson.Serialize(layout));
        var printed = PdfRasterizer.Render(pdf, 200);
        ProofReport proof;
        using (var ocr = TesseractEngine.Open())
        {
            proof = BallotProofer.Proof(layout, printed, ocr);
        }

        foreach (var page in printed)
        {
            page.Dispose();
        }

        Console.WriteLine($"   {pdf}: layout {layout.LayoutHash}; the proof read back {proof.Names.Count(n => n.Matches)} of {proof.Names.Count} printed names and all four QR codes: {(proof.Passed ? "the print is right" : "PROBLEMS: " + string.Join("; ", proof.Findings.Select(f => f.Message)))}.");

        Console.WriteLine();
        Console.WriteLine($"3. A batch of {sheets} scans: voters' marks with pens of every kind, write-ins, mistakes; a scanner's skew, upside-down feeds, noise, 1-bit TIFFs; and a few sheets that do not belong");
        var corpus = Path.Combine(output.FullName, "scans");
        if (Directory.Exists(corpus))
        {
            Directory.Delete(corpus, recursive: true);
        }

        var options = new SynthesisOptions { Seed = 7, OtherElectionRate = 0.02, BlankSheetRate = 0.01, NotABallotRate = 0.01, DuplicateFileRate = 0.01 };
        var manifest = CorpusWriter.Write(definition, options, sheets, corpus);
        Console.WriteLine($"   {corpus}: {string.Join(", ", manifest.Kinds.Select(k => $"{k.Value} {k.Key}"))}; the truth of each sheet is in truth/.");

        Console.WriteLine();
        Console.WriteLine("4. The machine reads every sheet, and its reading is checked against the truth");
        var reader = new BallotReader([layout], MarkClassifier.Shipped);
        var report = CorpusEvaluation.Run(corpus, reader);
        var result = report.Conditions[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
               {result.Positions} marking boxes on {result.BallotSheets} ballots:
                 read and counted by the machine   {result.ConfidentlyRight + result.ConfidentlyWrong}, of which wrong: {result.ConfidentlyWrong}
                 sent to the scrutineers            {result.ReviewNeeded + result.ReviewAvoidable} ({result.ReviewNeeded} that need a person anyway: write-ins, unclear or corrected marks, marks over the border; {result.ReviewAvoidable} where the machine was unsure)
               sheets that do not belong: {result.ForeignSheets}, all rejected with the reason: {(result.ForeignRejectedRightReason == result.ForeignSheets ? "yes" : "NO")}
               the same file twice: {result.DuplicateFiles}, counted once: {(result.DuplicateFilesFlagged == result.DuplicateFiles ? "yes" : "NO")}
               {report.SheetCount} sheets read in {report.Seconds:0.0} s on {Environment.ProcessorCount} cores.
            """));
        var ok = proof.Passed && result.ConfidentlyWrong == 0 && result.ForeignAccepted == 0 && result.ForeignRejectedRightReason == result.ForeignSheets;
        Console.WriteLine(ok
            ? $"Demo complete: nothing was counted wrongly, and everything uncertain went to a person. Files are in {output.FullName}."
            : "Demo found a problem (see above).");
        Console.WriteLine("To read the scans yourself: ./ballotscan read " + Path.Combine(output.ToString(), "scans", "sheets") + " -d " + definitionFile + " -o out/readings");
        return ok ? 0 : 1;
    }
}
