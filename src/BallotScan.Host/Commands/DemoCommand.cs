using System.CommandLine;
using System.Globalization;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Proofing;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Synthesis;

namespace BallotScan.Host.Commands;

/// <summary>
/// `ballotscan demo`: the main job, start to finish: check the example election, print its ballot, proof the print, make a
/// batch of marked ballots (with uncertain marks, write-ins and sheets that do not belong), read every sheet, count by the
/// machine alone, apply the scrutineers' decisions, reconcile with a hand count holding one mistake, and write the result report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = Cli.S("演示的选票、扫描件和识别结果的输出文件夹。", "Folder for the demo's ballot, scans and readings."),
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")),
        };
        var definition = new Option<FileInfo>("--definition", "-d")
        {
            Description = Cli.S("要演示的选举。", "The election to demonstrate."),
            DefaultValueFactory = _ => new FileInfo(Path.Combine("examples", "villagers-committee.json")),
        };
        var sheets = new Option<int>("--sheets") { Description = Cli.S("生成并识别多少张扫描件。", "How many scanned sheets to make and read."), DefaultValueFactory = _ => 700 };
        var command = new Command("demo", Cli.S("在示例选举上演示全流程：印制、校对、扫描一批已填写的选票、识别，并与真实情况核对。", "The main job on an example election: print, proof, scan a batch of marked ballots, read them and check the reading against the truth."))
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
        var definitionJson = File.ReadAllText(definitionFile.FullName);
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

        // Rescans (the same paper through the scanner twice) are left out: the count would suspect them and leave them
        // for the scrutineers, and the demo counts without a person. Duplicate files are in, and must count once.
        // Where the rules print a seal area, every ballot issued at the venue bears the committee's seal.
        var options = new SynthesisOptions
        {
            Seed = 7, OtherElectionRate = 0.01, BlankSheetRate = 0.005, NotABallotRate = 0.005, DuplicateFileRate = 0.005, RescanRate = 0,
            SealRate = layout.Pages.Any(p => p.Seal is not null) ? 1 : 0,
        };
        var manifest = CorpusWriter.Write(definition, options, sheets, corpus);
        Console.WriteLine($"   {corpus}: {string.Join(", ", manifest.Kinds.Select(k => $"{k.Value} {k.Key}"))}; the truth of each sheet is in truth/.");

        Console.WriteLine();
        Console.WriteLine("4. The machine reads every sheet");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var read = ReadCommands.ReadAll(ReadCommands.ImageFiles(Path.Combine(corpus, "sheets"))!, new BallotReader([layout], MarkClassifier.Shipped), Path.Combine(corpus, "sheets"));
        var positions = read.SelectMany(r => r.Positions).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {read.Count} sheets in {clock.Elapsed.TotalSeconds:0.0} s: {read.Count(r => r.Accepted)} ballots placed, {read.Count(r => !r.Accepted)} not (another election, not a ballot, the same file again); {positions.Count} marking boxes, {positions.Count(p => p.Band == DecisionBand.Review)} of them for the scrutineers."));

        var truths = manifest.Sheets.Select(e => CorpusWriter.ReadTruth(corpus, e)).ToList();
        var ballots = truths.Count(t => t.Kind == SheetKind.Ballot);
        var figures = new MeetingFigures { Due = definition.Electorate.Registered, Issued = ballots + 6, Returned = ballots };
        var truthCount = TruthCount.Run(definition, layout, truths, figures);

        Console.WriteLine();
        Console.WriteLine("5. The count by the machine alone: nothing uncertain is counted");
        var machine = Counted.Compute(definition, definitionJson, layout, read, [], null);
        Console.WriteLine($"   {machine.Result.MachineOnly.ValidBallots + machine.Result.MachineOnly.VoidBallots} ballots settled by the machine; {machine.Result.ReviewList.Count} wait for the scrutineers, e.g.:");
        foreach (var item in machine.Result.ReviewList.Take(4))
        {
            Console.WriteLine($"     {Path.GetFileName(item.Source)}: {string.Join("; ", item.Items)}");
        }

        Console.WriteLine();
        Console.WriteLine("6. The scrutineers decide every item on the review list (in this demo their decisions are taken from the generator's truth)");
        var decisions = TruthCount.Scrutinise(read, truths.Where(t => t.Kind != SheetKind.DuplicateFile).ToDictionary(t => t.Sha256, StringComparer.Ordinal), layout);
        var decisionsFile = Path.Combine(output.FullName, "adjudications.json");
        File.WriteAllText(decisionsFile, System.Text.Json.JsonSerializer.Serialize(new AdjudicationFile { ElectionId = definition.Id, Decisions = decisions }, ElectionJson.Options));
        Console.WriteLine($"   {decisions.Count} decisions, each with who and why, in {decisionsFile}; the machine's readings stay as they were.");

        Console.WriteLine();
        Console.WriteLine("7. The hand count (唱票/计票), with one mistake: one ○ called as ×");
        var counted = Counted.Compute(definition, definitionJson, layout, read, decisions, null);
        var (hand, mistakeSheet) = TruthCount.HandTallyWithOneMistake(truthCount, counted.Result.Records);
        var handFile = Path.Combine(output.FullName, "hand-tally.csv");
        File.WriteAllText(handFile, HandTally.ToCsv(hand, definition), new System.Text.UTF8Encoding(true));
        Console.WriteLine($"   {handFile}: {hand.Count} lines, as on the result report.");

        Console.WriteLine();
        Console.WriteLine("8. The count with the scrutineers' decisions, reconciled with the hand count");
        var final = Counted.Compute(definition, definitionJson, layout, read, decisions, HandTally.Load(handFile, definition));
        var resultFolder = Path.Combine(output.FullName, "result");
        final.Write(resultFolder);
        final.Print(Console.Out);
        var agreesWithTruth = ResultLines.Of(final.Result.Adjudicated).SequenceEqual(ResultLines.Of(truthCount.Adjudicated));
        var found = final.Reconciliation!.Differences.Any(d => d.Suspects.Any(x => x.Sheet == mistakeSheet));
        Console.WriteLine();
        Console.WriteLine($"   The count with the decisions equals what the voters marked (the generator's truth): {(agreesWithTruth ? "yes" : "NO")}.");
        Console.WriteLine($"   The hand count's mistake is found, and its ballot ({mistakeSheet[..12]}…) is among the sheets listed: {(found ? "yes" : "NO")}.");
        Console.WriteLine($"   Result report: {Path.Combine(resultFolder, "result.pdf")}");

        var ok = proof.Passed && agreesWithTruth && found && final.Result.ReviewList.Count == 0;
        Console.WriteLine(ok
            ? $"Demo complete: nothing uncertain was counted without a person, the count equals the truth, and the hand count's mistake was traced to its ballot. Files are in {output.FullName}."
            : "Demo found a problem (see above).");
        return ok ? 0 : 1;
    }
}
