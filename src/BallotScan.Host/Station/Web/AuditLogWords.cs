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
        AuditEvent.Intake => lang.S("收入图像", "intake"),
        AuditEvent.NotTakenIn => lang.S("未收入", "not taken in"),
        AuditEvent.FingerprintUnreadable => lang.S("重复扫描比对数据损坏（该张不参与比对）", "rescan fingerprint unreadable (left out of the comparison)"),
        AuditEvent.Decision => lang.S("裁定", "decision"),
        AuditEvent.Confirm => lang.S("复核同意", "confirmed"),
        AuditEvent.Reject => lang.S("复核驳回", "rejected"),
        AuditEvent.HandTally => lang.S("录入手工计票", "hand tally"),
        AuditEvent.BatchOpened => lang.S("开始批次", "batch opened"),
        AuditEvent.BatchClosed => lang.S("结束批次", "batch closed"),
        AuditEvent.BallotsIssued => lang.S("录入发出选票", "ballots issued"),
        AuditEvent.CountOfficial => lang.S("确认正式结果", "count official"),
        AuditEvent.NextRoundDrawn => lang.S("生成另行选举", "next round drawn"),
        AuditEvent.RoundStarted => lang.S("开始另行选举计票", "further election's count started"),
        AuditEvent.NamesImported => lang.S("导入姓名名单", "names list imported"),
        AuditEvent.ArchiveImport => lang.S("导入档案", "archive import"),
        AuditEvent.SpotCheck => lang.S("抽查", "spot-check"),
        AuditEvent.Login => lang.S("登录", "sign-in"),
        AuditEvent.Logout => lang.S("退出", "sign-out"),
        AuditEvent.LoginFailed => lang.S("登录失败", "sign-in failed"),
        AuditEvent.LoginHeldBack => lang.S("登录暂停（多次密码错误）", "sign-in held back"),
        AuditEvent.AccountAdded => lang.S("新增账户", "account added"),
        AuditEvent.AccountDisabled => lang.S("停用账户", "account disabled"),
        AuditEvent.AccountEnabled => lang.S("启用账户", "account enabled"),
        AuditEvent.PasswordReset => lang.S("重设密码", "password reset"),
        _ => entry.Action,
    };

    /// <summary>Who: a person's sign-in name as it is; the station's own rows in words.</summary>
    public static string Actor(Lang lang, AuditEntry entry) => Actor(lang, entry.Actor);

    /// <summary>Who, as stored (an audit row's actor, a file's taker): a person's name as it is, the station's own in words.</summary>
    public static string Actor(Lang lang, string actor) => actor switch
    {
        AuditFacts.Station => lang.S("计票站", "the station"),
        AuditFacts.ScannerFolder or LegacyScannerFolder => lang.S("扫描文件夹", "the scanner folder"),
        AuditFacts.CommandLine => lang.S("命令行", "the command line"),
        _ => actor,
    };

    /// <summary>The taker an earlier version stored for the files of the scanner folder.</summary>
    private const string LegacyScannerFolder = "scanner folder";

    /// <summary>The facts recorded, in words; a row of an earlier version (a sentence) as it was written.</summary>
    public static string Detail(Lang lang, BallotLayout layout, ElectionDefinition definition, AuditEntry entry) => AuditFacts.Read(entry.Event, entry.Detail) switch
    {
        FileTakenIn f => lang.S($"{Words.Channel(lang, f.Channel)}：{f.File}（{f.Bytes} 字节）SHA-256 {f.Sha256}", $"{Words.Channel(lang, f.Channel)}: {f.File} ({f.Bytes} bytes) SHA-256 {f.Sha256}"),
        EntryNotTakenIn f => $"{f.Entry}{lang.S("：", ": ")}{IntakePages.ProblemText(lang, new IntakeProblem(f.Entry, f.Why, f.Detail, DateTimeOffset.MinValue))}",
        UnreadableFingerprint f => lang.S($"第 {f.FingerprintRow} 行：{f.Stored}", $"row {f.FingerprintRow}: {f.Stored}"),
        DecisionMade f => lang.S(
            $"#{f.Decision} 选票 {f.What.Sheet} {Words.Decision(lang, layout, definition, f.What.AsDecision())}；理由：{f.Reason}{(f.AwaitsConfirmation ? "；待第二位监票人复核" : string.Empty)}",
            $"#{f.Decision} sheet {f.What.Sheet} {Words.Decision(lang, layout, definition, f.What.AsDecision())}; reason: {f.Reason}{(f.AwaitsConfirmation ? "; awaits a second scrutineer" : string.Empty)}"),
        DecisionAnswered f => lang.S(
            $"{f.DecidedBy} 的裁定 #{f.Decision}（选票 {f.What.Sheet}）：{Words.Decision(lang, layout, definition, f.What.AsDecision())}",
            $"{f.DecidedBy}'s decision #{f.Decision} (sheet {f.What.Sheet}): {Words.Decision(lang, layout, definition, f.What.AsDecision())}"),
        HandTallyEntered f => lang.S($"录入 {f.Lines} 行", $"{f.Lines} line(s)"),
        BatchNamed f => f.Batch,
        BallotsIssued f => lang.S($"{f.Batch}：发出 {f.Issued} 张", $"{f.Batch}: {f.Issued} issued"),
        NextRoundDrawn f => lang.S($"{f.Election}（第 {f.Round} 轮）：{string.Join("；", f.Standing)}", $"{f.Election} (round {f.Round}): {string.Join("; ", f.Standing)}"),
        RoundStarted f => lang.S($"{f.Election}（第 {f.Round} 轮），接续 {f.After}（档案 Merkle 根 {f.AfterRoot}）", $"{f.Election} (round {f.Round}), after {f.After} (archive Merkle root {f.AfterRoot})"),
        NamesListTaken f => lang.S($"{f.File}：{f.Names} 个姓名", $"{f.File}: {f.Names} name(s)"),
        ArchiveTakenIn f => lang.S($"{f.File}：{f.Sheets} 张选票、{f.Decisions} 项裁定，Merkle 根 {f.MerkleRoot}", $"{f.File}: {f.Sheets} sheet(s), {f.Decisions} decision(s), Merkle root {f.MerkleRoot}"),
        SpotCheckFound f => SpotCheck(lang, f),
        SignedIn f => Html.RoleName(lang, f.Role.ToString()),
        SignInRefused f => f.Address,
        AccountNamed { Role: { } role } f => $"{f.Account}（{Html.RoleName(lang, role.ToString())}）",
        AccountNamed f => f.Account,
        _ => entry.Detail,
    };

    private static string SpotCheck(Lang lang, SpotCheckFound f)
    {
        var finding = f.Finding switch
        {
            SpotCheckFinding.Agree => lang.S("一致", "agree"),
            SpotCheckFinding.Disagree => lang.S("不一致", "disagree"),
            _ => lang.S("未查", "not checked"),
        };
        var image = f.ImageMatchesPaper switch
        {
            true => lang.S("；图像就是这张纸的图像", "; the image is this paper's"),
            false => lang.S("；图像不是这张纸的图像！", "; the image is NOT this paper's!"),
            _ => string.Empty,
        };
        var note = f.Note.Length > 0 ? lang.S($"（{f.Note}）", $" ({f.Note})") : string.Empty;
        var marks = f.AuditedMarks.Length > 0 ? $" [{f.AuditedMarks}]" : string.Empty;
        return lang.S($"种子 {f.Seed}，第 {f.Order.ToString(CultureInfo.InvariantCulture)} 张 选票 {f.Sheet}：", $"seed {f.Seed}, no. {f.Order.ToString(CultureInfo.InvariantCulture)} sheet {f.Sheet}: ") + finding + note + marks + image;
    }
}
