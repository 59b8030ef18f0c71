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
        var definition = new Argument<FileInfo>("definition") { Description = Cli.S("选举定义（JSON；见 docs/election-definition.md）。", "The election definition (JSON; see docs/election-definition.md).") };
        var validate = new Command("validate", Cli.S("检查选举定义，指出要修改的地方。", "Check an election definition and say what to fix.")) { definition };
        validate.SetAction(parse => Validate(parse.GetValue(definition)!));
        return new Command("election", Cli.S("选举定义。", "Election definitions.")) { validate, New(), NextRound() };
    }

    /// <summary>`election new`: a definition from the office's candidate list and a few facts, asked in Chinese when not given.</summary>
    private static Command New()
    {
        var list = new Option<FileInfo>("--candidates") { Description = Cli.T("候选人名单（.xlsx、.xls 或 .csv：职位、应选人数、姓名、性别，列的顺序不限） / The candidate list (.xlsx, .xls or .csv: 职位, 应选人数, 姓名, 性别, any column order)."), Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.T("要写的选举定义文件（.json） / The definition file to write (.json)."), Required = true };
        var type = new Option<ElectionType?>("--type") { Description = Cli.S("villagersCommittee（村民委员会，默认）、residentsCommittee（居民委员会）、partyCommittee（党组织）或 supervisionCommittee（村务监督委员会）", "villagersCommittee (the default), residentsCommittee, partyCommittee or supervisionCommittee") };
        var title = new Option<string?>("--title") { Description = Cli.T("选票标题，例如 示例村第十二届村民委员会选举 / The ballot's title.") };
        var township = new Option<string?>("--township") { Description = Cli.T("乡镇（街道） / Township.") };
        var village = new Option<string?>("--village") { Description = Cli.T("村（社区） / Village or community.") };
        var date = new Option<string?>("--date") { Description = Cli.T("选举日期，例如 2026-12-13 或 2026年12月13日 / The election's date.") };
        var electorate = new Option<int?>("--electorate") { Description = Cli.T("登记选民数（党组织选举：应到会有选举权的人数） / Registered voters (party: members due to attend).") };
        var preset = new Option<string?>("--preset") { Description = Cli.T("计票规则预设（默认按选举类型） / The rules preset (default: the type's).") };
        var command = new Command("new", Cli.T("由候选人名单（Excel、WPS 或 CSV）生成选举定义，缺少的信息用中文询问 / Make a definition from the candidate list an office keeps, asking in Chinese for what is not given."))
        {
            list, output, type, title, township, village, date, electorate, preset,
        };
        command.SetAction(parse =>
        {
            var electionType = parse.GetValue(type) ?? ElectionType.VillagersCommittee;
            string Ask(string? given, string question) => given ?? Prompt(question);
            var dateText = Ask(parse.GetValue(date), "选举日期（例如 2026-12-13）：");
            if (!ChineseDateConverter.TryParse(dateText, out var day))
            {
                Console.Error.WriteLine(Cli.T($"「{dateText}」不是日期：写作 2026-12-13 或 2026年12月13日。 / '{dateText}' is not a date."));
                return 1;
            }

            var count = parse.GetValue(electorate)?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                ?? Ask(null, electionType == ElectionType.PartyCommittee ? "应到会有选举权的人数：" : "登记选民数：");
            if (!int.TryParse(SpreadsheetsClean(count), out var voters) || voters <= 0)
            {
                Console.Error.WriteLine(Cli.T($"「{count}」不是人数。 / '{count}' is not a number of people."));
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
                    Console.Error.WriteLine($"{Cli.S("错误", "error")} [{p.Code}] {ProblemWords.Say(Cli.Lang, p)}");
                }

                return 1;
            }

            File.WriteAllText(file.FullName, ElectionJson.Serialize(made));
            var ok = LoadValid(file) is not null;
            Console.WriteLine(Cli.T(ok
                ? $"已写入 {file.FullName}：{made.Contests.Count} 个职位、{made.Contests.Sum(c => c.Candidates.Count)} 名候选人，检查通过。下一步：./ballotscan ballot print {file.Name} -o ballots/ / Written and checked."
                : $"已写入 {file.FullName}，但检查发现上面的问题：请修改名单后重新生成。 / Written, but see the problems above."));
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
        var count = new Argument<string>("count") { Description = Cli.S("第一轮（或上一轮）的计票输出文件夹，或其档案（.zip）。", "The count folder of the round before, or its archive (.zip).") };
        var output = new Option<FileInfo?>("--output", "-o") { Description = Cli.S("要写的另行选举定义（默认：以其编号命名的 .json，写在当前文件夹）。", "The 另行选举 definition to write (default: <its id>.json in the current folder).") };
        var stand = new Option<string[]>("--stand") { Description = Cli.S("得票相同、由选举大会决定成为候选人的人（规则 supplementaryTies: meetingDecides）。", "Who stands among those tied, as the meeting decided (rule supplementaryTies: meetingDecides)."), AllowMultipleArgumentsPerToken = true };
        var command = new Command("next-round", Cli.S("由计票结果生成另行选举的选举定义：未选足的名额，候选人为未当选者按得票多少排列。", "Make the definition of the 另行选举 for the seats a count left empty: those not elected stand, in order of their votes.")) { count, output, stand };
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
                Console.Error.WriteLine(Cli.S("未生成另行选举：", "No 另行选举 made: ") + ProblemWords.Say(Cli.Lang, e));
                return 1;
            }

            var (before, tally) = (counted.Definition, counted.Tally);
            var (round, problems) = Engine.Counting.SupplementaryRound.From(before, tally, parse.GetValue(stand));
            if (round is null)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine(Cli.S("未生成另行选举：", "No 另行选举 made: ") + ProblemWords.Say(Cli.Lang, problem));
                }

                return 1;
            }

            var file = parse.GetValue(output) ?? new FileInfo(round.Definition.Id + ".json");
            File.WriteAllText(file.FullName, ElectionJson.Serialize(round.Definition));
            Console.WriteLine(Cli.S(
                $"另行选举（第 {round.Definition.RoundNumber} 轮）：{round.Definition.Title}，编号 {round.Definition.Id}；第一轮的选票在本轮计票时作为其他选举的选票拒收。",
                $"另行选举 (round {round.Definition.RoundNumber}): {round.Definition.Title}, id {round.Definition.Id}; a sheet of the first round is refused in this round's count as another election's."));
            foreach (var c in round.Contests)
            {
                var standing = string.Join(Cli.S("、", ", "), c.Standing.Select(s => Cli.S($"{s.Name}（{s.Votes} 票{(s.Tied ? "，得票相同" : string.Empty)}）", $"{s.Name} ({s.Votes}{(s.Tied ? ", tied" : string.Empty)})")));
                Console.WriteLine(Cli.S(
                    $"  {c.Title}：应选 {c.Seats} 名{(c.WomenOnly ? "（妇女名额，候选人为得票最多的妇女）" : string.Empty)}，候选人 {c.Standing.Count} 名：{standing}",
                    $"  {c.Title}: {c.Seats} seat(s){(c.WomenOnly ? " (the women's seat: the women with the most votes stand)" : string.Empty)}, {c.Standing.Count} standing: {standing}"));
            }

            var ok = LoadValid(file) is not null;
            Console.WriteLine(Cli.S(
                $"已写入 {file.FullName}。得票多者当选，但不得少于本轮投票数的{before.RuleProfile.SupplementaryRoundMinimum?.ToString() ?? "—"}。下一步：./ballotscan ballot print {file.Name} -o ballots/",
                $"Written {file.FullName}. The most votes win, but not fewer than {before.RuleProfile.SupplementaryRoundMinimum?.ToString() ?? "—"} of this round's ballots. Next: ./ballotscan ballot print {file.Name} -o ballots/"));
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
        var definition = new Argument<FileInfo>("definition") { Description = Cli.S("选举定义（JSON）。", "The election definition (JSON).") };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = Cli.S("PDF 和版式模板的输出文件夹。", "Folder for the PDF and the layout template."), Required = true };
        var print = new Command("print", Cli.S("排版选票，写出供印刷的 PDF 和识别用的版式模板。", "Lay out the ballot and write the PDF for printing plus the layout template the reader uses.")) { definition, output };
        print.SetAction(parse => Print(parse.GetValue(definition)!, parse.GetValue(output)!));
        var command = new Command("ballot", Cli.S("选票印制与印刷校对。", "Ballot printing and print proofing.")) { print };
        command.Subcommands.Add(ProofCommand.Create());
        return command;
    }

    /// <summary>Loads and validates a definition, printing every problem (with the line and column it is at); null when it has errors.</summary>
    internal static ElectionDefinition? LoadValid(FileInfo file)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine(Cli.T($"{file.Name}: 找不到文件 / there is no such file."));
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
                : DefinitionText.Locate(text, p.Path) is var (line, column) ? Cli.S($"第 {line} 行第 {column} 列：", $"line {line}, column {column}: ") : string.Empty;
            var severity = p.Severity == ProblemSeverity.Error ? Cli.S("错误", "error") : Cli.S("注意", "warning");
            writer.WriteLine($"{file.Name}: {severity} [{p.Code}] {p.Path}: {at}{ProblemWords.Say(Cli.Lang, p)}");
        }
    }

    private static int Validate(FileInfo file)
    {
        var definition = LoadValid(file);
        if (definition is null)
        {
            Console.Error.WriteLine(Cli.S($"{file.Name}：检查未通过；改正上面的错误之前不能据此印制选票。", $"{file.Name}: not valid; nothing can be printed from it until the errors above are fixed."));
            return 1;
        }

        var seats = definition.Contests.Sum(c => c.Seats);
        var candidates = definition.Contests.Sum(c => c.Candidates.Count);
        Console.WriteLine(Cli.S(
            $"{file.Name}：检查通过。{definition.Title}：{definition.Contests.Count} 个职位，应选 {seats} 名，候选人 {candidates} 名；计票规则：{Words.Preset(new Lang(false), definition.RuleProfile.Preset)}。",
            $"{file.Name}: valid. {definition.Title}: {definition.Contests.Count} contest(s), {seats} seat(s), {candidates} candidate(s); rules '{definition.RuleProfile.Preset}'."));
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
        Console.WriteLine(Cli.S($"选票 {BallotWording.Title(definition)}，票样 {definition.BallotStyle}：{layout.Pages.Count} 页，版式 {layout.LayoutHash}。", $"Ballot {BallotWording.Title(definition)}, style {definition.BallotStyle}: {layout.Pages.Count} page(s), layout {layout.LayoutHash}."));
        foreach (var contest in layout.Contests)
        {
            Console.WriteLine($"  {Words.ContestOnBallot(Cli.Lang, contest)}");
        }

        Console.WriteLine(Cli.S($"印刷用 PDF：  {pdf}", $"PDF for printing:   {pdf}"));
        Console.WriteLine(Cli.S($"识别用版式：  {template}", $"Layout for reading: {template}"));
        Console.WriteLine(Cli.S($"选举日前，先印一张，扫描或拍照后校对：./ballotscan ballot proof {file.Name} <扫描件>", $"Before election day, print one ballot, scan or photograph it, and check it with: ./ballotscan ballot proof {file.Name} <scan>"));
        return 0;
    }
}
