using System.Globalization;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>The log's rows in words (审计日志): who, what and the facts recorded, in the reader's language.</summary>
internal static class AuditLogWords
{
    /// <summary>What a row records, in words; a stored code no version wrote is shown as it is.</summary>
    public static string Event(Lang lang, AuditEntry entry) => entry.Event switch
    {
        AuditEvent.Intake => lang.T("收入图像"),
        AuditEvent.NotTakenIn => lang.T("未收入"),
        AuditEvent.FingerprintUnreadable => lang.T("重复扫描比对数据损坏（该张不参与比对）"),
        AuditEvent.Decision => lang.T("裁定"),
        AuditEvent.Confirm => lang.T("复核同意"),
        AuditEvent.Reject => lang.T("复核驳回"),
        AuditEvent.HandTally => lang.T("录入手工计票"),
        AuditEvent.BatchOpened => lang.T("开始批次"),
        AuditEvent.BatchClosed => lang.T("结束批次"),
        AuditEvent.BallotsIssued => lang.T("录入发出选票"),
        AuditEvent.CountOfficial => lang.T("确认正式结果"),
        AuditEvent.NextRoundDrawn => lang.T("生成另行选举"),
        AuditEvent.RoundStarted => lang.T("开始另行选举计票"),
        AuditEvent.NamesImported => lang.T("导入姓名名单"),
        AuditEvent.ArchiveImport => lang.T("导入档案"),
        AuditEvent.SpotCheck => lang.T("抽查"),
        AuditEvent.Login => lang.T("登录"),
        AuditEvent.Logout => lang.T("退出"),
        AuditEvent.LoginFailed => lang.T("登录失败"),
        AuditEvent.LoginHeldBack => lang.T("登录暂停（多次密码错误）"),
        AuditEvent.AccountAdded => lang.T("新增账户"),
        AuditEvent.AccountDisabled => lang.T("停用账户"),
        AuditEvent.AccountEnabled => lang.T("启用账户"),
        AuditEvent.PasswordReset => lang.T("重设密码"),
        AuditEvent.TownshipArchiveTaken => lang.T("乡镇收入档案"),
        AuditEvent.TownshipArchiveRefused => lang.T("档案未收入"),
        AuditEvent.SecretaryEntered => lang.T("录入书记"),
        AuditEvent.ProgressEntered => lang.T("录入进度"),
        _ => entry.Action,
    };

    /// <summary>Who: a person's sign-in name as it is; the station's own rows in words.</summary>
    public static string Actor(Lang lang, AuditEntry entry) => Actor(lang, entry.Actor);

    /// <summary>Who, as stored (an audit row's actor, a file's taker): a person's name as it is, the station's own in words.</summary>
    public static string Actor(Lang lang, string actor) => actor switch
    {
        AuditFacts.Station => lang.T("计票站"),
        AuditFacts.ScannerFolder or LegacyScannerFolder => lang.T("扫描文件夹"),
        AuditFacts.ArchiveFolder => lang.T("档案文件夹"),
        AuditFacts.CommandLine => lang.T("命令行"),
        _ => actor,
    };

    /// <summary>The taker an earlier version stored for the files of the scanner folder.</summary>
    private const string LegacyScannerFolder = "scanner folder";

