using BallotScan.Host.Commands;
using System.CommandLine;
using System.Globalization;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Problems;
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
            Description = Cli.T("演示的选票、扫描件和识别结果的输出文件夹。"),
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")),
        };
        var definition = new Option<FileInfo>("--definition", "-d")
        {
            Description = Cli.T("要演示的选举。"),
            DefaultValueFactory = _ => new FileInfo(Path.Combine("examples", "villagers-committee.json")),
        };
        var sheets = new Option<int>("--sheets") { Description = Cli.T("生成并识别多少张扫描件。"), DefaultValueFactory = _ => 700 };
        var command = new Command("demo", Cli.T("在示例选举上演示全流程：印制、校对、扫描一批已填写的选票、识别，并与真实情况核对。"))
        {
            output, definition, sheets,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(definition)!, parse.GetValue(sheets)));
        return command;
    }

    /// <summary>
    /// How the example village votes: most ballots approve one of a post's candidates in proportion to these; the 主任 vote
    /// splits nearly evenly, so that nobody passes half of the ballots and the seat goes to a 另行选举 the same evening.
    /// With nobody listed, the names written follow the villagers' standing. Another definition's candidates are approved alike.
    /// </summary>
    private static readonly Dictionary<string, double> s_village = new(StringComparer.Ordinal)
    {
        ["王建华"] = 0.52, ["孙立平"] = 0.48, ["刘玉兰"] = 0.75, ["何春生"] = 0.25, ["李红梅"] = 0.35, ["张国庆"] = 0.3, ["马晓燕"] = 0.25, ["吴德明"] = 0.1,
        // Where nobody is listed (examples/villagers-committee-open.json), the villagers written in.
        ["林志强"] = 6, ["郭秀兰"] = 5, ["何建军"] = 3, ["罗丽华"] = 3, ["高明"] = 2, ["梁淑贞"] = 2, ["宋国平"] = 1.5, ["郑海燕"] = 1.5, ["谢文斌"] = 1, ["韩雪"] = 1, ["陈立新"] = 1, ["周桂英"] = 1,
    };

    private static int Run(DirectoryInfo output, FileInfo definitionFile, int sheets)
    {
        Console.WriteLine(Cli.T("BallotScan 演示 · 图像引擎：{0}；OCR：Tesseract {1}", EngineInfo.NativeVersions, TesseractEngine.LibraryVersion));
        Console.WriteLine();
        Console.WriteLine(Cli.T("1. 选举（{0}）", definitionFile.Name));
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return 1;
        }

        output.Create();
        // The hand count's one mistake is a ○ called as ×: where nobody is listed there is no such call, and it agrees.
        var first = CountRound(definition, File.ReadAllText(definitionFile.FullName), output.FullName, sheets, seed: 7, withMistake: definition.Contests.Any(c => c.Candidates.Count > 0), stray: null, s_village);
        if (first is null)
        {
            return 1;
        }

        var (round, problems) = SupplementaryRound.From(definition, first.Counted.Result.Adjudicated);
        var ok = first.Ok;
        Console.WriteLine();
        if (round is null)
        {
            // Nothing left to elect (another definition's voters may fill every seat): the evening ends with one round.
            Console.WriteLine(Cli.T("9. 无需另行选举：") + string.Join(" ", problems.Select(p => ProblemWords.Say(Cli.Lang, p))));
        }
        else
        {
            Console.WriteLine(Cli.T("9. 另行选举（同一晚）：{0}未选足；候选人为未当选者，按第一轮得票多少：", round.Contests.Select(c => Cli.T("{0} {1} 个名额", c.Title, c.Seats))));
            foreach (var c in round.Contests)
            {
                Console.WriteLine($"   {c.Title}{Cli.T("：")}{string.Join(Cli.T("、"), c.Standing.Select(x => Cli.T("{0}（{1} 票）", x.Name, x.Votes)))}");
            }

            var folder = Directory.CreateDirectory(Path.Combine(output.FullName, "round-2")).FullName;
            var file = new FileInfo(Path.Combine(folder, "definition.json"));
            File.WriteAllText(file.FullName, ElectionJson.Serialize(round.Definition));
            var second = ElectionCommands.LoadValid(file);
            Console.WriteLine(Cli.T("   {0}：编号 {1}（第 {2} 轮），检查{3}", file.FullName, round.Definition.Id, round.Definition.RoundNumber, Cli.T(second is null ? "未通过！" : "通过")));
            // A few first-round ballots put in the second round's box by mistake: the count must set them aside.
            var strays = Directory.EnumerateFiles(Path.Combine(output.FullName, "scans", Box)).Order(StringComparer.Ordinal).Take(3).ToList();
            // The evening's second vote: the meeting rallies behind the first round's leader of each post (a party meeting
            // must still give more than half of those due to attend).
            var rally = new Dictionary<string, double>(s_village, StringComparer.Ordinal);
            foreach (var c in round.Contests)
            {
                foreach (var (x, i) in c.Standing.Select((x, i) => (x, i)))
                {
                    rally[x.Name] = i == 0 ? 9 : 1;
                }
            }

            // The second round's report lists both rounds, the first read back from its count folder (verified).
            var firstRound = RoundCount.Load(Path.Combine(output.FullName, "result")).Outcome;
            var again = second is null ? null : CountRound(second, File.ReadAllText(file.FullName), folder, first.Ballots, seed: 8, withMistake: false, stray: strays, rally, fullApproval: 0.95, earlier: [firstRound]);
            ok &= again is { Ok: true } && Everyone(again, definition, strays.Count);
        }

        Console.WriteLine();
        Console.WriteLine(ok
            ? Cli.T("演示完成：不确定的都经人工裁定，计票结果与真实情况一致，手工计票已逐行核对，未选足的名额经另行选举选出。文件在 {0}。", output.FullName)
            : Cli.T("演示发现问题（见上）。"));
        return ok ? 0 : 1;
    }

    /// <summary>The folder of the demo's ballot box, its batch on the report.</summary>
    private const string Box = "第1票箱";

    /// <summary>What one round of the demo gave: its count, how many ballots its voters cast, and whether every check held.</summary>
    private sealed record RoundRun(Counted Counted, int Ballots, bool Ok, int StraysSetAside);

    /// <summary>The second round: every seat filled, its winners by the 另行选举's rule, the first round's ballots set aside.</summary>
    private static bool Everyone(RoundRun round, ElectionDefinition firstRound, int strays)
    {
        var tally = round.Counted.Result.Adjudicated;
        var filled = tally.Contests.All(c => c.Outcome is { SeatsLeft: 0 });
        var rule = tally.Contests.Select(c => c.Outcome?.Rule.Description).FirstOrDefault(d => d is not null) ?? "—";
        Console.WriteLine(Cli.T("   当选：{0}；规则：{1}；名额{2}", ElectedPeople.Of(round.Counted.Definition, tally).Select(p => Cli.T("{0} {1}（{2} 票）", p.Post, p.Name, p.Votes)), rule, Cli.T(filled ? "全部选足" : "仍未选足！")));
        var rounds = ElectionRounds.Together(ElectionRounds.Of(round.Counted.Definition, tally, null), round.Counted.EarlierRounds).Rounds;
        Console.WriteLine(Cli.T("   各轮当选（报告单列出）：{0}", rounds.Select(r => new Said("第 {0} 轮 {1}", r.Round, r.Elected.Select(p => $"{p.Post} {p.Name}").ToList())).ToList()));
        Console.WriteLine(Cli.T("   混入第二轮票箱的 {0} 张第一轮选票（{1}）作为其他选举的选票未计入：{2}", strays, firstRound.Id, Cli.T(round.StraysSetAside == strays ? "是" : "否！")));
        return filled && round.StraysSetAside == strays && rounds.Count == round.Counted.EarlierRounds.Count + 1;
    }

    /// <summary>
    /// One round, start to finish: print and proof its ballot, the voters' scans (plus <paramref name="stray"/> images from
    /// elsewhere), the machine's reading and count, the scrutineers' decisions, the hand count (with one mistake, where asked)
    /// and the reconciled result written to <paramref name="folder"/>/result.
    /// </summary>
    private static RoundRun? CountRound(ElectionDefinition definition, string definitionJson, string folder, int sheets, int seed, bool withMistake, IReadOnlyList<string>? stray, IReadOnlyDictionary<string, double> popularity, double fullApproval = 0.7, IReadOnlyList<RoundOutcome>? earlier = null)
    {
        // The first round's steps are 2. to 8.; the 另行选举's 10.1 to 10.7.
        string N(int k) => stray is null ? $"{(1 + k).ToString(CultureInfo.InvariantCulture)}." : $"10.{k.ToString(CultureInfo.InvariantCulture)}";
        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        if (stray is null)
        {
            Console.WriteLine(Cli.T("   {0}：检查通过，计票规则：{1}。", definition.Title, Words.Preset(Cli.Lang, definition.RuleProfile.Preset)));
        }

        foreach (var contest in layout.Contests)
        {
            Console.WriteLine($"   {Words.ContestOnBallot(Cli.Lang, contest, definition.Order == CandidateOrder.SurnameStrokes ? "（按姓氏笔画）" : null)}");
        }

        Console.WriteLine();
        Console.WriteLine(Cli.T("{0} 印制选票并校对", N(1)));
        var pdf = Path.Combine(folder, $"{definition.Id}-{definition.BallotStyle}.pdf");
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

        Console.WriteLine(Cli.T("   {0}：版式 {1}；校对读回 {2} 个印刷姓名中的 {3} 个及全部四个二维码：{4}。", pdf, layout.LayoutHash, proof.Names.Count, proof.Names.Count(n => n.Matches), (proof.Passed ? Cli.T("印刷正确") : Cli.T("有问题：{0}", string.Join(Cli.T("；"), proof.Findings.Select(f => ProblemWords.Say(Cli.Lang, f)))))));

        Console.WriteLine();
        Console.WriteLine(Cli.T("{0} 一批 {1} 张扫描件：选民多数赞成每个职位的一名候选人，少数不赞成或弃权，几张废票；各种笔画的符号、另选他人、涂改；扫描仪的歪斜、倒放、噪点、1 位 TIFF；以及几张不该有的图像", N(2), sheets));
        var corpus = Path.Combine(folder, "scans");
        if (Directory.Exists(corpus))
        {
            Directory.Delete(corpus, recursive: true);
        }

        // Rescans (the same paper through the scanner twice) are left out: the count would suspect them and leave them
        // for the scrutineers, and the demo counts without a person. Duplicate files are in, and must count once.
        // Where the rules print a seal area, every ballot issued at the venue bears the committee's seal.
        var options = new SynthesisOptions
        {
            Seed = seed, OtherElectionRate = 0.01, BlankSheetRate = 0.005, NotABallotRate = 0.005, DuplicateFileRate = 0.005, RescanRate = 0,
            SealRate = layout.Pages.Any(p => p.Seal is not null) ? 1 : 0, Popularity = popularity, FullApprovalRate = fullApproval,
        };
        var manifest = CliProgress.Run(Cli.T("生成扫描件"), sheets, progress =>
            CorpusWriter.Write(definition, options, sheets, corpus, new Progress<CorpusProgress>(p => progress.Done(p.Done))));
        // The ballot box's scans in a folder of its own, named as a counter names it: the folder is the batch (批次) on the report.
        Directory.Move(Path.Combine(corpus, "sheets"), Path.Combine(corpus, Box));
        var strays = (stray ?? []).Select((file, i) => Path.Combine(corpus, Box, $"first-round-{i + 1}{Path.GetExtension(file)}")).ToList();
        foreach (var (from, to) in (stray ?? []).Zip(strays))
        {
            File.Copy(from, to);
        }

        Console.WriteLine(Cli.T("   {0}：{1}{2}；每张的真实情况在 truth/ 中。", corpus, string.Join(Cli.T("，"), manifest.Kinds.Select(k => Cli.T("{0} {1} 张", SynthCommand.KindName(k.Key), k.Value))), (strays.Count > 0 ? Cli.T("，另混入第一轮的选票 {0} 张", strays.Count) : string.Empty)));

        Console.WriteLine();
        Console.WriteLine(Cli.T("{0} 机器识别每张扫描件", N(3)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var read = Scans.ReadAll(Scans.ImageFiles(Path.Combine(corpus, Box))!, new BallotReader([layout], MarkClassifier.Shipped), Path.Combine(corpus, Box));
        var positions = read.SelectMany(r => r.Positions).ToList();
        var seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine(Cli.T("   {0} 张，用时 {1} 秒：定位选票 {2} 张，未定位 {3} 张（其他选举、不是选票、重复文件）；表决框 {4} 个，其中 {5} 个交监票人裁定。", read.Count, seconds, read.Count(r => r.Accepted), read.Count(r => !r.Accepted), positions.Count, positions.Count(p => p.Band == DecisionBand.Review)));

        var truths = manifest.Sheets.Select(e => CorpusWriter.ReadTruth(corpus, e)).ToList();
        var ballots = truths.Count(t => t.Kind == SheetKind.Ballot);
        // The meeting's figures as the counters write them: those due (registered voters, or party members due to attend),
        // those present at a party meeting, the ballots issued and returned.
        var party = definition.Type == ElectionType.PartyCommittee;
        var figures = new MeetingFigures { Due = party ? definition.Electorate.DueToAttend : definition.Electorate.Registered, Present = party ? ballots + 2 : null, Issued = ballots + 6, Returned = ballots };
        var truthCount = TruthCount.Run(definition, layout, truths, figures);

        Console.WriteLine();
        Console.WriteLine(Cli.T("{0} 机器独自计票：不确定的一律不计", N(4)));
        var machine = Counted.Compute(definition, definitionJson, layout, read, [], null);
        Console.WriteLine(Cli.T("   机器确定 {0} 张；{1} 张待监票人裁定，例如：", machine.Result.MachineOnly.ValidBallots + machine.Result.MachineOnly.VoidBallots, machine.Result.ReviewList.Count));
        var lang = new Lang(Cli.English);
        foreach (var item in machine.Result.ReviewList.Take(stray is null ? 4 : 2))
        {
            Console.WriteLine($"     {Path.GetFileName(item.Source)}: {string.Join(Cli.T("；"), item.Items.Select(x => Words.Waiting(lang, layout, definition, x)))}");
        }

        Console.WriteLine();
        Console.WriteLine(Cli.T("{0} 监票人裁定待审清单上的每一项（本演示中按生成器的真实情况裁定）", N(5)));
        var decisions = TruthCount.Scrutinise(read, truths.Where(t => t.Kind != SheetKind.DuplicateFile).ToDictionary(t => t.Sha256, StringComparer.Ordinal), layout);
        var decisionsFile = Path.Combine(folder, "adjudications.json");
        File.WriteAllText(decisionsFile, System.Text.Json.JsonSerializer.Serialize(new AdjudicationFile { ElectionId = definition.Id, Decisions = decisions }, ElectionJson.Options));
        Console.WriteLine(Cli.T("   {0} 项裁定（每项记录裁定人和理由）写在 {1}；机器的识别结果原样保留。", decisions.Count, decisionsFile));

        Console.WriteLine();
        Console.WriteLine(withMistake
            ? Cli.T("{0} 手工计票（唱票/计票），有一处错误：一个○被唱成×", N(6))
            : Cli.T("{0} 手工计票（唱票/计票）", N(6)));
        var counted = Counted.Compute(definition, definitionJson, layout, read, decisions, null);
        var (hand, mistakeSheet) = withMistake ? TruthCount.HandTallyWithOneMistake(truthCount, counted.Result.Records) : ([.. ResultLines.Of(truthCount.Adjudicated)], null);
        var handFile = Path.Combine(folder, "hand-tally.csv");
        File.WriteAllText(handFile, HandTally.ToCsv(hand, definition), new System.Text.UTF8Encoding(true));
        Console.WriteLine(Cli.T("   {0}：{1} 行，与选举结果报告单一致。", handFile, hand.Count));

        Console.WriteLine();
        Console.WriteLine(Cli.T("{0} 采用监票人裁定计票，并与手工计票逐行核对", N(7)));
        var final = Counted.Compute(definition, definitionJson, layout, read, decisions, HandTally.Load(handFile, definition)) with { EarlierRounds = earlier ?? [] };
        var resultFolder = Path.Combine(folder, "result");
        final.Write(resultFolder);
        final.Print(Console.Out);
        var agreesWithTruth = ResultLines.Of(final.Result.Adjudicated).SequenceEqual(ResultLines.Of(truthCount.Adjudicated));
        var found = mistakeSheet is null ? final.Reconciliation!.Agrees : final.Reconciliation!.Differences.Any(d => d.Suspects.Any(x => x.Sheet == mistakeSheet));
        Console.WriteLine();
        Console.WriteLine(Cli.T("   采用裁定后的计票结果与选民所画一致（生成器的真实情况）：{0}", Cli.T(agreesWithTruth ? "是" : "否！")));
        Console.WriteLine(mistakeSheet is null
            ? Cli.T("   手工计票与机器计票逐行一致：{0}", Cli.T(found ? "是" : "否！"))
            : Cli.T("   手工计票的错误已找到，其选票（{0}…）在列出的选票中：{1}", mistakeSheet[..12], Cli.T(found ? "是" : "否！")));
        Console.WriteLine(Cli.T("   选举结果报告单：{0}", Path.Combine(resultFolder, "result.pdf")));
        var setAside = final.Result.Records.Count(r => r.Status == SheetStatus.NotCounted && strays.Any(s => r.Source == s));
        return new RoundRun(final, ballots, proof.Passed && agreesWithTruth && found && final.Result.ReviewList.Count == 0, setAside);
    }
}
