namespace BallotScan.Host.Station.Storage;

/// <summary>What an entry of the station's log (审计日志) records. Each is stored by its code, the text every version wrote.</summary>
internal enum AuditEvent
{
    /// <summary>A file taken in (收入图像).</summary>
    Intake,

    /// <summary>An entry of the watched folder not taken in (未收入).</summary>
    NotTakenIn,

    /// <summary>A stored rescan fingerprint that cannot be read, left out of the comparison.</summary>
    FingerprintUnreadable,

    /// <summary>A scrutineer's decision (裁定).</summary>
    Decision,

    /// <summary>A second scrutineer agreed (复核同意).</summary>
    Confirm,

    /// <summary>A second scrutineer disagreed (复核驳回).</summary>
    Reject,

    /// <summary>A hand tally entered (录入手工计票).</summary>
    HandTally,

    /// <summary>A batch opened (开始批次).</summary>
    BatchOpened,

    /// <summary>The open batch closed (结束批次).</summary>
    BatchClosed,

    /// <summary>The ballots issued for a batch's box entered (录入发出选票).</summary>
    BallotsIssued,

    /// <summary>The count marked official by the chief scrutineer (确认正式结果).</summary>
    CountOfficial,

    /// <summary>The 另行选举's definition drawn from the official result by the chief scrutineer (生成另行选举).</summary>
    NextRoundDrawn,

    /// <summary>A 另行选举's count started at the station, after the round before (开始另行选举计票): written in the new round's log.</summary>
    RoundStarted,

    /// <summary>A names list imported for completing written names (导入姓名名单).</summary>
    NamesImported,

    /// <summary>An archived count taken in (导入档案).</summary>
    ArchiveImport,

    /// <summary>An auditor's spot-check finding (抽查).</summary>
    SpotCheck,

    /// <summary>A sign-in (登录).</summary>
    Login,

    /// <summary>A sign-out (退出).</summary>
    Logout,

    /// <summary>A sign-in refused: a wrong password (登录失败).</summary>
    LoginFailed,

    /// <summary>A sign-in held back after too many wrong passwords.</summary>
    LoginHeldBack,

    /// <summary>An account made (新增账户).</summary>
    AccountAdded,

    /// <summary>An account disabled (停用账户).</summary>
    AccountDisabled,

    /// <summary>An account enabled again (启用账户).</summary>
    AccountEnabled,

    /// <summary>A password set anew (重设密码).</summary>
    PasswordReset,

    /// <summary>The township station took in a village's archive (乡镇收入档案), or a recount of it in place of the earlier.</summary>
    TownshipArchiveTaken,

    /// <summary>The township station refused an archive (档案未收入): it did not verify, or is not a count.</summary>
    TownshipArchiveRefused,

    /// <summary>The township entered a village's 书记 elected by its committee (录入书记).</summary>
    SecretaryEntered,

    /// <summary>The township recorded a step of a village's 换届 (录入进度).</summary>
    ProgressEntered,
}

/// <summary>The stored code of each <see cref="AuditEvent"/>, and back: a code no version wrote reads as none (shown as it is).</summary>
internal static class AuditEvents
{
    private static readonly Dictionary<AuditEvent, string> s_codes = new()
    {
        [AuditEvent.Intake] = "intake",
        [AuditEvent.NotTakenIn] = "not taken in",
        [AuditEvent.FingerprintUnreadable] = "fingerprint unreadable",
        [AuditEvent.Decision] = "decision",
        [AuditEvent.Confirm] = "confirm",
        [AuditEvent.Reject] = "reject",
        [AuditEvent.HandTally] = "hand tally",
        [AuditEvent.BatchOpened] = "batch opened",
        [AuditEvent.BatchClosed] = "batch closed",
        [AuditEvent.BallotsIssued] = "ballots issued",
        [AuditEvent.CountOfficial] = "count official",
        [AuditEvent.NextRoundDrawn] = "next round drawn",
        [AuditEvent.RoundStarted] = "round started",
        [AuditEvent.NamesImported] = "names imported",
        [AuditEvent.ArchiveImport] = "archive import",
        [AuditEvent.SpotCheck] = "spot-check",
        [AuditEvent.Login] = "login",
        [AuditEvent.Logout] = "logout",
        [AuditEvent.LoginFailed] = "login failed",
        [AuditEvent.LoginHeldBack] = "login held back",
        [AuditEvent.AccountAdded] = "account added",
        [AuditEvent.AccountDisabled] = "account disabled",
        [AuditEvent.AccountEnabled] = "account enabled",
        [AuditEvent.PasswordReset] = "password reset",
        [AuditEvent.TownshipArchiveTaken] = "township archive taken",
        [AuditEvent.TownshipArchiveRefused] = "township archive refused",
        [AuditEvent.SecretaryEntered] = "secretary entered",
        [AuditEvent.ProgressEntered] = "progress entered",
    };

    private static readonly Dictionary<string, AuditEvent> s_events = s_codes.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);

    /// <summary>The code the log stores for <paramref name="audit"/>.</summary>
    public static string Code(AuditEvent audit) => s_codes[audit];

    /// <summary>The event a stored code names, or null for a code no version wrote.</summary>
    public static AuditEvent? Parse(string code) => s_events.TryGetValue(code, out var audit) ? audit : null;
}
