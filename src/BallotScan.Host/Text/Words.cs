using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Reconciliation;

namespace BallotScan.Host.Text;

/// <summary>
/// The count's codes in the reader's words (Chinese first): a box by its contest's title and its candidate's name, never
/// by its id; a decision, what a sheet waits for, a rules preset, a log entry's action.
/// </summary>
internal static class Words
{
    /// <summary>What verifying found wrong with an archive's entry.</summary>
    public static string ArchiveProblem(Lang lang, ArchiveProblemKind kind) => kind switch
    {
        ArchiveProblemKind.Missing => lang.T("缺失"),
        ArchiveProblemKind.Added => lang.T("多出（不在清单中）"),
        ArchiveProblemKind.Altered => lang.T("被改动"),
        ArchiveProblemKind.Duplicate => lang.T("重名"),
        ArchiveProblemKind.Recounted => lang.T("重新计票不符"),
        _ => lang.T("不支持的档案格式"),
    };

    /// <summary>
    /// Why an archive was not taken: the first problem verifying found, and how many there were; that it is whole but not the
    /// count of the paper report's root; or that the file is no archive.
    /// </summary>
    public static string ArchiveRefusal(Lang lang, int problems, ArchiveProblemKind? first, string entry, bool rootDiffers = false) => first is { } kind
        ? lang.T("档案校验未通过（{0} 处问题，第一处：{1} {2}）", problems, ArchiveProblem(lang, kind), entry)
        : rootDiffers ? lang.T("档案完好，但不是结果报告单上那次计票：其 Merkle 根与报告单上的校验值不符")
        : lang.T("不是可读的计票档案（{0}）", entry);

    /// <summary>A step of a village's 换届 the township records.</summary>
    public static string ProgressStep(Lang lang, Engine.Township.ProgressStep step) => step switch
    {
        Engine.Township.ProgressStep.DefinitionMade => lang.T("选举定义确定"),
        Engine.Township.ProgressStep.BallotsProofed => lang.T("选票印制校对"),
        _ => lang.T("结果上报"),
    };

    /// <summary>The body a township groups elections by.</summary>
    public static string Committee(Lang lang, Engine.Township.Committee committee) => committee switch
    {
        Engine.Township.Committee.Party => lang.T("党组织"),
        Engine.Township.Committee.Residents => lang.T("村（居）民委员会"),
        _ => lang.T("村（居）务监督委员会"),
    };

    /// <summary>"主任 王建华", "委员 另选他人第 2 栏" ("委员 第2人" where nobody is listed); the id itself only for a box the layout does not have.</summary>
    public static string Box(Lang lang, BallotLayout layout, ElectionDefinition definition, string? boxId)
    {
        if (boxId is null || layout.AllBoxes.FirstOrDefault(b => b.Id == boxId) is not { } box)
        {
            return boxId ?? string.Empty;
        }

        var contest = Contest(definition, box.ContestId);
        var open = definition.Contests.FirstOrDefault(c => c.Id == box.ContestId)?.OpenNomination == true;
        var cell = open ? lang.T("第{0}人", box.Position) : WriteInCell(lang, box.Position);
        return box.Kind == BoxKind.WriteIn
            ? lang.T("{0} {1}", contest, cell)
            : $"{contest} {box.CandidateName}";
    }

    /// <summary>"另选他人第 2 栏": a write-in cell as printed, without its contest.</summary>
    public static string WriteInCell(Lang lang, int position) => lang.T("另选他人第 {0} 栏", position);

    /// <summary>Whose reading a box counts by: the machine's, or the scrutineers' decision.</summary>
    public static string Source(Lang lang, VoteSource source) => source == VoteSource.Machine ? lang.T("机器识别") : lang.T("监票人裁定");

    public static string Symbol(Lang lang, MarkSymbol? symbol) => symbol switch
    {
        MarkSymbol.Circle => lang.T("○（赞成）"),
        MarkSymbol.Cross => lang.T("×（不赞成）"),
        MarkSymbol.Blank => lang.T("空白（弃权）"),
        MarkSymbol.Check => "√",
        MarkSymbol.Other => lang.T("其他符号"),
        _ => string.Empty,
    };

