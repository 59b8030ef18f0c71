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
    /// <summary>"主任 王建华", "委员 另选他人第 2 栏" ("委员 第2人" where nobody is listed); the id itself only for a box the layout does not have.</summary>
    public static string Box(Lang lang, BallotLayout layout, ElectionDefinition definition, string? boxId)
    {
        if (boxId is null || layout.AllBoxes.FirstOrDefault(b => b.Id == boxId) is not { } box)
        {
            return boxId ?? string.Empty;
        }

        var contest = Contest(definition, box.ContestId);
        var open = definition.Contests.FirstOrDefault(c => c.Id == box.ContestId)?.OpenNomination == true;
        var cell = open ? lang.S($"第{box.Position}人", $"name {box.Position}") : WriteInCell(lang, box.Position);
        return box.Kind == BoxKind.WriteIn
            ? lang.S($"{contest} {cell}", $"{contest}, {cell}")
            : $"{contest} {box.CandidateName}";
    }

    /// <summary>"另选他人第 2 栏": a write-in cell as printed, without its contest.</summary>
    public static string WriteInCell(Lang lang, int position) => lang.S($"另选他人第 {position} 栏", $"write-in cell {position}");

    /// <summary>Whose reading a box counts by: the machine's, or the scrutineers' decision.</summary>
    public static string Source(Lang lang, VoteSource source) => source == VoteSource.Machine ? lang.S("机器识别", "machine") : lang.S("监票人裁定", "scrutineers");

    public static string Symbol(Lang lang, MarkSymbol? symbol) => symbol switch
    {
        MarkSymbol.Circle => lang.S("○（赞成）", "○ (approve)"),
        MarkSymbol.Cross => lang.S("×（不赞成）", "× (disapprove)"),
        MarkSymbol.Blank => lang.S("空白（弃权）", "blank (abstain)"),
        MarkSymbol.Check => "√",
        MarkSymbol.Other => lang.S("其他符号", "another mark"),
        _ => string.Empty,
    };

    public static string SheetDecision(Lang lang, SheetDecision? decision) => decision switch
    {
        Engine.Counting.SheetDecision.Count => lang.S("整张计入", "count the sheet"),
        Engine.Counting.SheetDecision.Void => lang.S("整张作废", "void the ballot"),
        Engine.Counting.SheetDecision.NotCounted => lang.S("不计入", "not counted"),
        _ => string.Empty,
    };

    /// <summary>A scrutineer's decision: "主任 王建华：×（不赞成）", "主任 另选他人第 1 栏：林志强 ○（赞成）", "整张计入".</summary>
    public static string Decision(Lang lang, BallotLayout layout, ElectionDefinition definition, Adjudication d) => d.Kind switch
    {
        AdjudicationKind.Box => $"{Box(lang, layout, definition, d.BoxId)}{lang.S("：", ": ")}{Symbol(lang, d.Symbol)}",
        AdjudicationKind.WriteIn => $"{Box(lang, layout, definition, d.BoxId)}{lang.S("：", ": ")}{(string.IsNullOrEmpty(d.WriteInName) ? lang.S("未写姓名", "no name") : d.WriteInName)}{(d.Symbol is null ? string.Empty : " " + Symbol(lang, d.Symbol))}",
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
            WaitingNeed.WriteInName => lang.S("待读出写入的姓名", "the name written to read"),
            WaitingNeed.NotRead => lang.S("机器未读，须人工逐框裁定", "not read by the machine: decide box by box"),
            WaitingNeed.Unplaced => lang.S("机器无法识别这张选票，须由监票人裁定（作废、不是选票，或逐框计入）", waiting.Message ?? "the machine could not place the sheet"),
            _ => string.Join(lang.S("、", ", "), n.Reasons.Select(r => Words.ReasonText(lang, r))),
        });
        var label = waiting.BoxId is null ? lang.S("整张", "sheet") : Box(lang, layout, definition, waiting.BoxId);
        return $"{label}{lang.S("：", ": ")}{string.Join(lang.S("；", "; "), parts)}";
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
            StandingReason.VoidByScrutineers => lang.S($"监票人裁定作废（{who}：{why}）", $"void by the scrutineers ({who}: {why})"),
            StandingReason.NotCountedByScrutineers => lang.S($"监票人裁定不计入（{who}：{why}）", $"not counted by the scrutineers ({who}: {why})"),
            StandingReason.SameImageFile => lang.S("同一图像文件之前已读入：只计一次", "the same image file was read before: counted once"),
            StandingReason.OtherElection => lang.S($"另一选举的选票（{standing.OtherElectionId}）", $"a ballot of another election ({standing.OtherElectionId})"),
            StandingReason.NotThisElection => lang.S("不是本选举的选票", "not a ballot of this election"),
            StandingReason.Unplaced => lang.S("机器无法识别这张选票：由监票人裁定（作废、不是选票，或逐框计入）", "the machine could not read this sheet: the scrutineers decide (void, not a ballot, or count it box by box)"),
            StandingReason.Waiting => lang.S("待监票人裁定", "waits for the scrutineers"),
            StandingReason.OverVoteVoidsBallot => lang.S(
                $"{string.Join("、", standing.Contests.Select(id => Contest(definition, id)))}所选人数超过应选名额：整张选票作废（废票）",
                $"more approved than seats in {string.Join(", ", standing.Contests.Select(id => Contest(definition, id)))}: the whole ballot is void"),
            _ => reason,
        };
    }

    /// <summary>A contest by its title (its id only when the definition does not have it).</summary>
    public static string Contest(ElectionDefinition definition, string contestId) => definition.Contests.FirstOrDefault(c => c.Id == contestId)?.Title ?? contestId;

    /// <summary>A rules preset by the regulation it follows.</summary>
    public static string Preset(Lang lang, string preset) => preset switch
    {
        RulePresets.PartyCommittee2020 => lang.S("党组织：《中国共产党基层组织选举工作条例》（2020）", "party: the 2020 regulation"),
        RulePresets.PartyCommittee1990 => lang.S("党组织：《中国共产党基层组织选举工作暂行条例》（1990）", "party: the 1990 regulation"),
        RulePresets.VillagersCommitteeNational => lang.S("村民委员会：组织法与《村民委员会选举规程》", "villagers' committee: the national law and rules"),
        RulePresets.ResidentsCommittee => lang.S("居民委员会：《城市居民委员会组织法》", "residents' committee: the national law"),
        RulePresets.SupervisionCommittee => lang.S("村务监督委员会", "supervision committee"),
        _ => preset,
    };

    /// <summary>
    /// A contest as its ballot prints it, for the console: "主任（应选1名）：王建华、孙立平，另选他人 1 格" (the candidates in
    /// <paramref name="order"/>'s words when given), or, with nobody listed, its name cells.
    /// </summary>
    public static string ContestOnBallot(Lang lang, Engine.Layout.ContestLayout contest, (string Chinese, string English)? order = null)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var heading = Engine.Layout.BallotWording.ContestHeading(contest);
        if (contest.Candidates.Count == 0)
        {
            return lang.S($"{heading}：不列候选人，姓名栏 {contest.WriteIns} 格", $"{heading}: nobody listed, {contest.WriteIns} name cell(s)");
        }

        var how = order is { } o ? lang.S(o.Chinese, o.English) : string.Empty;
        var cells = contest.WriteIns > 0 ? lang.S($"，另选他人 {contest.WriteIns} 格", $", {contest.WriteIns} write-in cell(s)") : string.Empty;
        return $"{heading}{lang.S("：", ": ")}{string.Join(lang.S("、", ", "), contest.Candidates)}{how}{cells}";
    }

    /// <summary>Where a file came in from.</summary>
    public static string Channel(Lang lang, string channel) => channel switch
    {
        "upload" => lang.S("上传", "upload"),
        "folder" => lang.S("扫描文件夹", "scanner folder"),
        "scanner" => lang.S("扫描仪", "scanner"),
        "archive" => lang.S("档案导入", "archive"),
        _ => channel,
    };

    /// <summary>Why a sheet may explain a difference between the hand count and the machine's, in words.</summary>
    public static string Suspect(Lang lang, BallotLayout layout, ElectionDefinition definition, Suspect s)
    {
        var box = Box(lang, layout, definition, s.BoxId);
        return s.Reason switch
        {
            SuspectReason.VoidPart => lang.S($"{box}：{Symbol(lang, s.Symbol)}，计为无效", $"{box}: {Symbol(lang, s.Symbol)}, counted void"),
            SuspectReason.WriteIn => lang.S($"{box}：写的是“{s.Name}”，计为{Vote(lang, s.Vote)}", $"{box}: '{s.Name}' written, counted as {Vote(lang, s.Vote)}"),
            SuspectReason.WriteInWithoutName => lang.S($"{box}：有符号但未写姓名", $"{box}: a mark and no name"),
            SuspectReason.SheetStanding => $"{Words.StatusText(lang, s.Status)}{lang.S("：", ": ")}{string.Join(lang.S("；", "; "), s.Details.Select(d => StatusReason(lang, definition, d)))}",
            SuspectReason.Waiting => lang.S("尚待监票人裁定：", "still waiting for the scrutineers: ") + string.Join(lang.S("；", "; "), s.Details.Select(x => Waiting(lang, layout, definition, x))),
            SuspectReason.ContestVoid => lang.S($"本职位在这张选票上无效（{ContestStatus(lang, s.ContestStatus)}），手工计票可能计了 {box}（{Symbol(lang, s.Symbol)}）", $"the contest is void on this ballot ({ContestStatus(lang, s.ContestStatus)}); the hand count may have counted {box} ({Symbol(lang, s.Symbol)})"),
            SuspectReason.Decided => lang.S($"{box}：监票人裁定为 {Symbol(lang, s.Symbol)}（机器读为 {Symbol(lang, s.Read)}）", $"{box}: decided as {Symbol(lang, s.Symbol)} (the machine read {Symbol(lang, s.Read)})"),
            _ => lang.S($"{box}：机器读为 {Symbol(lang, s.Read)}，可信度 {Shown.N((s.Confidence ?? 0) * 100, "0.0")}%", $"{box}: read as {Symbol(lang, s.Read)} at {Shown.N((s.Confidence ?? 0) * 100, "0.0")} %"),
        };
    }

    public static string Vote(Lang lang, Vote? vote) => vote switch
    {
        Engine.Counting.Vote.Approve => lang.S("赞成", "approve"),
        Engine.Counting.Vote.Disapprove => lang.S("不赞成", "disapprove"),
        Engine.Counting.Vote.Abstain => lang.S("弃权", "abstain"),
        Engine.Counting.Vote.Void => lang.S("无效", "void"),
        _ => string.Empty,
    };

    public static string ContestStatus(Lang lang, ContestStatus? status) => status switch
    {
        Engine.Counting.ContestStatus.OverVote => lang.S("所选人数超过应选名额", "more approvals than seats"),
        Engine.Counting.ContestStatus.BallotVoid => lang.S("整张选票无效", "the ballot is void"),
        Engine.Counting.ContestStatus.Pending => lang.S("待裁定", "waiting"),
        _ => lang.S("有效", "valid"),
    };

    /// <summary>
    /// What the reader said about a sheet as a whole (why it was not placed, or what else it noticed), in words: in Chinese
    /// from its reasons and their parameters; in English, the reader's own message.
    /// </summary>
    public static string? SheetMessage(Lang lang, ElectionDefinition definition, SheetInterpretation sheet)
    {
        if (sheet.Message is null || lang.English)
        {
            return sheet.Message;
        }

        var said = sheet.SheetReasons.Select(reason => reason switch
        {
            ReviewReason.WrongElection => $"这是选举「{sheet.ElectionId}」的选票，不是本选举（{definition.Title}）的。",
            ReviewReason.NotABallot => "没有读到选票的二维码：白纸、不是选票，或二维码损坏、模糊无法读取。",
            ReviewReason.LayoutMismatch => "二维码中的版式与本选举的定义不同：可能是按另一版定义印制的选票。",
            ReviewReason.UnknownStyleOrPage => $"二维码写的票样或页码（{sheet.BallotStyle} 第 {sheet.Page} 页）本选举没有。",
            ReviewReason.Unlocatable when sheet.CodesRead > 0 => "读到的二维码太少，或与版式对不上：无法定位这张选票。",
            // Readings kept before the sheet named what it repeats (SameAs) say it without the name.
            ReviewReason.Duplicate => $"与{(sheet.SameAs is { } file ? $"文件 {Path.GetFileName(file)} " : "先前的一个文件")}逐字节相同：同一个文件又送来一次，只计一次。",
            ReviewReason.PossibleRescan => $"每个方框的笔迹都与{(sheet.SameAs is { } earlier ? $"选票 {Shown.Short(earlier)} " : "先前的一张选票")}相同：可能是同一张纸又扫描了一次，请对比两张图像。",
            ReviewReason.IdenticalPage => "这一页与同一文件中前面的一页像素完全相同：是复制的页，不是又一次扫描；由监票人决定是否另一张选票。",
            _ => null,
        }).OfType<string>().ToList();
        return said.Count > 0 ? string.Join(" ", said) : "机器无法读取这个图像（文件损坏或不是扫描件），须由监票人处理。";
    }

    public static string StatusText(Lang lang, SheetStatus? status) => status switch
    {
        SheetStatus.Counted => lang.S("有效票，已计入", "counted"),
        SheetStatus.Void => lang.S("无效票", "void"),
        SheetStatus.NotCounted => lang.S("不计入", "not counted"),
        SheetStatus.Pending => lang.S("待裁定", "waiting for the scrutineers"),
        _ => "?",
    };

    public static string ReasonText(Lang lang, ReviewReason reason) => reason switch
    {
        ReviewReason.MarginalMark => lang.S("符号不确定", "uncertain mark"),
        ReviewReason.UnrecognisedSymbol => lang.S("非○×符号", "not ○ or ×"),
        ReviewReason.WriteIn => lang.S("写有姓名", "name written in"),
        ReviewReason.StrayMark => lang.S("笔迹出框", "ink over the border"),
        ReviewReason.Unreadable => lang.S("框不可读", "box unreadable"),
        ReviewReason.ExcessSkew => lang.S("歪斜过大", "skewed"),
        ReviewReason.WrongElection => lang.S("非本选举选票", "another election"),
        ReviewReason.LayoutMismatch => lang.S("版式不符", "other print version"),
        ReviewReason.UnknownStyleOrPage => lang.S("未知票样", "unknown style or page"),
        ReviewReason.NotABallot => lang.S("不是选票", "not a ballot"),
        ReviewReason.Unlocatable => lang.S("无法定位", "cannot be placed"),
        ReviewReason.Duplicate => lang.S("重复文件", "same file again"),
        ReviewReason.PossibleRescan => lang.S("疑似重复扫描", "possibly scanned twice"),
        ReviewReason.IdenticalPage => lang.S("与同一文件中另一页完全相同", "pixel for pixel another page of the file"),
        ReviewReason.NoSeal => lang.S("印章区没有选举委员会印章", "no seal in the seal area"),
        _ => reason.ToString(),
    };

    /// <summary>Why the shape of a mark sent it to a person, in words (the symbol guard it failed).</summary>
    public static string GuardText(Lang lang, SymbolGuard guard) => guard switch
    {
        SymbolGuard.CircleOpen => lang.S("像○但未闭合", "like ○ but not closed"),
        SymbolGuard.CircleNotSmooth => lang.S("像○但有棱角或拖尾", "like ○ but with corners or a tail"),
        SymbolGuard.CirclePolygon => lang.S("像○但是多边形（方形、三角形等）", "like ○ but a polygon (square, triangle…)"),
        SymbolGuard.CircleInkInside => lang.S("像○但圈内另有笔迹（如笑脸、圆点、字）", "like ○ but with other ink inside (a face, a dot, a letter)"),
        SymbolGuard.CircleShape => lang.S("像○但整体形状不像（如圆角方框、多边形、心形）", "like ○ but not shaped as one (a rounded rectangle, a polygon, a heart)"),
        SymbolGuard.CrossOneStroke => lang.S("像×但只有一笔", "like × but one stroke"),
        SymbolGuard.CrossNotDiagonal => lang.S("像×但笔画横竖（可能是＋或十）", "like × but upright (a + or 十?)"),
        SymbolGuard.CrossNotAtMiddles => lang.S("像×但两笔不在中部相交", "like × but not crossing at the middles"),
        SymbolGuard.CheckEqualLegs => lang.S("像√但两笔等长（可能是V）", "like √ but equal legs (a V?)"),
        SymbolGuard.CheckNotAVertex => lang.S("像√但两笔不在下端相接", "like √ but the strokes do not meet low"),
        SymbolGuard.CheckLeavesBox => lang.S("像√但笔迹出框", "like √ but leaving the box"),
        SymbolGuard.CheckAtBorder => lang.S("像√但压在框线上（可能是×）", "like √ but on the border (a ×?)"),
        SymbolGuard.Scribble => lang.S("笔画来回，像涂改", "back-and-forth strokes, like a scribble"),
        SymbolGuard.NotTwoStrokes => lang.S("不是两道直笔", "not two straight strokes"),
        SymbolGuard.ScatteredInk => lang.S("笔迹断续成点", "ink broken into dots"),
        SymbolGuard.UnlikeFitted => lang.S("与已知符号都不相像", "unlike any known mark"),
        _ => guard.ToString(),
    };

    /// <summary>性别 as a candidate list writes it; empty when not given.</summary>
    public static string Gender(Lang lang, Gender gender) => gender switch
    {
        Engine.Elections.Gender.Female => lang.S("女", "female"),
        Engine.Elections.Gender.Male => lang.S("男", "male"),
        _ => string.Empty,
    };

    /// <summary>文化程度 in the bands offices report.</summary>
    public static string Education(Lang lang, Education? education) => education switch
    {
        Engine.Elections.Education.Postgraduate => lang.S("研究生", "postgraduate"),
        Engine.Elections.Education.Undergraduate => lang.S("大学本科", "undergraduate"),
        Engine.Elections.Education.College => lang.S("大学专科", "college"),
        Engine.Elections.Education.SeniorSecondary => lang.S("高中（中专）", "senior secondary"),
        Engine.Elections.Education.JuniorSecondary => lang.S("初中", "junior secondary"),
        Engine.Elections.Education.PrimaryOrBelow => lang.S("小学及以下", "primary or below"),
        _ => string.Empty,
    };

    /// <summary>政治面貌.</summary>
    public static string Political(Lang lang, PoliticalStatus? political) => political switch
    {
        PoliticalStatus.PartyMember => lang.S("中共党员", "party member"),
        PoliticalStatus.ProbationaryPartyMember => lang.S("中共预备党员", "probationary party member"),
        PoliticalStatus.YouthLeagueMember => lang.S("共青团员", "youth league member"),
        PoliticalStatus.DemocraticPartyMember => lang.S("民主党派成员", "democratic party member"),
        PoliticalStatus.NonPartisan => lang.S("无党派人士", "non-partisan"),
        PoliticalStatus.Masses => lang.S("群众", "no party"),
        _ => string.Empty,
    };

    /// <summary>连任 or 新任.</summary>
    public static string Tenure(Lang lang, Tenure? tenure) => tenure switch
    {
        Engine.Elections.Tenure.Reelected => lang.S("连任", "re-elected"),
        Engine.Elections.Tenure.New => lang.S("新任", "new"),
        _ => string.Empty,
    };
}
