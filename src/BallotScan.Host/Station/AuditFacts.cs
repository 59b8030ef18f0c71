using System.Text.Json;
using System.Text.Json.Serialization;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>
/// What an audit row records beside its event (审计记录的内容), by name: stored as JSON in the row's detail and read back by the
/// type its event names; the log page gives them words in the reader's language. A detail written by an earlier version (a
/// sentence) reads as none and is shown as it was written. Text that came from outside (a file's name, a reason typed, a
/// batch's name) is cut to <see cref="MaxText"/> characters, so no row grows past the log's bound.
/// </summary>
internal abstract record AuditFacts
{
    /// <summary>The actor of a row the station writes itself (stored as every earlier version wrote it).</summary>
    public const string Station = "计票站";

    /// <summary>The actor of a row about the watched scanner folder.</summary>
    public const string ScannerFolder = "扫描文件夹";

    /// <summary>The actor of a row about the township station's watched folder of archives.</summary>
    public const string ArchiveFolder = "档案文件夹";

    /// <summary>The actor of a row written by `station user` on the command line.</summary>
    public const string CommandLine = "command line";

    /// <summary>Longest text a fact keeps.</summary>
    public const int MaxText = 160;

    private static readonly JsonSerializerOptions s_json = new()
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The facts' type each event records (an event not here records none).</summary>
    private static readonly Dictionary<AuditEvent, Type> s_types = new()
    {
        [AuditEvent.Intake] = typeof(FileTakenIn),
        [AuditEvent.NotTakenIn] = typeof(EntryNotTakenIn),
        [AuditEvent.FingerprintUnreadable] = typeof(UnreadableFingerprint),
        [AuditEvent.Decision] = typeof(DecisionMade),
        [AuditEvent.Confirm] = typeof(DecisionAnswered),
        [AuditEvent.Reject] = typeof(DecisionAnswered),
        [AuditEvent.HandTally] = typeof(HandTallyEntered),
        [AuditEvent.BatchOpened] = typeof(BatchNamed),
        [AuditEvent.BallotsIssued] = typeof(BallotsIssued),
        [AuditEvent.ArchiveImport] = typeof(ArchiveTakenIn),
        [AuditEvent.NextRoundDrawn] = typeof(NextRoundDrawn),
        [AuditEvent.RoundStarted] = typeof(RoundStarted),
        [AuditEvent.NamesImported] = typeof(NamesListTaken),
        [AuditEvent.SpotCheck] = typeof(SpotCheckFound),
        [AuditEvent.Login] = typeof(SignedIn),
        [AuditEvent.LoginFailed] = typeof(SignInRefused),
        [AuditEvent.LoginHeldBack] = typeof(SignInRefused),
        [AuditEvent.AccountAdded] = typeof(AccountNamed),
        [AuditEvent.AccountDisabled] = typeof(AccountNamed),
        [AuditEvent.AccountEnabled] = typeof(AccountNamed),
        [AuditEvent.PasswordReset] = typeof(AccountNamed),
        [AuditEvent.TownshipArchiveTaken] = typeof(TownshipArchiveTaken),
        [AuditEvent.TownshipArchiveRefused] = typeof(TownshipArchiveRefused),
        [AuditEvent.SecretaryEntered] = typeof(SecretaryEntered),
        [AuditEvent.ProgressEntered] = typeof(ProgressEntered),
    };

    /// <summary>The audit row of <paramref name="audit"/> by <paramref name="actor"/>, its detail these facts as JSON (empty for an event that records none).</summary>
    public static StationStore.AuditRow Row(string actor, AuditEvent audit, AuditFacts? facts)
    {
        var type = s_types.GetValueOrDefault(audit);
        if (facts?.GetType() != type)
        {
            throw new ArgumentException($"{audit} records {type?.Name ?? "no facts"}, not {facts?.GetType().Name ?? "none"}.", nameof(facts));
        }

        return new StationStore.AuditRow(actor, audit, facts is null ? string.Empty : JsonSerializer.Serialize(facts, facts.GetType(), s_json));
    }