    public static string SheetDecision(Lang lang, SheetDecision? decision) => decision switch
    {
        Engine.Counting.SheetDecision.Count => lang.T("整张计入"),
        Engine.Counting.SheetDecision.Void => lang.T("整张作废"),
        Engine.Counting.SheetDecision.NotCounted => lang.T("不计入"),
        _ => string.Empty,
    };

    /// <summary>A scrutineer's decision: "主任 王建华：×（不赞成）", "主任 另选他人第 1 栏：林志强 ○（赞成）", "整张计入".</summary>
    public static string Decision(Lang lang, BallotLayout layout, ElectionDefinition definition, Adjudication d) => d.Kind switch
    {
        AdjudicationKind.Box => $"{Box(lang, layout, definition, d.BoxId)}{lang.T("：")}{Symbol(lang, d.Symbol)}",
        AdjudicationKind.WriteIn => $"{Box(lang, layout, definition, d.BoxId)}{lang.T("：")}{(string.IsNullOrEmpty(d.WriteInName) ? lang.T("未写姓名") : d.WriteInName)}{(d.Symbol is null ? string.Empty : " " + Symbol(lang, d.Symbol))}",
        _ => SheetDecision(lang, d.SheetDecision),
    };

    /// <summary>
    /// One thing a sheet waits for, as the count records it (<see cref="CastVoteRecord.Waiting"/>: "director/w1: write-in
    /// name to read", "member/3: StrayMark, MarginalMark", "sheet: PossibleRescan"), in words.
    /// </summary>
    public static string Waiting(Lang lang, BallotLayout layout, ElectionDefinition definition, string item)
    {
        var waiting = WaitingItem.Parse(item);
        var parts = waiting.Needs.Select(n => n.Need switch
        {
            WaitingNeed.WriteInName => lang.T("待读出写入的姓名"),
            WaitingNeed.NotRead => lang.T("机器未读，须人工逐框裁定"),
            WaitingNeed.Unplaced => lang.T("机器无法识别这张选票，须由监票人裁定（作废、不是选票，或逐框计入）"),
            _ => string.Join(lang.T("、"), n.Reasons.Select(r => Words.ReasonText(lang, r))),
        });
        var label = waiting.BoxId is null ? lang.T("整张") : Box(lang, layout, definition, waiting.BoxId);
        return $"{label}{lang.T("：")}{string.Join(lang.T("；"), parts)}";
    }

    /// <summary>
    /// Why a sheet stands as it does (<see cref="CastVoteRecord.StatusReason"/>, read back as <see cref="SheetStanding"/>), in
    /// words: contests by their titles; what the scrutineers typed stays as they typed it.
    /// </summary>
    public static string StatusReason(Lang lang, ElectionDefinition definition, string? reason)
    {
        if (reason is null)
        {
            return string.Empty;
        }

        var standing = SheetStanding.Parse(reason);
        var (who, why) = (standing.Scrutineer, standing.Why);
        return standing.Reason switch
        {
            StandingReason.VoidByScrutineers => lang.T("监票人裁定作废（{0}：{1}）", who, why),
            StandingReason.NotCountedByScrutineers => lang.T("监票人裁定不计入（{0}：{1}）", who, why),
            StandingReason.SameImageFile => lang.T("同一图像文件之前已读入：只计一次"),
            StandingReason.OtherElection => lang.T("另一选举的选票（{0}）", standing.OtherElectionId),
            StandingReason.NotThisElection => lang.T("不是本选举的选票"),
            StandingReason.Unplaced => lang.T("机器无法识别这张选票：由监票人裁定（作废、不是选票，或逐框计入）"),
            StandingReason.Waiting => lang.T("待监票人裁定"),
            StandingReason.OverVoteVoidsBallot => lang.T("{0}所选人数超过应选名额：整张选票作废（废票）", standing.Contests.Select(id => Contest(definition, id))),
            _ => reason,
        };
    }

    /// <summary>A contest by its title (its id only when the definition does not have it).</summary>
    public static string Contest(ElectionDefinition definition, string contestId) => definition.Contests.FirstOrDefault(c => c.Id == contestId)?.Title ?? contestId;

