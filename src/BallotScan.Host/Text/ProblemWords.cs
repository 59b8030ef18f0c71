using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Proofing;
using BallotScan.Engine.Recognition;

namespace BallotScan.Host.Text;

/// <summary>
/// A problem of a file the office or the counters wrote, given by the Engine as a code and its values, in the reader's
/// words, Chinese first: what is wrong, where, and how to fix it. An election definition or a candidate list
/// (<see cref="DefinitionProblem"/>), a hand tally, the ballots issued per batch or an auditor's spot-check record
/// (<see cref="FileProblem"/>). The
/// station's pages and API and the command line say them alike.
/// </summary>
internal static class ProblemWords
{
    /// <summary>What <paramref name="p"/> says, in <paramref name="lang"/>; a code this build has no words for is said by its code and values.</summary>
    public static string Say(Lang lang, DefinitionProblem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var contest = lang.S($"职位 {p["contest"]}", $"The contest {p["contest"]}");
        var row = lang.S($"{p["sheet"]} 第 {p["row"]} 行：", $"{p["sheet"]}, row {p["row"]}: ");
        var at = p.Values.ContainsKey("line")
            ? lang.S($"第 {p["line"]} 行{(p.Values.ContainsKey("column") ? $"第 {p["column"]} 列" : string.Empty)}：", $"Line {p["line"]}{(p.Values.ContainsKey("column") ? $", column {p["column"]}" : string.Empty)}: ")
            : string.Empty;
        // A candidate's fact: at its row of the list, or by the candidate's name in a definition.
        var fact = (p.Values.ContainsKey("row") ? row : string.Empty) + lang.S($"{p["name"]}：", $"{p["name"]}: ");
        var what = p["what"] == "writeIns" ? lang.S("另选他人栏", "write-in cells") : lang.S("应选人数", "seats");
        return p.Code switch
        {
            DefinitionProblemCode.UnsupportedSchema => lang.S($"此文件的格式是「{p["schema"]}」，本程序读「{p["reads"]}」。", $"This file is of schema '{p["schema"]}'; this BallotScan reads '{p["reads"]}'."),
            DefinitionProblemCode.BadId => lang.S("选举编号须是 1 到 40 个英文字母、数字、「-」或「.」，例如 \"xx-town-yy-village-2026-vc\"（印在二维码里）。", "The election id must be 1 to 40 letters, digits, '-' or '.', e.g. \"xx-town-yy-village-2026-vc\" (it is printed in the QR codes)."),
            DefinitionProblemCode.BadBallotStyle => lang.S("选票式样须是 1 到 8 个英文字母或数字，例如 \"A\"。", "The ballot style must be 1 to 8 letters or digits, e.g. \"A\"."),
            DefinitionProblemCode.EmptyTitle => lang.S("选票要有标题，例如 某某村第十二届村民委员会选举。", "The ballot needs a title, e.g. 某某村第十二届村民委员会选举."),
            DefinitionProblemCode.UnknownPreset => lang.S($"没有这个计票规则预设（preset）「{p["preset"]}」：可用的有 {p["known"].Replace(",", "、", StringComparison.Ordinal)}。", $"There is no rules preset '{p["preset"]}'. Presets: {p["known"].Replace(",", ", ", StringComparison.Ordinal)}."),
            DefinitionProblemCode.NoContests => lang.S("没有任何职位：至少加一个，例如 委员，写明应选人数和候选人。", "The election has no contest (职位): add at least one, e.g. 委员 with its seats and candidates."),
            DefinitionProblemCode.BadContestId => lang.S("职位编号须是 1 到 24 个小写英文字母、数字或「-」，例如 \"director\"。", "A contest id must be 1 to 24 lower-case letters, digits or '-', e.g. \"director\"."),
            DefinitionProblemCode.DuplicateContestId => lang.S($"两个职位的编号都是「{p["id"]}」。", $"Two contests have the id '{p["id"]}'."),
            DefinitionProblemCode.EmptyContestTitle => lang.S("职位要有印在选票上的名称，例如 主任。", "The contest needs its title as printed, e.g. 主任."),
            DefinitionProblemCode.ZeroSeats => lang.S($"{contest} 的应选名额是 {p["seats"]}，至少须为 1。", $"{contest} has {p["seats"]} seats (应选名额); it must have at least 1."),
            DefinitionProblemCode.BadWriteIns => lang.S($"{contest} 要 {p["writeIns"]} 个另选他人栏，只能是 0 到 {p["most"]} 个。", $"{contest} asks for {p["writeIns"]} write-in cells (另选他人); 0 to {p["most"]} fit."),
            DefinitionProblemCode.EmptyName => lang.S("候选人没有姓名。", "A candidate has no name."),
            DefinitionProblemCode.NameTooLong => lang.S($"姓名「{p["name"]}」有 {p["length"]} 个字，姓名栏至多容 {p["most"]} 个。", $"The name '{p["name"]}' has {p["length"]} characters; at most {p["most"]} fit in a name cell."),
            DefinitionProblemCode.DuplicateCandidate => lang.S($"{contest} 列了两次「{p["name"]}」：若两人同名，请加区分（例如 王芳(东组)）。", $"{contest} lists '{p["name"]}' twice. If two people share a name, tell them apart (e.g. 王芳(东组))."),
            DefinitionProblemCode.SameNameInTwoContests => lang.S($"「{p["name"]}」同时是职位 {p["first"]} 和 {contest} 的候选人：请确认无误，以及适用哪条规则。", $"'{p["name"]}' is a candidate for {p["first"]} and for {p["contest"]}. Check this is intended and which rule applies."),
            DefinitionProblemCode.NoStrokeCount => lang.S($"「{p["name"]}」中的「{p["character"]}」没有笔画数据，按姓氏笔画排在最后；可改为按名单顺序（order: asListed）。", $"'{p["character"]}' in '{p["name"]}' has no stroke count in the Unihan data: its place in 姓氏笔画 order is last. Give the order explicitly (order: asListed)."),
            DefinitionProblemCode.NoWomanCandidate => lang.S("规则要求有妇女名额，但没有候选人标为女性（gender: female）。", "The rules reserve a seat for a woman but no candidate is marked gender: female."),
            DefinitionProblemCode.SerialNumbers => lang.S("选票编号可能破坏无记名投票，有的地方规定编号的选票无效。", "Serial numbers on ballots can break the secret ballot (无记名投票), and some local rules void numbered ballots."),
            DefinitionProblemCode.CharacterNotInFont => lang.S($"「{p["text"]}」中的「{p["character"]}」（{p["codePoint"]}）选票字体（含罕用字字体 fonts-hanazono）都印不出：请检查是否打错，或用该字的规范字形。", $"'{p["text"]}' has the character '{p["character"]}' ({p["codePoint"]}), which none of the ballot's fonts (the rare-character font fonts-hanazono included) can print. Check for a typing error, or use the standard form of the character."),
            DefinitionProblemCode.MissingElectorate when p.Path.EndsWith("dueToAttend", StringComparison.Ordinal) => lang.S("党组织选举须写明应到会有选举权的人数（electorate.dueToAttend）：到会人数和过半数以此计算。", "A party committee election needs the number of members due to attend (应到会有选举权的人数): quorum and majority count against it."),
            DefinitionProblemCode.MissingElectorate => lang.S("此选举须写明登记选民数（electorate.registered）：参选率以此计算。", "This election needs the number of registered voters (登记选民): turnout counts against it."),
            DefinitionProblemCode.TooFewCandidates => lang.S($"{contest} 有 {p["candidates"]} 名候选人、应选 {p["seats"]} 名；预设「{p["preset"]}」的差额规则至少要 {p["needed"]} 名。{(p["candidates"] == "0" ? "若是无候选人选举（海选），写 \"openNomination\": true，姓名栏与应选名额相同。" : string.Empty)}", $"{contest} has {p["candidates"]} candidates for {p["seats"]} seat(s); the 差额 rule of preset '{p["preset"]}' needs at least {p["needed"]}.{(p["candidates"] == "0" ? " For an election without candidates (海选), write \"openNomination\": true, with as many name cells as seats." : string.Empty)}"),
            DefinitionProblemCode.StrokeTie => lang.S($"「{p["name"]}」与「{p["other"]}」笔画完全相同，暂按编码顺序排列：请与选举委员会确认，或按名单顺序（order: asListed）。", $"'{p["name"]}' and '{p["other"]}' have the same stroke counts throughout; BallotScan puts them in code-point order. Confirm with the election committee, or give the order explicitly (order: asListed)."),
            DefinitionProblemCode.FileNotFound => lang.S($"没有文件 {p["file"]}。", $"There is no file {p["file"]}."),
            DefinitionProblemCode.Empty => lang.S("文件中没有选举定义（内容是 null）。", "The file holds no definition (it is 'null')."),
            DefinitionProblemCode.FullWidthPunctuation => lang.S($"第 {p["line"]} 行第 {p["column"]} 列是全角的「{p["found"]}」，已按半角「{p["meant"]}」读取（JSON 的标点须是半角）。", $"{at}the full-width '{p["found"]}' was read as '{p["meant"]}' (JSON punctuation is ASCII)."),
            DefinitionProblemCode.UnknownSetting => lang.S($"{at}「{p["name"]}」不是 BallotScan 认识的计票规则设置。可用的设置：{p["known"]}。", $"{at}'{p["name"]}' is not a rule setting BallotScan knows. Settings: {p["known"]}."),
            DefinitionProblemCode.UnknownField => lang.S($"{at}「{p["name"]}」不是此处的字段，请检查拼写（见 docs/election-definition.md）。", $"{at}'{p["name"]}' is not a field BallotScan knows here; check the spelling (see docs/election-definition.md)."),
            DefinitionProblemCode.MissingField => lang.S($"{at}缺少必填字段：{p["name"]}。", $"{at}a required field is missing: {p["name"]}."),
            DefinitionProblemCode.BadValue => lang.S($"{at}{p.Path} 处的值不可用{(p["known"].Length > 0 ? $"。可用的值：{p["known"]}" : string.Empty)}。", $"{at}the value at {p.Path} is not valid here.{(p["known"].Length > 0 ? $" Allowed: {p["known"]}." : string.Empty)}"),
            DefinitionProblemCode.BadDate => lang.S($"{at}日期写作 2026-12-20（也可写 2026/12/20 或 2026年12月20日）。", $"{at}write a date as 2026-12-20 (or 2026/12/20, or 2026年12月20日)."),
            DefinitionProblemCode.BadJson => lang.S($"{at}文件不是有效的 JSON：{JsonHint(p["hint"])}", $"{at}the file is not valid JSON: {p["why"]}"),
            DefinitionProblemCode.UnreadableList => lang.S($"{p["file"]} 不是可读的 Excel 工作簿：文件已损坏，或并不是 Excel 文件。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再试。", $"{p["file"]} is not a readable workbook ({p["why"]})."),
            DefinitionProblemCode.ListTooLarge => lang.S($"{p["file"]} 太大（或解压后超过 {p["limitMb"]} MB），不是候选人名单应有的大小，未读取。请检查是否选错了文件。", $"{p["file"]} is larger than any candidate list (or unpacks to more than {p["limitMb"]} MB): it was not read. Check that it is the right file."),
            DefinitionProblemCode.NotAList => lang.S($"{p["file"]}：候选人名单须是 .xlsx、.xls 或 .csv 文件。", $"{p["file"]}: the candidate list must be an .xlsx, .xls or .csv file."),
            DefinitionProblemCode.NoCandidates => lang.S($"{p["file"]} 中找不到候选人名单（表头须有 职位 和 姓名 两列）。", $"No candidate list in {p["file"]} (a header row with 职位 and 姓名 is needed)."),
            DefinitionProblemCode.NoNames => lang.S($"{p["file"]} 中没有姓名：名单须有一列 姓名（或第一列就是姓名）。", $"No names in {p["file"]}: the list needs a 姓名 column (or names in its first column)."),
            DefinitionProblemCode.NoContest => lang.S($"{row}{p["name"]} 没有职位。", $"{row}{p["name"]} has no contest."),
            DefinitionProblemCode.BadNumber => lang.S($"{row}「{p["text"]}」不是整数（{what}）。", $"{row}'{p["text"]}' is not a whole number ({what})."),
            DefinitionProblemCode.SeatsDiffer => lang.S($"{row}{p["contest"]} 的{what}前面写的是 {p["before"]}，这里是 {p["here"]}。", $"{row}{p["contest"]}: {p["before"]} {what} before, {p["here"]} here."),
            DefinitionProblemCode.OpenNominationCells => lang.S(
                $"{contest} 是无候选人选举（openNomination）：不列候选人，姓名栏（writeIns）与应选名额相同，即 {p["seats"]} 栏；现为候选人 {p["candidates"]} 名、姓名栏 {p["writeIns"]} 栏。",
                $"{contest} is elected without candidates (openNomination): nobody listed, and as many name cells (writeIns) as seats, {p["seats"]}; it has {p["candidates"]} candidate(s) and {p["writeIns"]} cell(s)."),
            DefinitionProblemCode.BadRound => lang.S("另行选举（round: supplementary）须写明第几轮（roundNumber，2 至 9）和第一轮的选举编号（firstRound，与本编号不同）；第一次投票两者都不写。", "A 另行选举 (round: supplementary) names its round (roundNumber, 2 to 9) and the first round's election id (firstRound, not its own); a first vote names neither."),
            DefinitionProblemCode.BadBirth => lang.S($"{fact}出生年月「{p["text"]}」看不懂：写作 1980-05 或 1980年5月。", $"{fact}the birth month '{p["text"]}' cannot be read: write it as 1980-05 or 1980年5月."),
            DefinitionProblemCode.BadAge => lang.S($"{fact}年龄「{p["text"]}」不是可能的年龄（写整数，例如 45）。", $"{fact}the age '{p["text"]}' is not a possible age (write a whole number, e.g. 45)."),
            DefinitionProblemCode.BornAfterElection => lang.S($"{fact}出生年月 {p["born"]} 在选举日 {p["date"]} 之后：请核对。", $"{fact}born {p["born"]}, after the election day {p["date"]}: check it."),
            DefinitionProblemCode.TooYoung => lang.S($"{fact}选举日时 {p["age"]} 岁，不满 {p["youngest"]} 周岁，没有被选举权：请核对出生年月或年龄。", $"{fact}{p["age"]} on the election day, under {p["youngest"]}: not eligible to stand; check the birth month or age."),
            DefinitionProblemCode.UnknownEducation => lang.S($"{fact}文化程度「{p["text"]}」不认识：写 研究生、本科、大专、高中（中专）、初中 或 小学。", $"{fact}the education '{p["text"]}' is not known: write 研究生, 本科, 大专, 高中 (中专), 初中 or 小学."),
            DefinitionProblemCode.UnknownPolitical => lang.S($"{fact}政治面貌「{p["text"]}」不认识：写 中共党员、中共预备党员、共青团员、民主党派、无党派人士 或 群众。", $"{fact}the political status '{p["text"]}' is not known: write 中共党员, 中共预备党员, 共青团员, 民主党派, 无党派人士 or 群众."),
            DefinitionProblemCode.UnknownEthnicity => lang.S($"{fact}民族「{p["text"]}」不是 56 个民族之一：写全称，例如 汉族、回族。", $"{fact}'{p["text"]}' is not one of the 56 民族: write the full name, e.g. 汉族, 回族."),
            DefinitionProblemCode.UnknownTenure => lang.S($"{fact}「{p["text"]}」不是 连任 或 新任。", $"{fact}'{p["text"]}' is neither 连任 (re-elected) nor 新任 (new)."),
            DefinitionProblemCode.NoSeats => lang.S($"{p["contest"]} 没有应选人数：在名单中加一列 应选人数。", $"{p["contest"]} has no number of seats: add a 应选人数 column."),
            _ => p.ToString(),
        };
    }

    /// <summary>What a hand tally's or a spot-check record's problem <paramref name="p"/> says, in <paramref name="lang"/>.</summary>
    public static string Say(Lang lang, FileProblem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        // Text the station received (no file name) is said by its row alone.
        var row = p["file"].Length == 0 ? lang.S($"第 {p["row"]} 行：", $"Row {p["row"]}: ") : lang.S($"{p["file"]} 第 {p["row"]} 行：", $"{p["file"]}, row {p["row"]}: ");
        var parts = p["withVoid"] == "True" ? lang.S("赞成+不赞成+弃权+无效", "approve + disapprove + abstain + void") : lang.S("赞成+不赞成+弃权", "approve + disapprove + abstain");
        var figure = p["figure"] == "valid" ? lang.S("有效票", "valid ballots") : lang.S("收回选票", "ballots returned");
        return p.Code switch
        {
            FileProblemCode.UnreadableWorkbook => lang.S($"{p["file"]} 不是可读的 Excel 工作簿：文件已损坏，或并不是 Excel 文件。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再试。", $"{p["file"]} is not a readable workbook ({p["why"]})."),
            FileProblemCode.TableTooLarge => lang.S($"{p["file"]} 太大（或解压后超过 {p["limitMb"]} MB），不是名单或计票表应有的大小，未读取。请检查是否选错了文件。", $"{p["file"]} is larger than any list or tally (or unpacks to more than {p["limitMb"]} MB): it was not read. Check that it is the right file."),
            FileProblemCode.NotATable => lang.S($"{p["file"]}：须是 .csv、.xlsx 或 .xls 文件。", $"{p["file"]}: must be a .csv, .xlsx or .xls file."),
            FileProblemCode.NotABallotCount => lang.S($"{row}「{p["text"]}」不是票数。", $"{row}'{p["text"]}' is not a number of ballots."),
            FileProblemCode.NoBatchColumns => lang.S($"{p["file"]} 中找不到 批次 和 发出 两列。", $"{p["file"]} has no 批次 and 发出 columns."),
            FileProblemCode.NotAHandTally => lang.S($"{p["file"]}：手工计票须是 .csv、.xlsx、.xls 或 .json 文件。", $"{p["file"]}: a hand tally must be a .csv, .xlsx, .xls or .json file."),
            FileProblemCode.NoSuchSheet => lang.S($"{p["file"]} 中没有名为「{p["sheet"]}」的工作表（有：{p["sheets"].Replace(",", "、", StringComparison.Ordinal)}）。", $"{p["file"]} has no sheet named '{p["sheet"]}' (it has {p["sheets"].Replace(",", ", ", StringComparison.Ordinal)})."),
            FileProblemCode.NoLines => lang.S($"{p["file"]} 中找不到选举结果报告单的任何一行（表头 项目,职位,姓名,票数，或 姓名 与 赞成/不赞成/弃权 列）：未核对。", $"No line of the result report was found in {p["file"]} (a header 项目,职位,姓名,票数, or a 姓名 column with 赞成 / 不赞成 / 弃权 columns): nothing was compared."),
            FileProblemCode.NoNumbers => lang.S($"{p["file"]} 中没有任何数字：未核对。", $"{p["file"]} holds no numbers: nothing was compared."),
            FileProblemCode.NotALine => lang.S($"{row}「{p["text"]}」不是结果报告单上的项目（赞成、不赞成、弃权、无效、另选他人、发出选票、收回选票、有效票、无效票、应到人数、实到人数）。", $"{row}'{p["text"]}' is not a line of the result report (赞成, 不赞成, 弃权, 无效, 另选他人, 发出选票, 收回选票, 有效票, 无效票, 应到人数, 实到人数)."),
            FileProblemCode.BadCount => lang.S($"{row}票数「{p["text"]}」不是整数。", $"{row}the count '{p["text"]}' is not a whole number."),
            FileProblemCode.NotAContest => lang.S($"{row}「{p["text"]}」不是本次选举的职位（{p["contests"].Replace(",", "、", StringComparison.Ordinal)}）。", $"{row}'{p["text"]}' is not a contest of this election ({p["contests"].Replace(",", ", ", StringComparison.Ordinal)})."),
            FileProblemCode.NameNeeded => lang.S($"{row}{p["line"]} 一行须写姓名。", $"{row}a {p["line"]} line needs a name."),
            FileProblemCode.NotACandidate => lang.S($"{row}{p["name"]} 不是职位 {p["contest"]} 的候选人；另选的姓名写在 另选他人 一行。", $"{row}{p["name"]} is not a listed candidate for {p["contest"]}; a written-in name goes on a 另选他人 line."),
            FileProblemCode.LineTwice => lang.S($"{row}这一行出现了两次。", $"{row}this line appears twice."),
            FileProblemCode.BadJson => lang.S($"手工计票不是有效的 JSON（{p["why"]}）。", $"The hand tally is not valid JSON: {p["why"]}"),
            FileProblemCode.NoLinesArray => lang.S("手工计票的 JSON 须有 \"lines\" 数组。", "The hand tally JSON needs a \"lines\" array."),
            FileProblemCode.LinesLeftOut => lang.S("有的行没有保存下来。", "some lines were left out."),
            FileProblemCode.MoreThanBallots => lang.S($"{p["contest"]} {p["name"]}：{parts} = {p["sum"]}，多于{figure} {p["count"]}。", $"{p["contest"]} {p["name"]}: {parts} = {p["sum"]}, more than the {p["count"]} {figure}."),
            FileProblemCode.NotAFinding => lang.S($"第 {p["row"]} 行：「{p["text"]}」既不是 一致 也不是 不一致。", $"Row {p["row"]}: '{p["text"]}' is neither agree nor disagree."),
            FileProblemCode.NotYesOrNo => lang.S($"第 {p["row"]} 行：图像是否这张纸质选票的，「{p["text"]}」既不是 是 也不是 否。", $"Row {p["row"]}: '{p["text"]}' says neither yes nor no on whether the image is this paper's."),
            FileProblemCode.NoSuchBox => lang.S($"第 {p["order"]} 张：「{p["pair"]}」不是这张选票上的框（写作 框=符号，例如 委员 李红梅=○ 或 委员 另选1=张三○）。", $"Draw {p["order"]}: '{p["pair"]}' names no box of this ballot (write box=symbol, e.g. 委员 李红梅=○)."),
            FileProblemCode.NotASymbol => lang.S($"第 {p["order"]} 张：「{p["text"]}」不是符号（○ × 空 √ ?）。", $"Draw {p["order"]}: '{p["text"]}' is not a symbol (○ × 空 √ ?)."),
            FileProblemCode.NotASheetOfTheCount => lang.S($"第 {p["order"]} 张：{p["sheet"]} 不是这次计票的选票。", $"Draw {p["order"]}: {p["sheet"]} is not a sheet of this count."),
            FileProblemCode.SumsDiffer => lang.S($"{p["contest"]}：各候选人的 赞成+不赞成+弃权+无效 应相同（都等于本职位的有效票），现为 {p["sums"].Replace(",", "、", StringComparison.Ordinal)}。", $"{p["contest"]}: approve + disapprove + abstain + void must be the same for every candidate (the contest's valid ballots); they are {p["sums"].Replace(",", ", ", StringComparison.Ordinal)}."),
            _ => p.ToString(),
        };
    }

    /// <summary>Why no 另行选举 can be drawn from a count, in <paramref name="lang"/>, and what to do.</summary>
    public static string Say(Lang lang, NextRoundProblem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var names = string.Join(lang.S("、", ", "), p.Names ?? []);
        var one = p.Names is [var first, ..] ? first : string.Empty;
        return p.Code switch
        {
            NextRoundProblemCode.StillWaiting => lang.S(
                $"计票尚未完成：还有 {p.Figure} 张选票等待监票人裁定。裁定全部完成、结果确定后，才能确定另行选举的候选人。",
                $"The count is not final: {p.Figure} sheet(s) still wait for the scrutineers. Who stands in a 另行选举 follows from the final result only."),
            NextRoundProblemCode.ElectionNotValid => lang.S(
                "这次选举无效（参加投票人数、收回选票或到会人数不符合规定）：应重新选举，而不是另行选举。",
                "The election is not valid (turnout, ballots returned or quorum): it is held again, not completed by a 另行选举."),
            NextRoundProblemCode.NoSeatLeft => lang.S("所有名额均已选足，无需另行选举。", "Every seat is filled: there is no 另行选举 to hold."),
            NextRoundProblemCode.TieForTheMeeting => lang.S(
                $"{p.Contest}：{names} 得票相同，争 {p.Figure} 个候选人位置。按规则由选举大会决定谁成为候选人：决定后用 --stand 写明（例如 --stand {one}）。",
                $"{p.Contest}: {names} have the same votes for {p.Figure} place(s) among the candidates. The rules leave it to the meeting: name who stands with --stand (e.g. --stand {one})."),
            NextRoundProblemCode.ChosenNotAmongTied => lang.S(
                $"{p.Contest}：--stand 须从得票相同的 {names} 中写明 {p.Figure} 人。",
                $"{p.Contest}: --stand must name {p.Figure} of those tied: {names}."),
            NextRoundProblemCode.IdTooLong => lang.S("第一轮的选举编号太长，加上轮次后超过 40 个字符：请缩短第一轮的编号。", "The first round's id with the round added is longer than 40 characters: shorten the first round's id."),
            _ => lang.S($"已是第 {SupplementaryRound.LastRound} 轮，不能再另行选举。", $"This is round {SupplementaryRound.LastRound} already: no further round."),
        };
    }

    /// <summary>Why a count given as an earlier round is not one of this election's, in <paramref name="lang"/>.</summary>
    public static string Say(Lang lang, RoundsProblem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Code switch
        {
            RoundsProblemCode.AnotherElection => lang.S($"{p.ElectionId} 是另一场选举的计票，不是本次选举的前一轮。", $"{p.ElectionId} is the count of another election, not an earlier round of this one."),
            RoundsProblemCode.NotAnEarlierRound => lang.S($"{p.ElectionId} 是第 {p.Round} 轮，不在本轮之前。", $"{p.ElectionId} is round {p.Round}, not a round before this one."),
            _ => lang.S($"第 {p.Round} 轮给了两次。", $"Round {p.Round} was given twice."),
        };
    }

    /// <summary>What a proof of a print found wrong, in <paramref name="lang"/>: where, and what to do.</summary>
    public static string Say(Lang lang, ProofFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Code switch
        {
            ProofFindingCode.NotLocated => lang.S($"第 {f.Image} 个图像：", $"Image {f.Image}: ") + f.Failure switch
            {
                LocateFailure.WrongElection => lang.S($"这是选举「{f.ElectionRead}」的选票，不是这份定义的选举：请勿使用这份印刷。", $"a ballot of election '{f.ElectionRead}', not of this definition: do not use this print."),
                LocateFailure.NoCodes => lang.S("找不到二维码：是白纸、别的东西，或二维码印坏了。", "no QR code found: a blank sheet, something else, or codes printed badly."),
                LocateFailure.NotABallot => lang.S("二维码不是 BallotScan 选票的二维码。", "its QR codes are not a BallotScan ballot's."),
                LocateFailure.InconsistentCodes => lang.S("二维码互相矛盾（像是两张选票拼成的）。", "its QR codes disagree (parts of two ballots)."),
                LocateFailure.UnknownStyle or LocateFailure.UnknownPage => lang.S("二维码所写的样式或页码本选举没有。", "its codes name a style or page this election does not have."),
                LocateFailure.TooFewCodes => lang.S("只读出一个二维码，无法核对整页：请重新扫描或拍得更清楚。", "only one code could be read: scan or photograph it again, sharper."),
                _ => lang.S("二维码不在版式所定的位置（折叠、裁切或缺角）：请重新扫描。", "the codes are not where the layout puts them (a fold, a cut, a torn corner): scan it again."),
            },
            ProofFindingCode.LayoutMismatch => lang.S(
                $"第 {f.Page} 页：二维码中的版式是 {f.LayoutPrinted}，这份定义的版式是 {f.LayoutDefined}：这份印刷来自另一版本的定义。下面列出读到的姓名。",
                $"Page {f.Page}: the QR codes carry layout {f.LayoutPrinted}, this definition gives {f.LayoutDefined}: the print comes from another version of the definition. The names read are listed."),
            ProofFindingCode.MissingPage => lang.S($"共 {f.Pages} 页，第 {f.Page} 页不在所给图像中。", $"Page {f.Page} of {f.Pages} was not among the images."),
            ProofFindingCode.NamesSwapped => lang.S(
                $"第 {f.Page} 页 {f.Contest}：「{f.Expected}」与「{f.OtherExpected}」互相印错了位置（第 {f.Position} 位和第 {f.OtherPosition} 位）。",
                $"Page {f.Page}, {f.Contest}: '{f.Expected}' and '{f.OtherExpected}' are printed in each other's places (positions {f.Position} and {f.OtherPosition})."),
            _ => string.IsNullOrEmpty(f.Read)
                ? lang.S($"第 {f.Page} 页 {f.Contest} 第 {f.Position} 位：应印「{f.Expected}」，但格中是空的。", $"Page {f.Page}, {f.Contest} position {f.Position}: '{f.Expected}' should be printed here, but the cell is empty.")
                : lang.S($"第 {f.Page} 页 {f.Contest} 第 {f.Position} 位：应印「{f.Expected}」，读到的是「{f.Read}」（可信度 {f.Confidence}）。", $"Page {f.Page}, {f.Contest} position {f.Position}: '{f.Expected}' should be printed here, but '{f.Read}' was read (confidence {f.Confidence})."),
        };
    }

    /// <summary>
    /// What an exception of reading or opening says: an unusable definition or hand tally by its problems, any other by its
    /// message (written "中文 / English").
    /// </summary>
    public static string Say(Lang lang, Exception e) => e switch
    {
        ElectionDefinitionException d => string.Join(lang.S("；", "; "), d.Problems.Select(p => Say(lang, p))),
        FileProblemException f => Say(lang, f.Problem),
        _ => lang.Say(e.Message),
    };

    /// <summary>The likely cause of a JSON syntax error (<c>hint</c>), in words for an office worker.</summary>
    private static string JsonHint(string hint) => hint switch
    {
        "colon" => "字段名后应是半角冒号「:」。",
        "comma" => "两项之间应有半角逗号「,」，或括号没有配对。",
        "unfinished" => "文件没有写完，或括号没有配对。",
        _ => "请检查这一处的标点和括号。",
    };
}