    /// <summary>
    /// The facts recorded, in words; a row of an earlier version (a sentence) as it was written. A decision is said against the
    /// ballot's layout (the township's log, which has none, holds no decisions).
    /// </summary>
    public static string Detail(Lang lang, BallotLayout? layout, ElectionDefinition? definition, AuditEntry entry) => AuditFacts.Read(entry.Event, entry.Detail) switch
    {
        FileTakenIn f => lang.T("{0}：{1}（{2} 字节）SHA-256 {3}", Words.Channel(lang, f.Channel), f.File, f.Bytes, f.Sha256),
        EntryNotTakenIn f => $"{f.Entry}{lang.T("：")}{IntakePages.ProblemText(lang, new IntakeProblem(f.Entry, f.Why, f.Detail, DateTimeOffset.MinValue))}",
        UnreadableFingerprint f => lang.T("第 {0} 行：{1}", f.FingerprintRow, f.Stored),
        DecisionMade f when layout is not null && definition is not null => lang.T("#{0} 选票 {1} {2}；理由：{3}{4}", f.Decision, f.What.Sheet, Words.Decision(lang, layout, definition, f.What.AsDecision()), f.Reason, (f.AwaitsConfirmation ? lang.T("；待第二位监票人复核") : string.Empty)),
        DecisionAnswered f when layout is not null && definition is not null => lang.T("{0} 的裁定 #{1}（选票 {2}）：{3}", f.DecidedBy, f.Decision, f.What.Sheet, Words.Decision(lang, layout, definition, f.What.AsDecision())),
        HandTallyEntered f => lang.T("录入 {0} 行", f.Lines),
        BatchNamed f => f.Batch,
        BallotsIssued f => lang.T("{0}：发出 {1} 张", f.Batch, f.Issued),
        NextRoundDrawn f => lang.T("{0}（第 {1} 轮）：{2}", f.Election, f.Round, f.Standing),
        RoundStarted f => lang.T("{0}（第 {1} 轮），接续 {2}（档案 Merkle 根 {3}）", f.Election, f.Round, f.After, f.AfterRoot),
        NamesListTaken f => lang.T("{0}：{1} 个姓名", f.File, f.Names),
        ArchiveTakenIn f => lang.T("{0}：{1} 张选票、{2} 项裁定，Merkle 根 {3}", f.File, f.Sheets, f.Decisions, f.MerkleRoot),
        SpotCheckFound f => SpotCheck(lang, f),
        SignedIn f => Html.RoleName(lang, f.Role.ToString()),
        SignInRefused f => f.Address,
        AccountNamed { Role: { } role } f => $"{f.Account}（{Html.RoleName(lang, role.ToString())}）",
        AccountNamed f => f.Account,
        TownshipArchiveTaken f => lang.T("{0}：{1}{2} {3}（第 {4} 轮），Merkle 根 {5}", f.File, f.Township, f.Village, f.Election, f.Round, f.MerkleRoot) + (f.Replaces is null ? string.Empty : lang.T("；取代此前的计票（Merkle 根 {0}）", f.Replaces)),
        TownshipArchiveRefused f => lang.T("{0}（{1}）：{2}", f.File, f.Village ?? lang.T("村名不可读"), Words.ArchiveRefusal(lang, f.Problems, f.Kind, f.Entry, f.RootDiffers)),
        SecretaryEntered f => lang.T("{0}{1}：书记 {2}", f.Township, f.Village, f.Name),
        ProgressEntered f => lang.T("{0}{1}：{2} {3}", f.Township, f.Village, Words.ProgressStep(lang, f.Step), f.Day),
        _ => entry.Detail,
    };

    private static string SpotCheck(Lang lang, SpotCheckFound f)
    {
        var finding = f.Finding switch
        {
            SpotCheckFinding.Agree => lang.T("一致"),
            SpotCheckFinding.Disagree => lang.T("不一致"),
            _ => lang.T("未查"),
        };
        var image = f.ImageMatchesPaper switch
        {
            true => lang.T("；图像就是这张纸的图像"),
            false => lang.T("；图像不是这张纸的图像！"),
            _ => string.Empty,
        };
        var note = f.Note.Length > 0 ? lang.T("（{0}）", f.Note) : string.Empty;
        var marks = f.AuditedMarks.Length > 0 ? $" [{f.AuditedMarks}]" : string.Empty;
        return lang.T("种子 {0}，第 {1} 张 选票 {2}：", f.Seed, f.Order.ToString(CultureInfo.InvariantCulture), f.Sheet) + finding + note + marks + image;
    }
}