    /// <summary>A rules preset by the regulation it follows.</summary>
    public static string Preset(Lang lang, string preset) => preset switch
    {
        RulePresets.PartyCommittee2020 => lang.T("党组织：《中国共产党基层组织选举工作条例》（2020）"),
        RulePresets.PartyCommittee1990 => lang.T("党组织：《中国共产党基层组织选举工作暂行条例》（1990）"),
        RulePresets.VillagersCommitteeNational => lang.T("村民委员会：组织法与《村民委员会选举规程》"),
        RulePresets.ResidentsCommittee => lang.T("居民委员会：《城市居民委员会组织法》"),
        RulePresets.SupervisionCommittee => lang.T("村务监督委员会"),
        _ => preset,
    };

    /// <summary>
    /// A contest as its ballot prints it, for the console: "主任（应选1名）：王建华、孙立平，另选他人 1 格" (the candidates in
    /// <paramref name="order"/>'s words when given), or, with nobody listed, its name cells.
    /// </summary>
    public static string ContestOnBallot(Lang lang, Engine.Layout.ContestLayout contest, string? order = null)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var heading = Engine.Layout.BallotWording.ContestHeading(contest);
        if (contest.Candidates.Count == 0)
        {
            return lang.T("{0}：不列候选人，姓名栏 {1} 格", heading, contest.WriteIns);
        }

