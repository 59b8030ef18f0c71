using System.CommandLine;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan archive export|verify` and `ballotscan audit sample`: keep a count so that it can be checked months later.</summary>
internal static class ArchiveCommands
{
    /// <summary>The files of a count folder kept in the archive beside the sheets: the sealed ones, and the report that carries the root.</summary>
    /// <summary>`archive export`, `verify`, `reread`, and <paramref name="more"/> (the station's `archive import`).</summary>
    public static Command Archive(params Command[] more)
    {
        var count = new Argument<DirectoryInfo>("count") { Description = Cli.S("由 `ballotscan count` 写出的文件夹。", "The folder written by `ballotscan count`.") };
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.S("要写的档案文件（.zip）。", "The archive file to write (.zip)."), Required = true };
        var export = new Command("export", Cli.S("把一次计票写成一个完整的档案：所有原始图像（不作改动）、每项识别和裁定、选举定义、校准和结果，附清单和 Merkle 根。", "Write one self-contained archive of a count: every original image untouched, every reading and decision, the definition, the calibration and the result, with a manifest and the Merkle root.")) { count, output };
        export.SetAction(parse => Export(parse.GetValue(count)!, parse.GetValue(output)!));

        var file = new Argument<FileInfo>("archive") { Description = Cli.S("由 `ballotscan archive export` 写出的档案。", "An archive written by `ballotscan archive export`.") };
        var root = new Option<string?>("--root") { Description = Cli.S("结果报告上印的 Merkle 根（选票档案校验值）。", "The Merkle root printed on the result report (选票档案校验值).") };
        var verify = new Command("verify", Cli.S("重新计算档案的每个哈希值和 Merkle 根；指出缺失、多出或被改动的每张选票。", "Recompute every hash and the Merkle root of an archive; name each sheet missing, added or altered.")) { file, root };
        verify.SetAction(parse => Verify(parse.GetValue(file)!, parse.GetValue(root)));
        var rereadFile = new Argument<FileInfo>("archive") { Description = Cli.S("由 `ballotscan archive export` 写出的档案。", "An archive written by `ballotscan archive export`.") };
        var reread = new Command("reread", Cli.S("用今天的识别程序重新识别档案中的每个图像，列出识别结果有变化的选票（已确认的结果不变）。", "Read every archived image again with today's reader and list every sheet whose reading changed (the certified result is not changed).")) { rereadFile };
        reread.SetAction(parse => Reread(parse.GetValue(rereadFile)!));
        var archive = new Command("archive", Cli.S("计票存档、校验档案、把档案导入计票站。", "Archive a count, check an archive, take it into a station.")) { export, verify, reread };
        foreach (var command in more)
        {
            archive.Subcommands.Add(command);
        }

        return archive;
    }

    public static Command Audit()
    {
        var file = new Argument<FileInfo>("archive") { Description = Cli.S("由 `ballotscan archive export` 写出的档案。", "An archive written by `ballotscan archive export`.") };
        var seed = new Option<string>("--seed") { Description = Cli.S("公开的随机种子（例如当众掷骰得到的二十位数字）。", "The public seed (e.g. twenty digits from dice rolled in public)."), Required = true };
        var count = new Option<int>("-n") { Description = Cli.S("抽取多少张。", "How many sheets to draw."), DefaultValueFactory = _ => 10 };
        var extract = new Option<DirectoryInfo?>("--extract") { Description = Cli.S("把抽到的图像复制到这里，与其识别结果对照查看。", "Copy the drawn images here, to look at beside their readings.") };
        var record = new Option<FileInfo>("--record") { Description = Cli.S("要写出的抽查记录表，供审计员逐张填写（一致或不一致，并写明情况）。", "The spot-check record to write, for the auditor to fill in (agree / disagree and a note per sheet)."), DefaultValueFactory = _ => new FileInfo("spot-check.csv") };
        var against = new Option<string>("--against") { Description = Cli.T("paper（默认：调取纸质选票，与计入的结果及图像比对）或 image（快速模式：只看图像） / paper (the default: pull each paper ballot and compare it with the count and with its image) or image (the quick mode: the images only)."), DefaultValueFactory = _ => "paper" };
        against.AcceptOnlyFromAmong("paper", "image");
        var sample = new Command("sample", Cli.S("用任何人都能按种子重算的 SHA-256 抽样抽取要抽查的选票；给出调取清单（批次、位置）以便取出纸质选票，以及每张的计入结果。", "Draw sheets to spot-check with a SHA-256 sampler anyone can recompute from the seed; give the retrieval list (batch, position) to pull their paper, and what was counted for each.")) { file, seed, count, extract, record, against };
        sample.SetAction(parse => Sample(parse.GetValue(file)!, parse.GetValue(seed)!, parse.GetValue(count), parse.GetValue(extract), parse.GetValue(record)!, parse.GetValue(against) != "image"));

        var filled = new Argument<FileInfo>("record") { Description = Cli.S("审计员填好的抽查记录。", "The spot-check record, filled in by the auditor.") };
        var archive = new Option<FileInfo?>("--archive") { Description = Cli.S("抽样所依据的档案：给出时计算每个职位结果的风险（Kaplan-Markov，逐票比对）。", "The archive the sheets were drawn from: with it, the risk of each contest's outcome is measured (Kaplan-Markov, ballot comparison).") };
        var riskLimit = new Option<double>("--risk-limit") { Description = Cli.S("本次抽查要达到的风险上限 α。", "The risk limit α the audit aims for."), DefaultValueFactory = _ => 0.1 };
        var gamma = new Option<double>("--gamma") { Description = Cli.S("Kaplan-Markov 界的 γ。", "γ of the Kaplan-Markov bound."), DefaultValueFactory = _ => KaplanMarkov.DefaultGamma };
        var summary = new Command("summary", Cli.S("汇总填好的抽查记录：一致、不一致和尚未查看的张数，每处不一致；给出 --archive 时计算每个职位达到的风险。", "Summarise a filled-in spot-check record: sheets agreeing, disagreeing and not yet looked at, each disagreement, and with --archive the risk reached for each contest.")) { filled, archive, riskLimit, gamma };
        summary.SetAction(parse => Summary(parse.GetValue(filled)!, parse.GetValue(archive), parse.GetValue(riskLimit), parse.GetValue(gamma)));
        return new Command("audit", Cli.S("对照图像抽查已存档的计票。", "Spot-check an archived count against its images.")) { sample, summary };
    }

    private static int Export(DirectoryInfo folder, FileInfo output)
    {
        try
        {
            var count = CountFolderReading.Load(folder);
            // The archive's folder is made if it is not there yet (`-o 存档/2026/村.zip`), as `count -o` makes its own.
            output.Directory?.Create();
            var sources = count.Sheets.Where(s => s.Sha256 is not null && s.Source is not null).GroupBy(s => s.Sha256!).ToDictionary(g => g.Key, g => g.First().Source!);
            var manifest = CountArchive.Write(count.Files, count.Records, r => File.ReadAllBytes(sources[r.ImageSha256]), output.FullName);
            Console.WriteLine(Cli.S($"{output.FullName}：{manifest.Sheets.Count} 张选票，Merkle 根 {manifest.MerkleRoot}（即结果报告单上印的校验值）。", $"{output.FullName}: {manifest.Sheets.Count} sheet(s), Merkle root {manifest.MerkleRoot} (the root printed on the result report)."));
            return 0;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or KeyNotFoundException or UnauthorizedAccessException or ElectionDefinitionException)
        {
            Console.Error.WriteLine($"{Cli.S("未存档：", "Not archived: ")}{ProblemWords.Say(Cli.Lang, e)}");
            return 1;
        }
    }

    private static int Verify(FileInfo file, string? root)
    {
        var result = ArchiveVerifier.Verify(file.FullName, root);
        foreach (var problem in result.Problems)
        {
            Console.WriteLine(Cli.S($"  {ProblemName(problem.Kind)} {problem.Entry}", $"  {ProblemName(problem.Kind)} {problem.Entry}: {problem.Message}"));
        }

        if (result.Manifest is { } m)
        {
            Console.WriteLine(Cli.S(
                $"选举 {m.ElectionId} 的 {m.Sheets.Count} 张选票；重新计算的 Merkle 根 {result.RecomputedRoot}，档案记录的 {m.MerkleRoot}{(root is null ? string.Empty : $"，报告单上的 {root}")}。",
                $"{m.Sheets.Count} sheet(s) of {m.ElectionId}; Merkle root recomputed {result.RecomputedRoot}, recorded {m.MerkleRoot}{(root is null ? string.Empty : $", on the report {root}")}."));
        }

        if (root is null)
        {
            Console.WriteLine(Cli.T("未给出报告单上的校验值 (--root)：只检查了档案自身是否一致。 / No --root given: the archive was checked against itself only, not against the paper report."));
        }

        Console.WriteLine(Cli.T(result.Passed
            ? "档案完好：每张图像、识别结果、裁定、选举定义、计票规则与结果均与计票时相同，重新计票结果一致。 / The archive is intact: every image, reading and decision, the definition, calibration and result are as counted, and counted again it gives its result."
            : "档案与计票时不符（见上）。 / THE ARCHIVE DOES NOT MATCH what was counted (see above)."));
        return result.Passed ? 0 : 2;
    }

    private static string ProblemName(ArchiveProblemKind kind) => kind switch
    {
        ArchiveProblemKind.Missing => Cli.S("缺失", "missing"),
        ArchiveProblemKind.Added => Cli.S("多出（不在清单中）", "added"),
        ArchiveProblemKind.Altered => Cli.S("被改动", "altered"),
        ArchiveProblemKind.Duplicate => Cli.S("重名", "duplicate"),
        ArchiveProblemKind.Recounted => Cli.S("重新计票不符", "recount differs"),
        _ => Cli.S("不支持的档案格式", "unsupported"),
    };

    private static int Reread(FileInfo file)
    {
        if (LoadVerified(file, ("未重新识别", "nothing is re-read")) is not { } count)
        {
            return 2;
        }

        var reader = new BallotReader([count.Layout], MarkClassifier.Shipped);
        var changes = new List<ReadingChange>();
        var changedSheets = 0;
        foreach (var (sheet, image) in count.Images(count.Sheets))
        {
            var counted = sheet.Reading;
            var pages = reader.ReadFile(image, counted.Source ?? sheet.Entry.Image);
            var today = pages.FirstOrDefault(p => p.SourcePage == counted.SourcePage) ?? pages[0];
            var differences = Engine.Audit.Reread.Compare(counted, today);
            changedSheets += differences.Count > 0 ? 1 : 0;
            changes.AddRange(differences);
        }

        foreach (var c in changes)
        {
            Console.WriteLine(Cli.S($"  {c.Sheet[..Math.Min(16, c.Sheet.Length)]}… {c.Box}：当时计为 {c.Counted}；今天读为 {c.Today}", $"  {c.Sheet[..Math.Min(16, c.Sheet.Length)]}… {c.Box}: counted {c.Counted}; today {c.Today}"));
        }

        Console.WriteLine(Cli.S(
            $"用 BallotScan {ResultReportPdf.SoftwareVersion} 重新识别 {count.Sheets.Count} 张：今天读法不同的 {changedSheets} 张（{changes.Count} 处）。已确认的结果不变；不同之处供审计员查看。",
            $"{count.Sheets.Count} sheet(s) re-read with BallotScan {ResultReportPdf.SoftwareVersion}: {changedSheets} read differently today ({changes.Count} place(s)). The certified result is unchanged; differences are for the auditors to look at."));
        return 0;
    }

    /// <summary>The archive read back if it verifies; otherwise says so (and what is not done) and gives null.</summary>
    private static ArchivedCount? LoadVerified(FileInfo file, (string Chinese, string English) notDone)
    {
        try
        {
            return ArchivedCount.Load(file.FullName);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Console.Error.WriteLine(Cli.S($"档案无法通过校验，{notDone.Chinese}（{e.Message}）", $"{e.Message} So {notDone.English}."));
            return null;
        }
    }

    private static int Summary(FileInfo record, FileInfo? archive, double riskLimit, double gamma)
    {
        IReadOnlyList<SpotCheckEntry> entries;
        try
        {
            entries = SpotCheck.Parse(File.ReadAllText(record.FullName));
        }
        catch (Exception e) when (e is SpotCheckException or IOException)
        {
            Console.Error.WriteLine($"{record.Name}: {ProblemWords.Say(Cli.Lang, e)}");
            return 1;
        }

        var wrongImages = entries.Where(e => e.ImageMatchesPaper == false).ToList();
        foreach (var w in wrongImages)
        {
            Console.WriteLine(Cli.S(
                $"  图像不是这张纸质选票的图像（扫描故障或文件被调换）：抽中第 {w.Order} 张 {w.Sheet}：{w.Note}",
                $"  the image is not this paper's (a scanner fault or a swapped file): draw {w.Order}, {w.Sheet}: {w.Note}"));
        }

        var agree = entries.Count(e => e.Finding == SpotCheckFinding.Agree);
        var disagree = entries.Where(e => e.Finding == SpotCheckFinding.Disagree).ToList();
        var open = entries.Count(e => e.Finding == SpotCheckFinding.Open);
        Console.WriteLine(Cli.S($"抽中 {entries.Count} 张：与计入结果一致 {agree} 张，不一致 {disagree.Count} 张，尚未查看 {open} 张。", $"{entries.Count} sheet(s) drawn: {agree} agree with what was counted, {disagree.Count} disagree, {open} not yet looked at."));
        foreach (var d in disagree)
        {
            Console.WriteLine($"  {d.Order}. {d.Sheet} ({d.File}): {d.Note}{(d.AuditedMarks.Length > 0 ? $" [{d.AuditedMarks}]" : string.Empty)}");
        }

        if (archive is not null)
        {
            try
            {
                var count = ArchivedCount.Load(archive.FullName);
                foreach (var line in RiskLines(count, entries, riskLimit, gamma))
                {
                    Console.WriteLine(line);
                }
            }
            catch (Exception e) when (e is FileProblemException or FormatException or InvalidDataException or IOException)
            {
                Console.Error.WriteLine(ProblemWords.Say(Cli.Lang, e));
                return 1;
            }
        }

        return disagree.Count == 0 && wrongImages.Count == 0 ? 0 : 2;
    }

    /// <summary>The risk reached for each contest's outcome, in words.</summary>
    private static IEnumerable<string> RiskLines(ArchivedCount count, IReadOnlyList<SpotCheckEntry> entries, double riskLimit, double gamma)
    {
        var (risks, unmeasured) = SpotCheck.Risks(entries, count.Definition, count.Layout, count.Sheets.ToDictionary(s => s.Reading.SheetId, s => s.Reading, StringComparer.Ordinal), count.Decisions, count.Count().Adjudicated, gamma);
        yield return Cli.S(
            $"各职位结果的风险（Kaplan-Markov 逐张比对，Stark 2010；γ = {gamma}，风险限 {riskLimit:P0}）：",
            $"Risk of each contest's outcome (Kaplan-Markov ballot comparison, Stark 2010; γ = {gamma}, risk limit {riskLimit:P0}):");
        foreach (var d in unmeasured)
        {
            yield return Cli.S(
                $"  抽中第 {d.Order} 张不一致，但没有写明纸上的符号：写明之前不计算风险（方框=符号；…）。",
                $"  sheet {d.Order} disagrees but its audited marks are not written: no risk is measured until they are (box=symbol; …).");
        }

        foreach (var r in risks)
        {
            var verdict = r.Note switch
            {
                RiskNote.NoOutcome => Cli.S("没有可核对的结果（选举无效）", "no outcome to check (the vote is void)"),
                RiskNote.TieAtLastSeat => Cli.S("最后一个名额票数相同：没有差额，须另行投票决定", "a tie at the last seat: no margin, a new vote decides"),
                RiskNote.NothingToCheck => Cli.S("没有需要核对的", "nothing to check"),
                _ => null,
            } ?? (r.Risk <= riskLimit
                ? Cli.S("已达到风险限", "risk limit reached")
                : Cli.S($"未达到：约还需 {r.BallotsStillNeeded(riskLimit, gamma)} 张无差异的选票", $"not reached: about {r.BallotsStillNeeded(riskLimit, gamma)} more ballots without discrepancy"));
            yield return Cli.S(
                $"  {r.Title}：最小差额 {r.SmallestMargin} 票，共 {r.Ballots} 张选票（μ = {r.DilutedMargin:0.0000}）；已比对 {r.Audited} 张，o₁ {r.OneOver}，o₂ {r.TwoOver}，u₁ {r.OneUnder}，u₂ {r.TwoUnder}：风险 {r.Risk:0.0000}，{verdict}。",
                $"  {r.Title}: smallest margin {r.SmallestMargin} vote(s) of {r.Ballots} ballots (μ = {r.DilutedMargin:0.0000}); {r.Audited} compared, o₁ {r.OneOver}, o₂ {r.TwoOver}, u₁ {r.OneUnder}, u₂ {r.TwoUnder}: risk {r.Risk:0.0000}, {verdict}.");
        }
    }

    private static int Sample(FileInfo file, string seed, int n, DirectoryInfo? extract, FileInfo record, bool againstPaper)
    {
        if (LoadVerified(file, ("未抽样", "no sample is drawn from it")) is not { } count)
        {
            return 2;
        }

        var drawn = SpotCheckSampler.Draw(seed, count.Sheets.Select(s => s.Reading.SheetId), n);
        Console.WriteLine(Cli.S($"种子“{seed}”：从 {count.Sheets.Count} 张中抽 {drawn.Count} 张，按 SHA-256(\"种子,选票号\") 从小到大（任何人都可以重算）。", $"Seed \"{seed}\": {drawn.Count} of {count.Sheets.Count} sheets, drawn by SHA-256(\"seed,sheetId\"), smallest first (anyone can recompute it)."));
        var retrieval = RetrievalList.Of(drawn, [.. count.Sheets.Select(s => s.Reading)]);
        if (againstPaper)
        {
            Console.WriteLine(Cli.S("调取清单（按批次、按扫描顺序排列：每个信封从前往后翻一遍即可）：", "Retrieval list, sorted for pulling paper (each envelope once, front to back):"));
            foreach (var r in retrieval)
            {
                var position = r.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
                Console.WriteLine(Cli.S(
                    $"  批次 {(r.Batch.Length == 0 ? "未分批" : r.Batch)}  第 {position} 个文件{(r.Page > 1 ? $" 第 {r.Page} 页" : string.Empty)}  抽中第 {r.Order} 张  {r.File}  SHA-256 {r.Sheet[..Math.Min(16, r.Sheet.Length)]}…",
                    $"  batch {(r.Batch.Length == 0 ? "(none)" : r.Batch)}  file {position}{(r.Page > 1 ? $" page {r.Page}" : string.Empty)}  draw {r.Order}  {r.File}  SHA-256 {r.Sheet[..Math.Min(16, r.Sheet.Length)]}…"));
            }
        }

        var lang = new Lang(Cli.English);
        var names = count.Layout.AllBoxes.ToDictionary(b => b.Id, b => Words.Box(lang, count.Layout, count.Definition, b.Id), StringComparer.Ordinal);
        extract?.Create();
        var bySheet = count.Sheets.ToDictionary(s => s.Reading.SheetId, StringComparer.Ordinal);
        var index = 0;
        var files = new List<(string Sheet, string File)>();
        foreach (var (sheet, image) in count.Images(drawn.Select(id => bySheet[id])))
        {
            var reading = sheet.Reading;
            index++;
            files.Add((reading.SheetId, Path.GetFileName(reading.Source) ?? Path.GetFileName(sheet.Entry.Image)));
            Console.WriteLine($"{index,3}. {reading.SheetId}  ({Path.GetFileName(reading.Source)}) {(reading.Accepted ? string.Empty : Cli.S("未识别：", "not placed: ") + Words.SheetMessage(lang, count.Definition, reading))}");
            foreach (var p in reading.Positions)
            {
                var decided = sheet.Decisions.LastOrDefault(d => d.BoxId == p.BoxId);
                var machine = Cli.S($"机器读作 {Words.Symbol(lang, p.Symbol)}", $"machine {p.Symbol,-6}");
                var judged = decided is null ? string.Empty : Cli.S(
                    $"  → 监票人 {decided.Scrutineer} 裁定 {(decided.Symbol is { } ds ? Words.Symbol(lang, ds) : string.Empty)} {decided.WriteInName}：{decided.Reason}",
                    $"  → decided {decided.Symbol?.ToString() ?? string.Empty} {decided.WriteInName} by {decided.Scrutineer}: {decided.Reason}");
                Console.WriteLine($"       {names.GetValueOrDefault(p.BoxId, p.BoxId),-12} {machine} {p.Confidence:0.000}{judged}");
            }

            if (extract is not null)
            {
                File.WriteAllBytes(Path.Combine(extract.FullName, $"{index:D3}-{Path.GetFileName(sheet.Entry.Image)}"), image);
            }
        }

        File.WriteAllText(record.FullName, againstPaper ? SpotCheck.BlankForPaper(retrieval) : SpotCheck.Blank(files), new UTF8Encoding(true));
        Console.WriteLine(againstPaper
            ? Cli.S($"逐张调取纸质选票：与计入的结果比对（一致 / 不一致，不一致时写明纸上的符号），并记录图像是否就是这张纸的图像（是 / 否），填入 {record.FullName}；然后 ./ballotscan audit summary {record.Name} --archive {file.Name}。", $"Pull each paper ballot; compare it with what was counted (agree / disagree, and what the paper shows where it differs) and say whether the image is this paper's (yes / no) in {record.FullName}; then ./ballotscan audit summary.")
            : Cli.S($"快速模式（只看图像，不看纸质选票）。", $"The quick mode, images only (no paper): compare each image with its reading and record agree / disagree with a note in {record.FullName}; then ./ballotscan audit summary {record.Name}."));
        return 0;
    }
}
