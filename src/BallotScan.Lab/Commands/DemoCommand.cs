using BallotScan.Host.Commands;
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
using BallotScan.Lab.Synthesis;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Lab.Commands;

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
        Console.WriteLine(Cli.S($"BallotScan 演示 · 图像引擎：{EngineInfo.NativeVersions}；OCR：Tesseract {TesseractEngine.LibraryVersion}", $"BallotScan demo · imaging engines: {EngineInfo.NativeVersions}; OCR: Tesseract {TesseractEngine.LibraryVersion}"));
        Console.WriteLine();
        Console.WriteLine(Cli.S($"1. 选举（{definitionFile.Name}）", $"1. The election ({definitionFile.Name})"));
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return 1;
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        var definitionJson = File.ReadAllText(definitionFile.FullName);
        Console.WriteLine(Cli.S($"   {definition.Title}：检查通过，计票规则：{Words.Preset(new Lang(false), definition.RuleProfile.Preset)}。", $"   {definition.Title}: valid, rules '{definition.RuleProfile.Preset}'."));
        foreach (var contest in layout.Contests)
        {
            Console.WriteLine(Cli.S($"   {BallotWording.ContestHeading(contest)}：{string.Join("、", contest.Candidates)}（按姓氏笔画）{(contest.WriteIns > 0 ? $"，另选他人 {contest.WriteIns} 格" : string.Empty)}", $"   {BallotWording.ContestHeading(contest)}: {string.Join("、", contest.Candidates)} (by surname strokes){(contest.WriteIns > 0 ? $", {contest.WriteIns} write-in cell(s)" : string.Empty)}"));
        }

        Console.WriteLine();
        Console.WriteLine(Cli.S("2. 印制选票并校对", "2. The ballot, printed and proofed"));
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

        Console.WriteLine(Cli.S(
            $"   {pdf}：版式 {layout.LayoutHash}；校对读回 {proof.Names.Count} 个印刷姓名中的 {proof.Names.Count(n => n.Matches)} 个及全部四个二维码：{(proof.Passed ? "印刷正确" : "有问题：" + string.Join("；", proof.Findings.Select(f => ProblemWords.Say(new Lang(English: false), f))))}。",
            $"   {pdf}: layout {layout.LayoutHash}; the proof read back {proof.Names.Count(n => n.Matches)} of {proof.Names.Count} printed names and all four QR codes: {(proof.Passed ? "the print is right" : "PROBLEMS: " + string.Join("; ", proof.Findings.Select(f => ProblemWords.Say(new Lang(English: true), f))))}."));

        Console.WriteLine();
        Console.WriteLine(Cli.S(
            $"3. 一批 {sheets} 张扫描件：选民用各种笔画的符号、另选他人、涂改；扫描仪的歪斜、倒放、噪点、1 位 TIFF；以及几张不该有的图像",
            $"3. A batch of {sheets} scans: voters' marks with pens of every kind, write-ins, mistakes; a scanner's skew, upside-down feeds, noise, 1-bit TIFFs; and a few sheets that do not belong"));
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
        var manifest = CliProgress.Run(Cli.S("生成扫描件", "making scans"), sheets, progress =>
            CorpusWriter.Write(definition, options, sheets, corpus, new Progress<CorpusProgress>(p => progress.Done(p.Done))));
        Console.WriteLine(Cli.S(
            $"   {corpus}：{string.Join("，", manifest.Kinds.Select(k => $"{SynthCommand.KindName(k.Key)} {k.Value}"))}；每张的真实情况在 truth/ 中。",
            $"   {corpus}: {string.Join(", ", manifest.Kinds.Select(k => $"{k.Value} {k.Key}"))}; the truth of each sheet is in truth/."));

        Console.WriteLine();
        Console.WriteLine(Cli.S("4. 机器识别每张扫描件", "4. The machine reads every sheet"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var read = Scans.ReadAll(Scans.ImageFiles(Path.Combine(corpus, "sheets"))!, new BallotReader([layout], MarkClassifier.Shipped), Path.Combine(corpus, "sheets"));
        var positions = read.SelectMany(r => r.Positions).ToList();
        var seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine(Cli.S(
            $"   {read.Count} 张，用时 {seconds} 秒：定位选票 {read.Count(r => r.Accepted)} 张，未定位 {read.Count(r => !r.Accepted)} 张（其他选举、不是选票、重复文件）；表决框 {positions.Count} 个，其中 {positions.Count(p => p.Band == DecisionBand.Review)} 个交监票人裁定。",
            $"   {read.Count} sheets in {seconds} s: {read.Count(r => r.Accepted)} ballots placed, {read.Count(r => !r.Accepted)} not (another election, not a ballot, the same file again); {positions.Count} marking boxes, {positions.Count(p => p.Band == DecisionBand.Review)} of them for the scrutineers."));

        var truths = manifest.Sheets.Select(e => CorpusWriter.ReadTruth(corpus, e)).ToList();
        var ballots = truths.Count(t => t.Kind == SheetKind.Ballot);
        var figures = new MeetingFigures { Due = definition.Electorate.Registered, Issued = ballots + 6, Returned = ballots };
        var truthCount = TruthCount.Run(definition, layout, truths, figures);

        Console.WriteLine();
        Console.WriteLine(Cli.S("5. 机器独自计票：不确定的一律不计", "5. The count by the machine alone: nothing uncertain is counted"));
        var machine = Counted.Compute(definition, definitionJson, layout, read, [], null);
        Console.WriteLine(Cli.S(
            $"   机器确定 {machine.Result.MachineOnly.ValidBallots + machine.Result.MachineOnly.VoidBallots} 张；{machine.Result.ReviewList.Count} 张待监票人裁定，例如：",
            $"   {machine.Result.MachineOnly.ValidBallots + machine.Result.MachineOnly.VoidBallots} ballots settled by the machine; {machine.Result.ReviewList.Count} wait for the scrutineers, e.g.:"));
        var lang = new Lang(Cli.English);
        foreach (var item in machine.Result.ReviewList.Take(4))
        {
            Console.WriteLine($"     {Path.GetFileName(item.Source)}: {string.Join(Cli.S("；", "; "), item.Items.Select(x => Words.Waiting(lang, layout, definition, x)))}");
        }

        Console.WriteLine();
        Console.WriteLine(Cli.S("6. 监票人裁定待审清单上的每一项（本演示中按生成器的真实情况裁定）", "6. The scrutineers decide every item on the review list (in this demo their decisions are taken from the generator's truth)"));
        var decisions = TruthCount.Scrutinise(read, truths.Where(t => t.Kind != SheetKind.DuplicateFile).ToDictionary(t => t.Sha256, StringComparer.Ordinal), layout);
        var decisionsFile = Path.Combine(output.FullName, "adjudications.json");
        File.WriteAllText(decisionsFile, System.Text.Json.JsonSerializer.Serialize(new AdjudicationFile { ElectionId = definition.Id, Decisions = decisions }, ElectionJson.Options));
        Console.WriteLine(Cli.S($"   {decisions.Count} 项裁定（每项记录裁定人和理由）写在 {decisionsFile}；机器的识别结果原样保留。", $"   {decisions.Count} decisions, each with who and why, in {decisionsFile}; the machine's readings stay as they were."));

        Console.WriteLine();
        Console.WriteLine(Cli.S("7. 手工计票（唱票/计票），有一处错误：一个○被唱成×", "7. The hand count (唱票/计票), with one mistake: one ○ called as ×"));
        var counted = Counted.Compute(definition, definitionJson, layout, read, decisions, null);
        var (hand, mistakeSheet) = TruthCount.HandTallyWithOneMistake(truthCount, counted.Result.Records);
        var handFile = Path.Combine(output.FullName, "hand-tally.csv");
        File.WriteAllText(handFile, HandTally.ToCsv(hand, definition), new System.Text.UTF8Encoding(true));
        Console.WriteLine(Cli.S($"   {handFile}：{hand.Count} 行，与选举结果报告单一致。", $"   {handFile}: {hand.Count} lines, as on the result report."));

        Console.WriteLine();
        Console.WriteLine(Cli.S("8. 采用监票人裁定计票，并与手工计票逐行核对", "8. The count with the scrutineers' decisions, reconciled with the hand count"));
        var final = Counted.Compute(definition, definitionJson, layout, read, decisions, HandTally.Load(handFile, definition));
        var resultFolder = Path.Combine(output.FullName, "result");
        final.Write(resultFolder);
        final.Print(Console.Out);
        var agreesWithTruth = ResultLines.Of(final.Result.Adjudicated).SequenceEqual(ResultLines.Of(truthCount.Adjudicated));
        var found = final.Reconciliation!.Differences.Any(d => d.Suspects.Any(x => x.Sheet == mistakeSheet));
        Console.WriteLine();
        Console.WriteLine(Cli.S($"   采用裁定后的计票结果与选民所画一致（生成器的真实情况）：{(agreesWithTruth ? "是" : "否！")}", $"   The count with the decisions equals what the voters marked (the generator's truth): {(agreesWithTruth ? "yes" : "NO")}."));
        Console.WriteLine(Cli.S($"   手工计票的错误已找到，其选票（{mistakeSheet[..12]}…）在列出的选票中：{(found ? "是" : "否！")}", $"   The hand count's mistake is found, and its ballot ({mistakeSheet[..12]}…) is among the sheets listed: {(found ? "yes" : "NO")}."));
        Console.WriteLine(Cli.S($"   选举结果报告单：{Path.Combine(resultFolder, "result.pdf")}", $"   Result report: {Path.Combine(resultFolder, "result.pdf")}"));

        var ok = proof.Passed && agreesWithTruth && found && final.Result.ReviewList.Count == 0;
        Console.WriteLine(ok
            ? Cli.S($"演示完成：不确定的都经人工裁定，计票结果与真实情况一致，手工计票的错误追溯到了它的选票。文件在 {output.FullName}。", $"Demo complete: nothing uncertain was counted without a person, the count equals the truth, and the hand count's mistake was traced to its ballot. Files are in {output.FullName}.")
            : Cli.S("演示发现问题（见上）。", "Demo found a problem (see above)."));
        return ok ? 0 : 1;
    }
}