        var how = order is null ? string.Empty : lang.T(order);
        var cells = contest.WriteIns > 0 ? lang.T("，另选他人 {0} 格", contest.WriteIns) : string.Empty;
        return $"{heading}{lang.T("：")}{string.Join(lang.T("、"), contest.Candidates)}{how}{cells}";
    }

    /// <summary>Where a file came in from.</summary>
    public static string Channel(Lang lang, string channel) => channel switch
    {
        "upload" => lang.T("上传"),
        "folder" => lang.T("扫描文件夹"),
        "scanner" => lang.T("扫描仪"),
        "archive" => lang.T("档案导入"),
        _ => channel,
    };

    /// <summary>Why a sheet may explain a difference between the hand count and the machine's, in words.</summary>
    public static string Suspect(Lang lang, BallotLayout layout, ElectionDefinition definition, Suspect s)
    {
        var box = Box(lang, layout, definition, s.BoxId);
        return s.Reason switch
        {
            SuspectReason.VoidPart => lang.T("{0}：{1}，计为无效", box, Symbol(lang, s.Symbol)),
            SuspectReason.WriteIn => lang.T("{0}：写的是“{1}”，计为{2}", box, s.Name, Vote(lang, s.Vote)),
            SuspectReason.WriteInWithoutName => lang.T("{0}：有符号但未写姓名", box),
            SuspectReason.SheetStanding => $"{Words.StatusText(lang, s.Status)}{lang.T("：")}{string.Join(lang.T("；"), s.Details.Select(d => StatusReason(lang, definition, d)))}",
            SuspectReason.Waiting => lang.T("尚待监票人裁定：") + string.Join(lang.T("；"), s.Details.Select(x => Waiting(lang, layout, definition, x))),
            SuspectReason.ContestVoid => lang.T("本职位在这张选票上无效（{0}），手工计票可能计了 {1}（{2}）", ContestStatus(lang, s.ContestStatus), box, Symbol(lang, s.Symbol)),
            SuspectReason.Decided => lang.T("{0}：监票人裁定为 {1}（机器读为 {2}）", box, Symbol(lang, s.Symbol), Symbol(lang, s.Read)),
            _ => lang.T("{0}：机器读为 {1}，可信度 {2}%", box, Symbol(lang, s.Read), Shown.N((s.Confidence ?? 0) * 100, "0.0")),
        };
    }

    public static string Vote(Lang lang, Vote? vote) => vote switch
    {
        Engine.Counting.Vote.Approve => lang.T("赞成"),
        Engine.Counting.Vote.Disapprove => lang.T("不赞成"),
        Engine.Counting.Vote.Abstain => lang.T("弃权"),
        Engine.Counting.Vote.Void => lang.T("无效"),
        _ => string.Empty,
    };

    public static string ContestStatus(Lang lang, ContestStatus? status) => status switch
    {
        Engine.Counting.ContestStatus.OverVote => lang.T("所选人数超过应选名额"),
        Engine.Counting.ContestStatus.BallotVoid => lang.T("整张选票无效"),
        Engine.Counting.ContestStatus.Pending => lang.T("待裁定"),
        _ => lang.T("有效"),
    };

    /// <summary>
    /// What the reader said about a sheet as a whole (why it was not placed, or what else it noticed), in words: in Chinese
    /// from its reasons and their parameters; in English, the reader's own message.
    /// </summary>
    public static string? SheetMessage(Lang lang, ElectionDefinition definition, SheetInterpretation sheet)
    {
        if (sheet.Message is null)
        {
            return null;
        }

        var said = sheet.SheetReasons.Select(reason => reason switch
        {
            ReviewReason.WrongElection => lang.T("这是选举「{0}」的选票，不是本选举（{1}）的。", sheet.ElectionId, definition.Title),
            ReviewReason.NotABallot => lang.T("没有读到选票的二维码：白纸、不是选票，或二维码损坏、模糊无法读取。"),
            ReviewReason.LayoutMismatch => lang.T("二维码中的版式与本选举的定义不同：可能是按另一版定义印制的选票。"),
            ReviewReason.UnknownStyleOrPage => lang.T("二维码写的票样或页码（{0} 第 {1} 页）本选举没有。", sheet.BallotStyle, sheet.Page),
            ReviewReason.Unlocatable when sheet.CodesRead > 0 => lang.T("读到的二维码太少，或与版式对不上：无法定位这张选票。"),
            // Readings kept before the sheet named what it repeats (SameAs) say it without the name.
            ReviewReason.Duplicate => sheet.SameAs is { } file
                ? lang.T("与文件 {0} 逐字节相同：同一个文件又送来一次，只计一次。", Path.GetFileName(file))
                : lang.T("与先前的一个文件逐字节相同：同一个文件又送来一次，只计一次。"),
            ReviewReason.PossibleRescan => sheet.SameAs is { } earlier
                ? lang.T("每个方框的笔迹都与选票 {0} 相同：可能是同一张纸又扫描了一次，请对比两张图像。", Shown.Short(earlier))
                : lang.T("每个方框的笔迹都与先前的一张选票相同：可能是同一张纸又扫描了一次，请对比两张图像。"),
            ReviewReason.IdenticalPage => lang.T("这一页与同一文件中前面的一页像素完全相同：是复制的页，不是又一次扫描；由监票人决定是否另一张选票。"),
            _ => null,
        }).OfType<string>().ToList();
        return said.Count > 0 ? string.Join(" ", said) : lang.T("机器无法读取这个图像（文件损坏或不是扫描件），须由监票人处理。");
    }

    public static string StatusText(Lang lang, SheetStatus? status) => status switch
    {
        SheetStatus.Counted => lang.T("有效票，已计入"),
        SheetStatus.Void => lang.T("无效票"),
        SheetStatus.NotCounted => lang.T("不计入"),
        SheetStatus.Pending => lang.T("待裁定"),
        _ => "?",
    };

    public static string ReasonText(Lang lang, ReviewReason reason) => reason switch
    {
        ReviewReason.MarginalMark => lang.T("符号不确定"),
        ReviewReason.UnrecognisedSymbol => lang.T("非○×符号"),
        ReviewReason.WriteIn => lang.T("写有姓名"),
        ReviewReason.StrayMark => lang.T("笔迹出框"),
        ReviewReason.Unreadable => lang.T("框不可读"),
        ReviewReason.ExcessSkew => lang.T("歪斜过大"),
        ReviewReason.WrongElection => lang.T("非本选举选票"),
        ReviewReason.LayoutMismatch => lang.T("版式不符"),
        ReviewReason.UnknownStyleOrPage => lang.T("未知票样"),
        ReviewReason.NotABallot => lang.T("不是选票"),
        ReviewReason.Unlocatable => lang.T("无法定位"),
        ReviewReason.Duplicate => lang.T("重复文件"),
        ReviewReason.PossibleRescan => lang.T("疑似重复扫描"),
        ReviewReason.IdenticalPage => lang.T("与同一文件中另一页完全相同"),
        ReviewReason.NoSeal => lang.T("印章区没有选举委员会印章"),
        _ => reason.ToString(),
    };

    /// <summary>Why the shape of a mark sent it to a person, in words (the symbol guard it failed).</summary>
    public static string GuardText(Lang lang, SymbolGuard guard) => guard switch
    {
        SymbolGuard.CircleOpen => lang.T("像○但未闭合"),
        SymbolGuard.CircleNotSmooth => lang.T("像○但有棱角或拖尾"),
        SymbolGuard.CirclePolygon => lang.T("像○但是多边形（方形、三角形等）"),
        SymbolGuard.CircleInkInside => lang.T("像○但圈内另有笔迹（如笑脸、圆点、字）"),
        SymbolGuard.CircleShape => lang.T("像○但整体形状不像（如圆角方框、多边形、心形）"),
        SymbolGuard.CrossOneStroke => lang.T("像×但只有一笔"),
        SymbolGuard.CrossNotDiagonal => lang.T("像×但笔画横竖（可能是＋或十）"),
        SymbolGuard.CrossNotAtMiddles => lang.T("像×但两笔不在中部相交"),
        SymbolGuard.CheckEqualLegs => lang.T("像√但两笔等长（可能是V）"),
        SymbolGuard.CheckNotAVertex => lang.T("像√但两笔不在下端相接"),
        SymbolGuard.CheckLeavesBox => lang.T("像√但笔迹出框"),
        SymbolGuard.CheckAtBorder => lang.T("像√但压在框线上（可能是×）"),
        SymbolGuard.Scribble => lang.T("笔画来回，像涂改"),
        SymbolGuard.NotTwoStrokes => lang.T("不是两道直笔"),
        SymbolGuard.ScatteredInk => lang.T("笔迹断续成点"),
        SymbolGuard.UnlikeFitted => lang.T("与已知符号都不相像"),
        _ => guard.ToString(),
    };

    /// <summary>性别 as a candidate list writes it; empty when not given.</summary>
    public static string Gender(Lang lang, Gender gender) => gender switch
    {
        Engine.Elections.Gender.Female => lang.T("女"),
        Engine.Elections.Gender.Male => lang.T("男"),
        _ => string.Empty,
    };

    /// <summary>文化程度 in the bands offices report.</summary>
    public static string Education(Lang lang, Education? education) => education switch
    {
        Engine.Elections.Education.Postgraduate => lang.T("研究生"),
        Engine.Elections.Education.Undergraduate => lang.T("大学本科"),
        Engine.Elections.Education.College => lang.T("大学专科"),
        Engine.Elections.Education.SeniorSecondary => lang.T("高中（中专）"),
        Engine.Elections.Education.JuniorSecondary => lang.T("初中"),
        Engine.Elections.Education.PrimaryOrBelow => lang.T("小学及以下"),
        _ => string.Empty,
    };

    /// <summary>政治面貌.</summary>
    public static string Political(Lang lang, PoliticalStatus? political) => political switch
    {
        PoliticalStatus.PartyMember => lang.T("中共党员"),
        PoliticalStatus.ProbationaryPartyMember => lang.T("中共预备党员"),
        PoliticalStatus.YouthLeagueMember => lang.T("共青团员"),
        PoliticalStatus.DemocraticPartyMember => lang.T("民主党派成员"),
        PoliticalStatus.NonPartisan => lang.T("无党派人士"),
        PoliticalStatus.Masses => lang.T("群众"),
        _ => string.Empty,
    };

    /// <summary>连任 or 新任.</summary>
    public static string Tenure(Lang lang, Tenure? tenure) => tenure switch
    {
        Engine.Elections.Tenure.Reelected => lang.T("连任"),
        Engine.Elections.Tenure.New => lang.T("新任"),
        _ => string.Empty,
    };
}