    /// <summary>The facts of a stored row, or null: an event that records none, or a detail of an earlier version (a sentence).</summary>
    public static AuditFacts? Read(AuditEvent? audit, string detail)
    {
        if (audit is not { } known || !s_types.TryGetValue(known, out var type) || !detail.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(detail, type, s_json) as AuditFacts;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Text from outside as a fact keeps it: control characters replaced, at most <see cref="MaxText"/> characters.</summary>
    protected static string Clip(string? text) => StationStore.Cut(text, MaxText);

    /// <summary>Clip for text that may be missing.</summary>
    protected static string? ClipOrNull(string? text) => text is null ? null : Clip(text);
}

/// <summary>A file taken in: where from (<c>upload</c>, <c>folder</c>, <c>scanner</c>, <c>archive</c>), its name, size and hash.</summary>
internal sealed record FileTakenIn(string Channel, string File, long Bytes, string Sha256) : AuditFacts
{
    public string File { get; init; } = Clip(File);
}

/// <summary>An entry of the watched folder not taken in, and why.</summary>
internal sealed record EntryNotTakenIn(string Entry, IntakeProblemKind Why, string? Detail) : AuditFacts
{
    public string Entry { get; init; } = Clip(Entry);

    public string? Detail { get; init; } = ClipOrNull(Detail);
}

/// <summary>A stored rescan fingerprint that cannot be read: its row, and the start of what is stored.</summary>
internal sealed record UnreadableFingerprint(long FingerprintRow, string Stored) : AuditFacts
{
    public string Stored { get; init; } = Clip(Stored);
}

/// <summary>What a decision decided: the sheet, and the box's reading, the name written in, or the sheet's standing.</summary>
internal sealed record Decided(string Sheet, AdjudicationKind Kind, string? BoxId, MarkSymbol? Symbol, string? WriteInName, SheetDecision? SheetDecision)
{
    public string? WriteInName { get; init; } = WriteInName is null ? null : StationStore.Cut(WriteInName, AuditFacts.MaxText);

    public static Decided Of(Adjudication d) => new(d.Sheet, d.Kind, d.BoxId, d.Symbol, d.WriteInName, d.SheetDecision);

    /// <summary>As a decision, to be put in words as the review pages put one.</summary>
    public Adjudication AsDecision() => new() { Sheet = Sheet, Kind = Kind, BoxId = BoxId, Symbol = Symbol, WriteInName = WriteInName, SheetDecision = SheetDecision, Scrutineer = string.Empty, Reason = string.Empty };
}

/// <summary>A decision recorded: its number, what it decided, the reason typed, and whether a second scrutineer must confirm it.</summary>
internal sealed record DecisionMade(long Decision, Decided What, string Reason, bool AwaitsConfirmation) : AuditFacts
{
    public string Reason { get; init; } = Clip(Reason);
}

/// <summary>A second scrutineer's answer (复核) to decision number <paramref name="Decision"/> by <paramref name="DecidedBy"/>.</summary>
internal sealed record DecisionAnswered(long Decision, string DecidedBy, Decided What) : AuditFacts;

/// <summary>A hand tally entered: how many lines.</summary>
internal sealed record HandTallyEntered(int Lines) : AuditFacts;

/// <summary>A batch opened, by its name.</summary>
internal sealed record BatchNamed(string Batch) : AuditFacts
{
    public string Batch { get; init; } = Clip(Batch);
}

/// <summary>The ballots issued for a batch's box.</summary>
internal sealed record BallotsIssued(string Batch, int Issued) : AuditFacts
{
    public string Batch { get; init; } = Clip(Batch);
}

/// <summary>A 另行选举's count started: its election id and round, and the round before with its archive's Merkle root.</summary>
internal sealed record RoundStarted(string Election, int Round, string After, string AfterRoot) : AuditFacts;

/// <summary>The 另行选举 drawn: its election id, its round, and who stands per contest ("主任: 王建华、孙立平").</summary>
internal sealed record NextRoundDrawn(string Election, int Round, IReadOnlyList<string> Standing) : AuditFacts
{
    public IReadOnlyList<string> Standing { get; init; } = [.. Standing.Take(6).Select(s => StationStore.Cut(s, 120))];
}

/// <summary>A names list imported: its file and how many names.</summary>
internal sealed record NamesListTaken(string File, int Names) : AuditFacts
{
    public string File { get; init; } = Clip(File);
}

/// <summary>An archived count taken in: its file, how many sheets and decisions, and its Merkle root.</summary>
internal sealed record ArchiveTakenIn(string File, int Sheets, int Decisions, string MerkleRoot) : AuditFacts
{
    public string File { get; init; } = Clip(File);
}

/// <summary>An auditor's finding on one sheet of a spot-check drawn with <paramref name="Seed"/>.</summary>
internal sealed record SpotCheckFound(string Seed, int Order, string Sheet, SpotCheckFinding Finding, string Note, string AuditedMarks, bool? ImageMatchesPaper) : AuditFacts
{
    public string Seed { get; init; } = Clip(Seed);

    public string Note { get; init; } = Clip(Note);

    public string AuditedMarks { get; init; } = Clip(AuditedMarks);
}

/// <summary>A sign-in, and the role it took.</summary>
internal sealed record SignedIn(StationRole Role) : AuditFacts;

/// <summary>A sign-in refused: from where.</summary>
internal sealed record SignInRefused(string Address) : AuditFacts
{
    public string Address { get; init; } = Clip(Address);
}

/// <summary>An account made (with its role) or changed (without).</summary>
internal sealed record AccountNamed(string Account, StationRole? Role) : AuditFacts
{
    public string Account { get; init; } = Clip(Account);
}

/// <summary>An archive the township took in: the file, the village and election, its root, and the root of the earlier count it replaces (a recount).</summary>
internal sealed record TownshipArchiveTaken(string File, string Township, string Village, string Election, int Round, string MerkleRoot, string? Replaces) : AuditFacts
{
    public string File { get; init; } = Clip(File);
}

/// <summary>
/// An archive the township refused: the file, the village it says it is from (unverified, where it could be read), how many
/// problems verifying found and the first (its kind and entry); no kind when the file is no archive at all, or when it is
/// whole but not the count whose root was typed from the paper report (<see cref="RootDiffers"/>).
/// </summary>
internal sealed record TownshipArchiveRefused(string File, string? Village, int Problems, ArchiveProblemKind? Kind, string Entry) : AuditFacts
{
    public bool RootDiffers { get; init; }

    public string File { get; init; } = Clip(File);

    public string? Village { get; init; } = ClipOrNull(Village);

    public string Entry { get; init; } = Clip(Entry);
}

/// <summary>A 书记 the township entered for a village (elected by the new committee, not on a ballot).</summary>
internal sealed record SecretaryEntered(string Township, string Village, string Name) : AuditFacts
{
    public string Name { get; init; } = Clip(Name);
}

/// <summary>A step of a village's 换届 the township recorded, and its day (yyyy-MM-dd).</summary>
internal sealed record ProgressEntered(string Township, string Village, BallotScan.Engine.Township.ProgressStep Step, string Day) : AuditFacts;
