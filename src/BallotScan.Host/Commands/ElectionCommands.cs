using System.CommandLine;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Host.Counting;
using BallotScan.Host.Text;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan election validate` and `ballotscan ballot print`: what the township election office runs before election day.</summary>
internal static class ElectionCommands
{
    public static Command Election()
    {
        var definition = new Argument<FileInfo>("definition") { Description = Cli.T("选举定义（JSON；见 docs/election-definition.md）。") };
        var validate = new Command("validate", Cli.T("检查选举定义，指出要修改的地方。")) { definition };
        validate.SetAction(parse => Validate(parse.GetValue(definition)!));
        return new Command("election", Cli.T("选举定义。")) { validate, New(), NextRound() };
    }

    /// <summary>`election new`: a definition from the office's candidate list and a few facts, asked in Chinese when not given.</summary>
    private static Command New()
    {
        var list = new Option<FileInfo>("--candidates") { Description = Cli.T("候选人名单（.xlsx、.xls 或 .csv：职位、应选人数、姓名、性别，列的顺序不限）"), Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.T("要写的选举定义文件（.json）"), Required = true };
        var type = Choices.Option("--type", Cli.T("villagersCommittee（村民委员会，默认）、residentsCommittee（居民委员会）、partyCommittee（党组织）或 supervisionCommittee（村务监督委员会）"), Choices.ElectionTypes);
        type.DefaultValueFactory = _ => ElectionType.VillagersCommittee;
        var title = new Option<string?>("--title") { Description = Cli.T("选票标题，例如 示例村第十二届村民委员会选举") };
        var township = new Option<string?>("--township") { Description = Cli.T("乡镇（街道）") };
        var village = new Option<string?>("--village") { Description = Cli.T("村（社区）") };
        var date = new Option<string?>("--date") { Description = Cli.T("选举日期，例如 2026-12-13 或 2026年12月13日") };
        var electorate = new Option<int?>("--electorate") { Description = Cli.T("登记选民数（党组织选举：应到会有选举权的人数）") };
        var preset = new Option<string?>("--preset") { Description = Cli.T("计票规则预设（默认按选举类型）") };
        var command = new Command("new", Cli.T("由候选人名单（Excel、WPS 或 CSV）生成选举定义，缺少的信息用中文询问"))
        {
            list, output, type, title, township, village, date, electorate, preset,
        };
        command.SetAction(parse =>
        {
            var electionType = parse.GetValue(type);
            string Ask(string? given, string question) => given ?? Prompt(question);
            var dateText = Ask(parse.GetValue(date), "选举日期（例如 2026-12-13）：");
            if (!ChineseDateConverter.TryParse(dateText, out var day))
            {
                Console.Error.WriteLine(Cli.T("「{0}」不是日期：写作 2026-12-13 或 2026年12月13日。", dateText));
                return 1;
            }

            var count = parse.GetValue(electorate)?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                ?? Ask(null, electionType == ElectionType.PartyCommittee ? "应到会有选举权的人数：" : "登记选民数：");
            if (!int.TryParse(SpreadsheetsClean(count), out var voters) || voters <= 0)
            {
                Console.Error.WriteLine(Cli.T("「{0}」不是人数。", count));
                return 1;
            }

            var facts = new ElectionFacts
            {
                Type = electionType,
                Title = Ask(parse.GetValue(title), "选票标题（例如 示例村第十二届村民委员会选举）："),
                Township = Ask(parse.GetValue(township), "乡镇（街道）："),
                Village = Ask(parse.GetValue(village), "村（社区）："),
                Date = day,
                Electorate = voters,
                Preset = parse.GetValue(preset),
            };
            var file = parse.GetValue(output)!;
            ElectionDefinition made;
            try
            {
                made = CandidateList.Read(parse.GetValue(list)!.FullName, facts);
            }
            catch (ElectionDefinitionException e)
            {
                foreach (var p in e.Problems)
                {
                    Console.Error.WriteLine($"{Cli.T("错误")}{Cli.T("：")}{ProblemWords.Say(Cli.Lang, p)}");
                }

                return 1;
            }

            File.WriteAllText(file.FullName, ElectionJson.Serialize(made));
            var ok = LoadValid(file) is not null;
            Console.WriteLine((ok
                ? Cli.T("已写入 {0}：{1} 个职位、{2} 名候选人，检查通过。下一步：./ballotscan ballot print {3} -o ballots/", file.FullName, made.Contests.Count, made.Contests.Sum(c => c.Candidates.Count), file.Name)
                : Cli.T("已写入 {0}，但检查发现上面的问题：请修改名单后重新生成。", file.FullName)));
            return ok ? 0 : 1;
        });
        return command;

        static string SpreadsheetsClean(string text) => Engine.Spreadsheets.SpreadsheetFiles.Clean(text).TrimEnd('人', '名');
    }

    /// <summary>
    /// `election next-round`: the 另行选举's definition for the seats a count left empty, from its count folder or its archive
    /// (verified first): who stands and why, said before it is written.
    /// </summary>
    private static Command NextRound()
    {
        var count = new Argument<string>("count") { Description = Cli.T("第一轮（或上一轮）的计票输出文件夹，或其档案（.zip）。") };
        var output = new Option<FileInfo?>("--output", "-o") { Description = Cli.T("要写的另行选举定义（默认：以其编号命名的 .json，写在当前文件夹）。") };
        var stand = new Option<string[]>("--stand") { Description = Cli.T("得票相同、由选举大会决定成为候选人的人（规则 supplementaryTies: meetingDecides）。"), AllowMultipleArgumentsPerToken = true };
        var command = new Command("next-round", Cli.T("由计票结果生成另行选举的选举定义：未选足的名额，候选人为未当选者按得票多少排列。")) { count, output, stand };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(count)!;
            RoundCount counted;
            try
            {
                counted = RoundCount.Load(path);
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException or KeyNotFoundException or UnauthorizedAccessException or ElectionDefinitionException)
            {
                Console.Error.WriteLine(Cli.T("未生成另行选举：") + ProblemWords.Say(Cli.Lang, e));
                return 1;
            }

            var (before, tally) = (counted.Definition, counted.Tally);
            var (round, problems) = Engine.Counting.SupplementaryRound.From(before, tally, parse.GetValue(stand));
            if (round is null)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine(Cli.T("未生成另行选举：") + ProblemWords.Say(Cli.Lang, problem));
                }

                return 1;
            }

            var file = parse.GetValue(output) ?? new FileInfo(round.Definition.Id + ".json");
            File.WriteAllText(file.FullName, ElectionJson.Serialize(round.Definition));
            Console.WriteLine(Cli.T("另行选举（第 {0} 轮）：{1}，编号 {2}；第一轮的选票在本轮计票时作为其他选举的选票拒收。", round.Definition.RoundNumber, round.Definition.Title, round.Definition.Id));
            foreach (var c in round.Contests)
            {
                var standing = string.Join(Cli.T("、"), c.Standing.Select(s => Cli.T("{0}（{1} 票{2}）", s.Name, s.Votes, (s.Tied ? Cli.T("，得票相同") : string.Empty))));
                Console.WriteLine(Cli.T("  {0}：应选 {1} 名{2}，候选人 {3} 名：{4}", c.Title, c.Seats, (c.WomenOnly ? Cli.T("（妇女名额，候选人为得票最多的妇女）") : string.Empty), c.Standing.Count, standing));
            }

            var ok = LoadValid(file) is not null;
            Console.WriteLine(Cli.T("已写入 {0}。得票多者当选，但不得少于本轮投票数的{1}。下一步：./ballotscan ballot print {2} -o ballots/", file.FullName, before.RuleProfile.SupplementaryRoundMinimum?.ToString() ?? "—", file.Name));
            return ok ? 0 : 1;
        });
        return command;
    }

    /// <summary>Asks a question on the terminal and reads one line (empty when the input has ended).</summary>
    private static string Prompt(string question)
    {
        Console.Write(question);
        return Console.ReadLine()?.Trim() ?? string.Empty;
    }

    public static Command Ballot()
    {
        var definition = new Argument<FileInfo>("definition") { Description = Cli.T("选举定义（JSON）。") };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = Cli.T("PDF 和版式模板的输出文件夹。"), Required = true };
        var print = new Command("print", Cli.T("排版选票，写出供印刷的 PDF 和识别用的版式模板。")) { definition, output };
        print.SetAction(parse => Print(parse.GetValue(definition)!, parse.GetValue(output)!));
        var command = new Command("ballot", Cli.T("选票印制与印刷校对。")) { print };
        command.Subcommands.Add(ProofCommand.Create());
        return command;
    }

    /// <summary>Loads and validates a definition, printing every problem (with the line and column it is at); null when it has errors.</summary>
    internal static ElectionDefinition? LoadValid(FileInfo file)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine(Cli.T("{0}: 找不到文件", file.Name));
            return null;
        }

        var text = File.ReadAllText(file.FullName);
        ElectionDefinition definition;
        IReadOnlyList<DefinitionProblem> notes;
        try
        {
            (definition, notes) = ElectionJson.Read(text);
        }
        catch (ElectionDefinitionException e)
        {
            Report(file, text, e.Problems);
            return null;
        }

        var problems = ElectionValidator.Validate(definition);
        Report(file, text, [.. notes, .. problems]);
        return problems.Any(p => p.Severity == ProblemSeverity.Error) ? null : definition;
    }

    private static void Report(FileInfo file, string text, IReadOnlyList<DefinitionProblem> problems)
    {
        foreach (var p in problems)
        {
            var writer = p.Severity == ProblemSeverity.Error ? Console.Error : Console.Out;
            // A validator's problem names a path: say where that is in the file, as an editor counts lines and columns.
            var at = p.Values.ContainsKey("line") || p.Path.StartsWith("line", StringComparison.Ordinal) ? string.Empty
                : DefinitionText.Locate(text, p.Path) is var (line, column) ? Cli.T("第 {0} 行第 {1} 列：", line, column) : string.Empty;
            var severity = p.Severity == ProblemSeverity.Error ? Cli.T("错误") : Cli.T("注意");
            writer.WriteLine($"{file.Name}{Cli.T("：")}{severity}{Cli.T("（{0}）", p.Path)}{Cli.T("：")}{at}{ProblemWords.Say(Cli.Lang, p)}");
        }
    }

    private static int Validate(FileInfo file)
    {
        var definition = LoadValid(file);
        if (definition is null)
        {
            Console.Error.WriteLine(Cli.T("{0}：检查未通过；改正上面的错误之前不能据此印制选票。", file.Name));
            return 1;
        }

        var seats = definition.Contests.Sum(c => c.Seats);
        var candidates = definition.Contests.Sum(c => c.Candidates.Count);
        Console.WriteLine(Cli.T("{0}：检查通过。{1}：{2} 个职位，应选 {3} 名，候选人 {4} 名；计票规则：{5}。", file.Name, definition.Title, definition.Contests.Count, seats, candidates, Words.Preset(Cli.Lang, definition.RuleProfile.Preset)));
        return 0;
    }

    private static int Print(FileInfo file, DirectoryInfo output)
    {
        var definition = LoadValid(file);
        if (definition is null)
        {
            return 1;
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        output.Create();
        var stem = $"{definition.Id}-{definition.BallotStyle}";
        var pdf = Path.Combine(output.FullName, stem + ".pdf");
        var template = Path.Combine(output.FullName, stem + ".layout.json");
        File.WriteAllBytes(pdf, BallotPdfWriter.Write(layout, definition.Title));
        File.WriteAllText(template, LayoutJson.Serialize(layout));
        Console.WriteLine(Cli.T("选票 {0}，票样 {1}：{2} 页，版式 {3}。", BallotWording.Title(definition), definition.BallotStyle, layout.Pages.Count, layout.LayoutHash));
        foreach (var contest in layout.Contests)
        {
            Console.WriteLine($"  {Words.ContestOnBallot(Cli.Lang, contest)}");
        }

        Console.WriteLine(Cli.T("印刷用 PDF：  {0}", pdf));
        Console.WriteLine(Cli.T("识别用版式：  {0}", template));
        Console.WriteLine(Cli.T("选举日前，先印一张，扫描或拍照后校对：./ballotscan ballot proof {0} <扫描件>", file.Name));
        return 0;
    }
}
