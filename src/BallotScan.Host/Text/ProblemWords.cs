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
        var contest = lang.T("职位 {0}", p["contest"]);
        var row = lang.T("{0} 第 {1} 行：", p["sheet"], p["row"]);
        var at = p.Values.ContainsKey("line")
            ? lang.T("第 {0} 行{1}：", p["line"], (p.Values.ContainsKey("column") ? lang.T("第 {0} 列", p["column"]) : string.Empty))
            : string.Empty;
        // A candidate's fact: at its row of the list, or by the candidate's name in a definition.
        var fact = (p.Values.ContainsKey("row") ? row : string.Empty) + lang.T("{0}：", p["name"]);
        var what = p["what"] == "writeIns" ? lang.T("另选他人栏") : lang.T("应选人数");
        return p.Code switch
        {
            DefinitionProblemCode.UnsupportedSchema => lang.T("此文件的格式是「{0}」，本程序读「{1}」。", p["schema"], p["reads"]),
            DefinitionProblemCode.BadId => lang.T("选举编号须是 1 到 40 个英文字母、数字、「-」或「.」，例如 \"xx-town-yy-village-2026-vc\"（印在二维码里）。"),
            DefinitionProblemCode.BadBallotStyle => lang.T("选票式样须是 1 到 8 个英文字母或数字，例如 \"A\"。"),
            DefinitionProblemCode.EmptyTitle => lang.T("选票要有标题，例如 某某村第十二届村民委员会选举。"),
            DefinitionProblemCode.UnknownPreset => lang.T("没有这个计票规则预设（preset）「{0}」：可用的有 {1}。", p["preset"], p["known"].Split(',')),
            DefinitionProblemCode.NoContests => lang.T("没有任何职位：至少加一个，例如 委员，写明应选人数和候选人。"),
            DefinitionProblemCode.BadContestId => lang.T("职位编号须是 1 到 24 个小写英文字母、数字或「-」，例如 \"director\"。"),
            DefinitionProblemCode.DuplicateContestId => lang.T("两个职位的编号都是「{0}」。", p["id"]),
            DefinitionProblemCode.EmptyContestTitle => lang.T("职位要有印在选票上的名称，例如 主任。"),
            DefinitionProblemCode.ZeroSeats => lang.T("{0} 的应选名额是 {1}，至少须为 1。", contest, p["seats"]),
            DefinitionProblemCode.BadWriteIns => lang.T("{0} 要 {1} 个另选他人栏，只能是 0 到 {2} 个。", contest, p["writeIns"], p["most"]),
            DefinitionProblemCode.EmptyName => lang.T("候选人没有姓名。"),
            DefinitionProblemCode.NameTooLong => lang.T("姓名「{0}」有 {1} 个字，姓名栏至多容 {2} 个。", p["name"], p["length"], p["most"]),
            DefinitionProblemCode.DuplicateCandidate => lang.T("{0} 列了两次「{1}」：若两人同名，请加区分（例如 王芳(东组)）。", contest, p["name"]),
            DefinitionProblemCode.SameNameInTwoContests => lang.T("「{0}」同时是职位 {1} 和 {2} 的候选人：请确认无误，以及适用哪条规则。", p["name"], p["first"], contest),
            DefinitionProblemCode.NoStrokeCount => lang.T("「{0}」中的「{1}」没有笔画数据，按姓氏笔画排在最后；可改为按名单顺序（order: asListed）。", p["name"], p["character"]),
            DefinitionProblemCode.NoWomanCandidate => lang.T("规则要求有妇女名额，但没有候选人标为女性（gender: female）。"),
            DefinitionProblemCode.SerialNumbers => lang.T("选票编号可能破坏无记名投票，有的地方规定编号的选票无效。"),
            DefinitionProblemCode.CharacterNotInFont => lang.T("「{0}」中的「{1}」（{2}）选票字体（含罕用字字体 fonts-hanazono）都印不出：请检查是否打错，或用该字的规范字形。", p["text"], p["character"], p["codePoint"]),
            DefinitionProblemCode.MissingElectorate when p.Path.EndsWith("dueToAttend", StringComparison.Ordinal) => lang.T("党组织选举须写明应到会有选举权的人数（electorate.dueToAttend）：到会人数和过半数以此计算。"),
            DefinitionProblemCode.MissingElectorate => lang.T("此选举须写明登记选民数（electorate.registered）：参选率以此计算。"),
            DefinitionProblemCode.TooFewCandidates => lang.T("{0} 有 {1} 名候选人、应选 {2} 名；预设「{3}」的差额规则至少要 {4} 名。{5}", contest, p["candidates"], p["seats"], p["preset"], p["needed"], (p["candidates"] == "0" ? lang.T("若是无候选人选举（海选），写 \"openNomination\": true，姓名栏与应选名额相同。") : string.Empty)),
            DefinitionProblemCode.StrokeTie => lang.T("「{0}」与「{1}」笔画完全相同，暂按编码顺序排列：请与选举委员会确认，或按名单顺序（order: asListed）。", p["name"], p["other"]),
            DefinitionProblemCode.FileNotFound => lang.T("没有文件 {0}。", p["file"]),
            DefinitionProblemCode.Empty => lang.T("文件中没有选举定义（内容是 null）。"),
            DefinitionProblemCode.FullWidthPunctuation => lang.T("第 {0} 行第 {1} 列是全角的「{2}」，已按半角「{3}」读取（JSON 的标点须是半角）。", p["line"], p["column"], p["found"], p["meant"]),
            DefinitionProblemCode.UnknownSetting => lang.T("{0}「{1}」不是 BallotScan 认识的计票规则设置。可用的设置：{2}。", at, p["name"], p["known"]),
            DefinitionProblemCode.UnknownField => lang.T("{0}「{1}」不是此处的字段，请检查拼写（见 docs/election-definition.md）。", at, p["name"]),
            DefinitionProblemCode.MissingField => lang.T("{0}缺少必填字段：{1}。", at, p["name"]),
            DefinitionProblemCode.BadValue => lang.T("{0}{1} 处的值不可用{2}。", at, p.Path, (p["known"].Length > 0 ? lang.T("。可用的值：{0}", p["known"]) : string.Empty)),
            DefinitionProblemCode.BadDate => lang.T("{0}日期写作 2026-12-20（也可写 2026/12/20 或 2026年12月20日）。", at),
            DefinitionProblemCode.BadJson => lang.T("{0}文件不是有效的 JSON：{1}（{2}）", at, JsonHint(lang, p["hint"]), p["why"]),
            DefinitionProblemCode.UnreadableList => lang.T("{0} 不是可读的 Excel 工作簿：文件已损坏，或并不是 Excel 文件。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再试。", p["file"], p["why"]),
            DefinitionProblemCode.ListTooLarge => lang.T("{0} 太大（或解压后超过 {1} MB），不是候选人名单应有的大小，未读取。请检查是否选错了文件。", p["file"], p["limitMb"]),
            DefinitionProblemCode.NotAList => lang.T("{0}：候选人名单须是 .xlsx、.xls 或 .csv 文件。", p["file"]),
            DefinitionProblemCode.NoCandidates => lang.T("{0} 中找不到候选人名单（表头须有 职位 和 姓名 两列）。", p["file"]),
            DefinitionProblemCode.NoNames => lang.T("{0} 中没有姓名：名单须有一列 姓名（或第一列就是姓名）。", p["file"]),
            DefinitionProblemCode.NoContest => lang.T("{0}{1} 没有职位。", row, p["name"]),
            DefinitionProblemCode.BadNumber => lang.T("{0}「{1}」不是整数（{2}）。", row, p["text"], what),
            DefinitionProblemCode.SeatsDiffer => lang.T("{0}{1} 的{2}前面写的是 {3}，这里是 {4}。", row, p["contest"], what, p["before"], p["here"]),
            DefinitionProblemCode.OpenNominationCells => lang.T("{0} 是无候选人选举（openNomination）：不列候选人，姓名栏（writeIns）与应选名额相同，即 {1} 栏；现为候选人 {2} 名、姓名栏 {3} 栏。", contest, p["seats"], p["candidates"], p["writeIns"]),
            DefinitionProblemCode.BadRound => lang.T("另行选举（round: supplementary）须写明第几轮（roundNumber，2 至 9）和第一轮的选举编号（firstRound，与本编号不同）；第一次投票两者都不写。"),
            DefinitionProblemCode.BadBirth => lang.T("{0}出生年月「{1}」看不懂：写作 1980-05 或 1980年5月。", fact, p["text"]),
            DefinitionProblemCode.BadAge => lang.T("{0}年龄「{1}」不是可能的年龄（写整数，例如 45）。", fact, p["text"]),
            DefinitionProblemCode.BornAfterElection => lang.T("{0}出生年月 {1} 在选举日 {2} 之后：请核对。", fact, p["born"], p["date"]),
            DefinitionProblemCode.TooYoung => lang.T("{0}选举日时 {1} 岁，不满 {2} 周岁，没有被选举权：请核对出生年月或年龄。", fact, p["age"], p["youngest"]),
            DefinitionProblemCode.UnknownEducation => lang.T("{0}文化程度「{1}」不认识：写 研究生、本科、大专、高中（中专）、初中 或 小学。", fact, p["text"]),
            DefinitionProblemCode.UnknownPolitical => lang.T("{0}政治面貌「{1}」不认识：写 中共党员、中共预备党员、共青团员、民主党派、无党派人士 或 群众。", fact, p["text"]),
            DefinitionProblemCode.UnknownEthnicity => lang.T("{0}民族「{1}」不是 56 个民族之一：写全称，例如 汉族、回族。", fact, p["text"]),
            DefinitionProblemCode.UnknownTenure => lang.T("{0}「{1}」不是 连任 或 新任。", fact, p["text"]),
            DefinitionProblemCode.NoSeats => lang.T("{0} 没有应选人数：在名单中加一列 应选人数。", p["contest"]),
            _ => p.ToString(),
        };
    }

    /// <summary>What a hand tally's or a spot-check record's problem <paramref name="p"/> says, in <paramref name="lang"/>.</summary>
    public static string Say(Lang lang, FileProblem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        // Text the station received (no file name) is said by its row alone.
        var row = p["file"].Length == 0 ? lang.T("第 {0} 行：", p["row"]) : lang.T("{0} 第 {1} 行：", p["file"], p["row"]);
        var parts = p["withVoid"] == "True" ? lang.T("赞成+不赞成+弃权+无效") : lang.T("赞成+不赞成+弃权");
        var figure = p["figure"] == "valid" ? lang.T("有效票") : lang.T("收回选票");
        return p.Code switch
        {
            FileProblemCode.UnreadableWorkbook => lang.T("{0} 不是可读的 Excel 工作簿：文件已损坏，或并不是 Excel 文件。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再试。", p["file"], p["why"]),
            FileProblemCode.TableTooLarge => lang.T("{0} 太大（或解压后超过 {1} MB），不是名单或计票表应有的大小，未读取。请检查是否选错了文件。", p["file"], p["limitMb"]),
            FileProblemCode.NotATable => lang.T("{0}：须是 .csv、.xlsx 或 .xls 文件。", p["file"]),
            FileProblemCode.NotABallotCount => lang.T("{0}「{1}」不是票数。", row, p["text"]),
            FileProblemCode.NoBatchColumns => lang.T("{0} 中找不到 批次 和 发出 两列。", p["file"]),
            FileProblemCode.NotAHandTally => lang.T("{0}：手工计票须是 .csv、.xlsx、.xls 或 .json 文件。", p["file"]),
            FileProblemCode.NoSuchSheet => lang.T("{0} 中没有名为「{1}」的工作表（有：{2}）。", p["file"], p["sheet"], p["sheets"].Split(',')),
            FileProblemCode.NoLines => lang.T("{0} 中找不到选举结果报告单的任何一行（表头 项目,职位,姓名,票数，或 姓名 与 赞成/不赞成/弃权 列）：未核对。", p["file"]),
            FileProblemCode.NoNumbers => lang.T("{0} 中没有任何数字：未核对。", p["file"]),
            FileProblemCode.NotALine => lang.T("{0}「{1}」不是结果报告单上的项目（赞成、不赞成、弃权、无效、另选他人、发出选票、收回选票、有效票、无效票、应到人数、实到人数）。", row, p["text"]),
            FileProblemCode.BadCount => lang.T("{0}票数「{1}」不是整数。", row, p["text"]),
            FileProblemCode.NotAContest => lang.T("{0}「{1}」不是本次选举的职位（{2}）。", row, p["text"], p["contests"].Split(',')),
            FileProblemCode.NameNeeded => lang.T("{0}{1} 一行须写姓名。", row, p["line"]),
            FileProblemCode.NotACandidate => lang.T("{0}{1} 不是职位 {2} 的候选人；另选的姓名写在 另选他人 一行。", row, p["name"], p["contest"]),
            FileProblemCode.LineTwice => lang.T("{0}这一行出现了两次。", row),
            FileProblemCode.BadJson => lang.T("手工计票不是有效的 JSON（{0}）。", p["why"]),
            FileProblemCode.NoLinesArray => lang.T("手工计票的 JSON 须有 \"lines\" 数组。"),
            FileProblemCode.LinesLeftOut => lang.T("有的行没有保存下来。"),
            FileProblemCode.MoreThanBallots => lang.T("{0} {1}：{2} = {3}，多于{4} {5}。", p["contest"], p["name"], parts, p["sum"], figure, p["count"]),
            FileProblemCode.NotAFinding => lang.T("第 {0} 行：「{1}」既不是 一致 也不是 不一致。", p["row"], p["text"]),
            FileProblemCode.NotYesOrNo => lang.T("第 {0} 行：图像是否这张纸质选票的，「{1}」既不是 是 也不是 否。", p["row"], p["text"]),
            FileProblemCode.NoSuchBox => lang.T("第 {0} 张：「{1}」不是这张选票上的框（写作 框=符号，例如 委员 李红梅=○ 或 委员 另选1=张三○）。", p["order"], p["pair"]),
            FileProblemCode.NotASymbol => lang.T("第 {0} 张：「{1}」不是符号（○ × 空 √ ?）。", p["order"], p["text"]),
            FileProblemCode.NotASheetOfTheCount => lang.T("第 {0} 张：{1} 不是这次计票的选票。", p["order"], p["sheet"]),
            FileProblemCode.SumsDiffer => lang.T("{0}：各候选人的 赞成+不赞成+弃权+无效 应相同（都等于本职位的有效票），现为 {1}。", p["contest"], p["sums"].Split(',')),
            _ => p.ToString(),
        };
    }

    /// <summary>Why no 另行选举 can be drawn from a count, in <paramref name="lang"/>, and what to do.</summary>
    public static string Say(Lang lang, NextRoundProblem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var names = string.Join(lang.T("、"), p.Names ?? []);
        var one = p.Names is [var first, ..] ? first : string.Empty;
        return p.Code switch
        {
            NextRoundProblemCode.StillWaiting => lang.T("计票尚未完成：还有 {0} 张选票等待监票人裁定。裁定全部完成、结果确定后，才能确定另行选举的候选人。", p.Figure),
            NextRoundProblemCode.ElectionNotValid => lang.T("这次选举无效（参加投票人数、收回选票或到会人数不符合规定）：应重新选举，而不是另行选举。"),
            NextRoundProblemCode.NoSeatLeft => lang.T("所有名额均已选足，无需另行选举。"),
            NextRoundProblemCode.TieForTheMeeting => lang.T("{0}：{1} 得票相同，争 {2} 个候选人位置。按规则由选举大会决定谁成为候选人：决定后用 --stand 写明（例如 --stand {3}）。", p.Contest, names, p.Figure, one),
            NextRoundProblemCode.ChosenNotAmongTied => lang.T("{0}：--stand 须从得票相同的 {1} 中写明 {2} 人。", p.Contest, names, p.Figure),
            NextRoundProblemCode.IdTooLong => lang.T("第一轮的选举编号太长，加上轮次后超过 40 个字符：请缩短第一轮的编号。"),
            _ => lang.T("已是第 {0} 轮，不能再另行选举。", SupplementaryRound.LastRound),
        };
    }

    /// <summary>Why a count given as an earlier round is not one of this election's, in <paramref name="lang"/>.</summary>
    public static string Say(Lang lang, RoundsProblem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Code switch
        {
            RoundsProblemCode.AnotherElection => lang.T("{0} 是另一场选举的计票，不是本次选举的前一轮。", p.ElectionId),
            RoundsProblemCode.NotAnEarlierRound => lang.T("{0} 是第 {1} 轮，不在本轮之前。", p.ElectionId, p.Round),
            _ => lang.T("第 {0} 轮给了两次。", p.Round),
        };
    }

    /// <summary>What a proof of a print found wrong, in <paramref name="lang"/>: where, and what to do.</summary>
    public static string Say(Lang lang, ProofFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Code switch
        {
            ProofFindingCode.NotLocated => lang.T("第 {0} 个图像：", f.Image) + f.Failure switch
            {
                LocateFailure.WrongElection => lang.T("这是选举「{0}」的选票，不是这份定义的选举：请勿使用这份印刷。", f.ElectionRead),
                LocateFailure.NoCodes => lang.T("找不到二维码：是白纸、别的东西，或二维码印坏了。"),
                LocateFailure.NotABallot => lang.T("二维码不是 BallotScan 选票的二维码。"),
                LocateFailure.InconsistentCodes => lang.T("二维码互相矛盾（像是两张选票拼成的）。"),
                LocateFailure.UnknownStyle or LocateFailure.UnknownPage => lang.T("二维码所写的样式或页码本选举没有。"),
                LocateFailure.TooFewCodes => lang.T("只读出一个二维码，无法核对整页：请重新扫描或拍得更清楚。"),
                _ => lang.T("二维码不在版式所定的位置（折叠、裁切或缺角）：请重新扫描。"),
            },
            ProofFindingCode.LayoutMismatch => lang.T("第 {0} 页：二维码中的版式是 {1}，这份定义的版式是 {2}：这份印刷来自另一版本的定义。下面列出读到的姓名。", f.Page, f.LayoutPrinted, f.LayoutDefined),
            ProofFindingCode.MissingPage => lang.T("共 {0} 页，第 {1} 页不在所给图像中。", f.Pages, f.Page),
            ProofFindingCode.NamesSwapped => lang.T("第 {0} 页 {1}：「{2}」与「{3}」互相印错了位置（第 {4} 位和第 {5} 位）。", f.Page, f.Contest, f.Expected, f.OtherExpected, f.Position, f.OtherPosition),
            _ => string.IsNullOrEmpty(f.Read)
                ? lang.T("第 {0} 页 {1} 第 {2} 位：应印「{3}」，但格中是空的。", f.Page, f.Contest, f.Position, f.Expected)
                : lang.T("第 {0} 页 {1} 第 {2} 位：应印「{3}」，读到的是「{4}」（可信度 {5}）。", f.Page, f.Contest, f.Position, f.Expected, f.Read, f.Confidence),
        };
    }

    /// <summary>
    /// What an exception of reading or opening says: an unusable definition or hand tally by its problems, any other by its
    /// message (what a task of the station says in the reader's language; any other exception as it is).
    /// </summary>
    public static string Say(Lang lang, Exception e) => e switch
    {
        ElectionDefinitionException d => string.Join(lang.T("；"), d.Problems.Select(p => Say(lang, p))),
        FileProblemException f => Say(lang, f.Problem),
        SaidException s => lang.Say(s.Said),
        Engine.Imaging.ImageDecodeException d => ImageWords(lang, d.Problem),
        _ => e.Message,
    };

    /// <summary>Why an image file cannot be read, in words for an office worker (the decoder's own message is for the log).</summary>
    private static string ImageWords(Lang lang, Engine.Imaging.ImageProblem problem) => lang.T(problem switch
    {
        Engine.Imaging.ImageProblem.Empty => "文件是空的。",
        Engine.Imaging.ImageProblem.NotAnImage => "不是图像文件（扫描件应是 JPEG、PNG、TIFF、BMP 或 PDF）。",
        Engine.Imaging.ImageProblem.UnsupportedFormat => "这种图像格式不能读取（例如手机的 HEIC）：请另存为 JPEG 或 PNG。",
        Engine.Imaging.ImageProblem.Truncated => "图像文件不完整（复制或传输时中断）：请重新复制或重新扫描。",
        Engine.Imaging.ImageProblem.TooLarge => "图像太大，不可能是一张选票的扫描件。",
        Engine.Imaging.ImageProblem.NoSuchPage => "文件中没有这一页。",
        _ => "图像文件已损坏，无法读取：请重新扫描。",
    });

    /// <summary>The likely cause of a JSON syntax error (<c>hint</c>), in words for an office worker.</summary>
    private static string JsonHint(Lang lang, string hint) => lang.T(hint switch
    {
        "colon" => "字段名后应是半角冒号「:」。",
        "comma" => "两项之间应有半角逗号「,」，或括号没有配对。",
        "unfinished" => "文件没有写完，或括号没有配对。",
        _ => "请检查这一处的标点和括号。",
    });
}
