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
        var count = new Argument<DirectoryInfo>("count") { Description = Cli.T("由 `ballotscan count` 写出的文件夹。") };
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.T("要写的档案文件（.zip）。"), Required = true };
        var export = new Command("export", Cli.T("把一次计票写成一个完整的档案：所有原始图像（不作改动）、每项识别和裁定、选举定义、校准和结果，附清单和 Merkle 根。")) { count, output };
        export.SetAction(parse => Export(parse.GetValue(count)!, parse.GetValue(output)!));

        var file = new Argument<FileInfo>("archive") { Description = Cli.T("由 `ballotscan archive export` 写出的档案。") };
        var root = new Option<string?>("--root") { Description = Cli.T("结果报告上印的 Merkle 根（选票档案校验值）。") };
        var verify = new Command("verify", Cli.T("重新计算档案的每个哈希值和 Merkle 根；指出缺失、多出或被改动的每张选票。")) { file, root };
        verify.SetAction(parse => Verify(parse.GetValue(file)!, parse.GetValue(root)));
        var rereadFile = new Argument<FileInfo>("archive") { Description = Cli.T("由 `ballotscan archive export` 写出的档案。") };
        var reread = new Command("reread", Cli.T("用今天的识别程序重新识别档案中的每个图像，列出识别结果有变化的选票（已确认的结果不变）。")) { rereadFile };
        reread.SetAction(parse => Reread(parse.GetValue(rereadFile)!));
        var archive = new Command("archive", Cli.T("计票存档、校验档案、把档案导入计票站。")) { export, verify, reread };
        foreach (var command in more)
        {
            archive.Subcommands.Add(command);
        }

        return archive;
    }

    public static Command Audit()
    {
        var file = new Argument<FileInfo>("archive") { Description = Cli.T("由 `ballotscan archive export` 写出的档案。") };
        var seed = new Option<string>("--seed") { Description = Cli.T("公开的随机种子（例如当众掷骰得到的二十位数字）。"), Required = true };
        var count = new Option<int>("-n") { Description = Cli.T("抽取多少张。"), DefaultValueFactory = _ => 10 };
        var extract = new Option<DirectoryInfo?>("--extract") { Description = Cli.T("把抽到的图像复制到这里，与其识别结果对照查看。") };
        var record = new Option<FileInfo>("--record") { Description = Cli.T("要写出的抽查记录表，供审计员逐张填写（一致或不一致，并写明情况）。"), DefaultValueFactory = _ => new FileInfo("spot-check.csv") };
        var against = Choices.Option("--against", Cli.T("paper（默认：调取纸质选票，与计入的结果及图像比对）或 image（快速模式：只看图像）"), [new Choice<bool>(true, "paper", "纸质选票", "纸质"), new Choice<bool>(false, "image", "图像")]);
        against.DefaultValueFactory = _ => true;
        var sample = new Command("sample", Cli.T("用任何人都能按种子重算的 SHA-256 抽样抽取要抽查的选票；给出调取清单（批次、位置）以便取出纸质选票，以及每张的计入结果。")) { file, seed, count, extract, record, against };
        sample.SetAction(parse => Sample(parse.GetValue(file)!, parse.GetValue(seed)!, parse.GetValue(count), parse.GetValue(extract), parse.GetValue(record)!, parse.GetValue(against)));

        var filled = new Argument<FileInfo>("record") { Description = Cli.T("审计员填好的抽查记录。") };
        var archive = new Option<FileInfo?>("--archive") { Description = Cli.T("抽样所依据的档案：给出时计算每个职位结果的风险（Kaplan-Markov，逐票比对）。") };
        var riskLimit = new Option<double>("--risk-limit") { Description = Cli.T("本次抽查要达到的风险上限 α。"), DefaultValueFactory = _ => 0.1 };
        var gamma = new Option<double>("--gamma") { Description = Cli.T("Kaplan-Markov 界的 γ。"), DefaultValueFactory = _ => KaplanMarkov.DefaultGamma };
        var summary = new Command("summary", Cli.T("汇总填好的抽查记录：一致、不一致和尚未查看的张数，每处不一致；给出 --archive 时计算每个职位达到的风险。")) { filled, archive, riskLimit, gamma };
        summary.SetAction(parse => Summary(parse.GetValue(filled)!, parse.GetValue(archive), parse.GetValue(riskLimit), parse.GetValue(gamma)));
        return new Command("audit", Cli.T("对照图像抽查已存档的计票。")) { sample, summary };
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
            Console.WriteLine(Cli.T("{0}：{1} 张选票，Merkle 根 {2}（即结果报告单上印的校验值）。", output.FullName, manifest.Sheets.Count, manifest.MerkleRoot));
            return 0;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or KeyNotFoundException or UnauthorizedAccessException or ElectionDefinitionException)
        {
            Console.Error.WriteLine($"{Cli.T("未存档：")}{ProblemWords.Say(Cli.Lang, e)}");
            return 1;
        }
    }

    private static int Verify(FileInfo file, string? root)
    {
        var result = ArchiveVerifier.Verify(file.FullName, root);
        foreach (var problem in result.Problems)
        {
            Console.WriteLine(Cli.T("  {0} {1}：{2}", Words.ArchiveProblem(Cli.Lang, problem.Kind), problem.Entry, problem.Message));
        }

        if (result.Manifest is { } m)
        {
            Console.WriteLine(Cli.T("选举 {0} 的 {1} 张选票；重新计算的 Merkle 根 {2}，档案记录的 {3}{4}。", m.ElectionId, m.Sheets.Count, result.RecomputedRoot, m.MerkleRoot, (root is null ? string.Empty : Cli.T("，报告单上的 {0}", root))));
        }

        if (root is null)
        {
            Console.WriteLine(Cli.T("未给出报告单上的校验值 (--root)：只检查了档案自身是否一致。"));
        }

        Console.WriteLine((result.Passed
            ? Cli.T("档案完好：每张图像、识别结果、裁定、选举定义、计票规则与结果均与计票时相同，重新计票结果一致。")
            : Cli.T("档案与计票时不符（见上）。")));
        return result.Passed ? 0 : 2;
    }

    private static int Reread(FileInfo file)
    {
        if (LoadVerified(file, "未重新识别") is not { } count)
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
            Console.WriteLine(Cli.T("  {0}… {1}：当时计为 {2}；今天读为 {3}", c.Sheet[..Math.Min(16, c.Sheet.Length)], c.Box, c.Counted, c.Today));
        }

        Console.WriteLine(Cli.T("用 BallotScan {0} 重新识别 {1} 张：今天读法不同的 {2} 张（{3} 处）。已确认的结果不变；不同之处供审计员查看。", ResultReportPdf.SoftwareVersion, count.Sheets.Count, changedSheets, changes.Count));
        return 0;
    }

    /// <summary>The archive read back if it verifies; otherwise says so (and what is not done) and gives null.</summary>
    private static ArchivedCount? LoadVerified(FileInfo file, string notDone)
    {
        try
        {
            return ArchivedCount.Load(file.FullName);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Console.Error.WriteLine(Cli.T("档案无法通过校验，{0}（{1}）", Cli.T(notDone), e.Message));
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
            Console.WriteLine(Cli.T("  图像不是这张纸质选票的图像（扫描故障或文件被调换）：抽中第 {0} 张 {1}：{2}", w.Order, w.Sheet, w.Note));
        }

        var agree = entries.Count(e => e.Finding == SpotCheckFinding.Agree);
        var disagree = entries.Where(e => e.Finding == SpotCheckFinding.Disagree).ToList();
        var open = entries.Count(e => e.Finding == SpotCheckFinding.Open);
        Console.WriteLine(Cli.T("抽中 {0} 张：与计入结果一致 {1} 张，不一致 {2} 张，尚未查看 {3} 张。", entries.Count, agree, disagree.Count, open));
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
        yield return Cli.T("各职位结果的风险（Kaplan-Markov 逐张比对，Stark 2010；γ = {0}，风险限 {1:P0}）：", gamma, riskLimit);
        foreach (var d in unmeasured)
        {
            yield return Cli.T("  抽中第 {0} 张不一致，但没有写明纸上的符号：写明之前不计算风险（方框=符号；…）。", d.Order);
        }

        foreach (var r in risks)
        {
            var verdict = r.Note switch
            {
                RiskNote.NoOutcome => Cli.T("没有可核对的结果（选举无效）"),
                RiskNote.TieAtLastSeat => Cli.T("最后一个名额票数相同：没有差额，须另行投票决定"),
                RiskNote.NothingToCheck => Cli.T("没有需要核对的"),
                _ => null,
            } ?? (r.Risk <= riskLimit
                ? Cli.T("已达到风险限")
                : Cli.T("未达到：约还需 {0} 张无差异的选票", r.BallotsStillNeeded(riskLimit, gamma)));
            yield return Cli.T("  {0}：最小差额 {1} 票，共 {2} 张选票（μ = {3:0.0000}）；已比对 {4} 张，o₁ {5}，o₂ {6}，u₁ {7}，u₂ {8}：风险 {9:0.0000}，{10}。", r.Title, r.SmallestMargin, r.Ballots, r.DilutedMargin, r.Audited, r.OneOver, r.TwoOver, r.OneUnder, r.TwoUnder, r.Risk, verdict);
        }
    }

    private static int Sample(FileInfo file, string seed, int n, DirectoryInfo? extract, FileInfo record, bool againstPaper)
    {
        if (LoadVerified(file, "未抽样") is not { } count)
        {
            return 2;
        }

        var drawn = SpotCheckSampler.Draw(seed, count.Sheets.Select(s => s.Reading.SheetId), n);
        Console.WriteLine(Cli.T("种子“{0}”：从 {1} 张中抽 {2} 张，按 SHA-256(\"种子,选票号\") 从小到大（任何人都可以重算）。", seed, count.Sheets.Count, drawn.Count));
        var retrieval = RetrievalList.Of(drawn, [.. count.Sheets.Select(s => s.Reading)]);
        if (againstPaper)
        {
            Console.WriteLine(Cli.T("调取清单（按批次、按扫描顺序排列：每个信封从前往后翻一遍即可）："));
            foreach (var r in retrieval)
            {
                var position = r.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
                Console.WriteLine(Cli.T("  批次 {0}  第 {1} 个文件{2}  抽中第 {3} 张  {4}  SHA-256 {5}…", (r.Batch.Length == 0 ? Cli.T("未分批") : r.Batch), position, (r.Page > 1 ? Cli.T(" 第 {0} 页", r.Page) : string.Empty), r.Order, r.File, r.Sheet[..Math.Min(16, r.Sheet.Length)]));
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
            Console.WriteLine($"{index,3}. {reading.SheetId}  ({Path.GetFileName(reading.Source)}) {(reading.Accepted ? string.Empty : Cli.T("未识别：") + Words.SheetMessage(lang, count.Definition, reading))}");
            foreach (var p in reading.Positions)
            {
                var decided = sheet.Decisions.LastOrDefault(d => d.BoxId == p.BoxId);
                var machine = Cli.T("机器读作 {0}", Words.Symbol(lang, p.Symbol));
                var judged = decided is null ? string.Empty : Cli.T("  → 监票人 {0} 裁定 {1} {2}：{3}", decided.Scrutineer, (decided.Symbol is { } ds ? Words.Symbol(lang, ds) : string.Empty), decided.WriteInName, decided.Reason);
                Console.WriteLine($"       {names.GetValueOrDefault(p.BoxId, p.BoxId),-12} {machine} {p.Confidence:0.000}{judged}");
            }

            if (extract is not null)
            {
                File.WriteAllBytes(Path.Combine(extract.FullName, $"{index:D3}-{Path.GetFileName(sheet.Entry.Image)}"), image);
            }
        }

        File.WriteAllText(record.FullName, againstPaper ? SpotCheck.BlankForPaper(retrieval) : SpotCheck.Blank(files), new UTF8Encoding(true));
        Console.WriteLine(againstPaper
            ? Cli.T("逐张调取纸质选票：与计入的结果比对（一致 / 不一致，不一致时写明纸上的符号），并记录图像是否就是这张纸的图像（是 / 否），填入 {0}；然后 ./ballotscan audit summary {1} --archive {2}。", record.FullName, record.Name, file.Name)
            : Cli.T("快速模式（只看图像，不看纸质选票）：逐张比对图像与计入的结果，在 {0} 中填写 一致 / 不一致 并写明情况；然后 ./ballotscan audit summary {1}。", record.FullName, record.Name));
        return 0;
    }
}
