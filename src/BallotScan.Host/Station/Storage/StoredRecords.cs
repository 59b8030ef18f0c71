using BallotScan.Engine.Counting;

namespace BallotScan.Host.Station.Storage;

/// <summary>A person's part at the venue.</summary>
internal enum StationRole
{
    /// <summary>Feeds the scanner and takes the sheets in (操作员).</summary>
    Operator,

    /// <summary>Decides on uncertain ballots and enters the hand tally (监票人).</summary>
    Scrutineer,

    /// <summary>Sees everything, changes nothing (观察员).</summary>
    Observer,

    /// <summary>Spot-checks an archived count months later (审计员): draws sheets and records what each image shows.</summary>
    Auditor,

    /// <summary>The chief scrutineer (总监票人): a scrutineer who also marks the count official when nothing waits and the hand count agrees.</summary>
    ChiefScrutineer,
}

/// <summary>An account of the station.</summary>
/// <param name="Name">The sign-in name.</param>
/// <param name="Role">What the person may do.</param>
/// <param name="PasswordHash">The password, hashed (<see cref="Accounts.Passwords"/>).</param>
/// <param name="DisabledAt">When the account was disabled; null while it may sign in.</param>
internal sealed record StationUser(string Name, StationRole Role, string PasswordHash, string? DisabledAt = null);

/// <summary>An image file as received.</summary>
internal sealed record StoredFile(long Id, string Sha256, string Extension, long Size, string ReceivedAt, string Channel, string OriginalName, string ReceivedBy, string Status, string? Batch = null, int? BatchPosition = null);

/// <summary>A batch (批次): a ballot box or a scanner run, open while its paper is being scanned.</summary>
/// <param name="Id">The batch's number, in the order opened.</param>
/// <param name="Name">Its name, as the operator gave it (中心会场, 流动票箱1…).</param>
/// <param name="OpenedAt">When it was opened (UTC).</param>
/// <param name="OpenedBy">Who opened it.</param>
/// <param name="ClosedAt">When it was closed; null while it is open.</param>
/// <param name="Issued">The ballots issued for this box (发出), as last entered.</param>
internal sealed record StoredBatch(long Id, string Name, string OpenedAt, string OpenedBy, string? ClosedAt, int? Issued);

/// <summary>One page of a file as the machine read it.</summary>
internal sealed record StoredSheet(long Id, string SheetId, long FileId, int Page, string Interpretation, bool Accepted, bool NeedsReview, string? RescanOf);

/// <summary>A scrutineer's decision as recorded, with the second scrutineer's answer if one was needed.</summary>
/// <param name="Id">The row's number, in the order decisions were made.</param>
/// <param name="Decision">The decision as stored.</param>
/// <param name="NeedsConfirmation">Whether it takes effect only when a second scrutineer agrees.</param>
/// <param name="Confirmations">The second scrutineers' answers, in the order given.</param>
/// <param name="Problem">Why the stored row cannot be applied (a value no longer read, a box the sheet does not have); null for a good one.</param>
internal sealed record StoredDecision(long Id, Adjudication Decision, bool NeedsConfirmation, IReadOnlyList<StoredConfirmation> Confirmations, Engine.Problems.Said? Problem = null)
{
    /// <summary>The first answer of a scrutineer other than the one who decided: it settles the decision. Null while none has answered.</summary>
    public StoredConfirmation? Answer => Confirmations.FirstOrDefault(c => c.Scrutineer != Decision.Scrutineer);

    /// <summary>Counted: a row that can be applied, needing no second scrutineer or with one who agreed.</summary>
    public bool Effective => Problem is null && (!NeedsConfirmation || Answer?.Agree == true);

    public bool AwaitingConfirmation => Problem is null && NeedsConfirmation && Answer is null;
}

internal sealed record StoredConfirmation(long Id, string Scrutineer, bool Agree, string At);

/// <summary>A hand tally (唱票/计票) as entered, in the CSV shape of the result report.</summary>
internal sealed record StoredHandTally(long Id, string EnteredBy, string At, string Csv);

/// <summary>An entry of the log as stored: its action is the code of an <see cref="AuditEvent"/> (one no version wrote reads as none).</summary>
internal sealed record AuditEntry(long Id, string At, string Actor, string Action, string Detail)
{
    /// <summary>The event the stored action names, or null.</summary>
    public AuditEvent? Event => AuditEvents.Parse(Action);
}

/// <summary>How far intake and reading have got.</summary>
internal sealed record IntakeProgress(int Files, int Queued, int Sheets, int Accepted, int Rejected, int NeedReview, int PossibleRescans);
