using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using static BallotScan.Host.Station.Storage.StationDatabase;

namespace BallotScan.Host.Station.Storage;

/// <summary>Everything the station keeps, in the database. Rows of decisions, confirmations, hand tallies and the audit log are only ever added.</summary>
internal sealed class StationStore(StationDatabase database)
{
    public StationDatabase Database { get; } = database;

    /// <summary>The accounts and their sign-in sessions.</summary>
    public AccountStore Accounts => new(this);

    public string? Meta(string key)
    {
        using var c = Database.Open();
        return Scalar(c, null, "SELECT value FROM meta WHERE key = @k", ("k", key)) as string;
    }

    /// <summary>
    /// Does <paramref name="work"/> in one transaction and, when it did something (returned true), writes
    /// <paramref name="audit"/> in the same transaction: the change and its audit row are both recorded, or neither.
    /// </summary>
    internal bool Write(Func<DbConnection, DbTransaction, bool> work, AuditRow? audit)
    {
        using var c = Database.Open();
        using var t = c.BeginTransaction();
        var done = work(c, t);
        if (done)
        {
            AuditIn(c, t, audit);
        }

        t.Commit();
        return done;
    }

    /// <summary>Sets <paramref name="key"/> unless it is set (with <paramref name="audit"/> when it is set now); returns the value it has now.</summary>
    public string MetaOnce(string key, string value, AuditRow? audit = null)
    {
        Write((c, t) => Execute(c, t, "INSERT INTO meta (key, value) VALUES (@k, @v) ON CONFLICT (key) DO NOTHING", ("k", key), ("v", value)) == 1, audit);
        return Meta(key)!;
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> (anew when set before), with its audit row in the same transaction.</summary>
    public void MetaSet(string key, string value, AuditRow audit) =>
        Write((c, t) => Execute(c, t, "INSERT INTO meta (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ("k", key), ("v", value)) == 1, audit);

    /// <summary>
    /// Takes in an image file: stored once by its SHA-256 (the same bytes twice are one file) and queued for reading, in the
    /// batch open now (none open: no batch) at the next place in it, in one statement (one at a time across stations).
    /// </summary>
    public (StoredFile File, bool IsNew) AddFile(byte[] bytes, string extension, string channel, string originalName, string receivedBy)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var c = Database.Open();
        using var t = c.BeginTransaction();
        if (Database.Dialect == Dialect.Postgres)
        {
            Execute(c, t, "SELECT pg_advisory_xact_lock(771209)");
        }

        var same = Database.Dialect == Dialect.Postgres ? "IS NOT DISTINCT FROM" : "IS";
        const string Open = "(SELECT id FROM batches WHERE closed_at IS NULL ORDER BY id DESC LIMIT 1)";
        var added = Execute(c, t,
            "INSERT INTO files (sha256, extension, size, bytes, received_at, channel, original_name, received_by, status, batch_id, batch_position) " +
            $"VALUES (@sha, @ext, @size, @bytes, @at, @channel, @name, @by, 'queued', {Open}, (SELECT COALESCE(MAX(batch_position), 0) + 1 FROM files WHERE batch_id {same} {Open})) ON CONFLICT (sha256) DO NOTHING",
            ("sha", sha), ("ext", extension), ("size", (long)bytes.Length), ("bytes", bytes), ("at", Now()), ("channel", channel), ("name", originalName), ("by", receivedBy)) == 1;
        t.Commit();
        return (Files(c, "WHERE f.sha256 = @sha", null, ("sha", sha)).Single(), added);
    }

    private static List<StoredFile> Files(DbConnection c, string where, int? limit = null, params (string, object?)[] parameters) =>
        Query(c, "SELECT f.id, f.sha256, f.extension, f.size, f.received_at, f.channel, f.original_name, f.received_by, f.status, b.name, f.batch_position " +
                 $"FROM files f LEFT JOIN batches b ON b.id = f.batch_id {where} ORDER BY f.id{(limit is { } n ? $" LIMIT {n.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}",
            r => new StoredFile(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8),
                r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetInt32(10)), parameters);

    /// <summary>Opens a batch by name, closing the one open before; false when a batch of that name exists already.</summary>
    public bool OpenBatch(string name, string user, AuditRow? audit = null) => Write((c, t) =>
    {
        if (Convert.ToInt64(Scalar(c, t, "SELECT COUNT(*) FROM batches WHERE name = @n", ("n", name)), CultureInfo.InvariantCulture) > 0)
        {
            return false;
        }

        Execute(c, t, "UPDATE batches SET closed_at = @at WHERE closed_at IS NULL", ("at", Now()));
        Execute(c, t, "INSERT INTO batches (name, opened_at, opened_by) VALUES (@n, @at, @by)", ("n", name), ("at", Now()), ("by", user));
        return true;
    }, audit);

    /// <summary>Closes the open batch; false when none is open.</summary>
    public bool CloseBatch(AuditRow? audit = null) =>
        Write((c, t) => Execute(c, t, "UPDATE batches SET closed_at = @at WHERE closed_at IS NULL", ("at", Now())) > 0, audit);

    /// <summary>Every batch in the order opened, with the ballots issued for it as last entered.</summary>
    public List<StoredBatch> Batches()
    {
        using var c = Database.Open();
        return Query(c, "SELECT b.id, b.name, b.opened_at, b.opened_by, b.closed_at, (SELECT i.issued FROM batch_issued i WHERE i.batch_id = b.id ORDER BY i.id DESC LIMIT 1) FROM batches b ORDER BY b.id",
            r => new StoredBatch(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5)));
    }

    /// <summary>Records the ballots issued for a batch (a ballot box): the latest entry counts, the earlier stay on record.</summary>
    public void AddIssued(long batchId, int issued, string user, AuditRow? audit = null) =>
        Write((c, t) => Execute(c, t, "INSERT INTO batch_issued (batch_id, issued, entered_by, at) VALUES (@b, @n, @by, @at)", ("b", batchId), ("n", issued), ("by", user), ("at", Now())) == 1, audit);

    public List<StoredFile> Files()
    {
        using var c = Database.Open();
        return Files(c, string.Empty);
    }

    public List<StoredFile> QueuedFiles(int limit)
    {
        using var c = Database.Open();
        return Files(c, "WHERE f.status = 'queued'", limit);
    }

    public byte[] FileBytes(long fileId)
    {
        using var c = Database.Open();
        return (byte[])Scalar(c, null, "SELECT bytes FROM files WHERE id = @id", ("id", fileId))!;
    }

    public StoredFile? File(long fileId)
    {
        using var c = Database.Open();
        return Files(c, "WHERE f.id = @id", null, ("id", fileId)).SingleOrDefault();
    }

    /// <summary>Records what the machine read on every page of a file and marks the file read, in one transaction: a crash leaves the file queued, never half read.</summary>
    public void SaveReading(long fileId, IEnumerable<(StoredSheet Sheet, string? Fingerprint)> pages)
    {
        using var c = Database.Open();
        using var t = c.BeginTransaction();
        foreach (var (s, fingerprint) in pages)
        {
            Execute(c, t,
                "INSERT INTO sheets (sheet_id, file_id, page, interpretation, accepted, needs_review, rescan_of, fingerprint, read_at) " +
                "VALUES (@id, @file, @page, @json, @accepted, @review, @rescan, @fp, @at) ON CONFLICT (sheet_id) DO NOTHING",
                ("id", s.SheetId), ("file", fileId), ("page", s.Page), ("json", s.Interpretation), ("accepted", s.Accepted ? 1 : 0), ("review", s.NeedsReview ? 1 : 0), ("rescan", s.RescanOf), ("fp", fingerprint), ("at", Now()));
        }

        Execute(c, t, "UPDATE files SET status = 'read' WHERE id = @id", ("id", fileId));
        t.Commit();
    }

    /// <summary>
    /// Held while a station compares a new sheet with the papers read before and records it, so that two stations sharing a
    /// PostgreSQL count never check two images of the same paper at once without seeing each other (an advisory lock; with
    /// SQLite, one station, the caller's own lock suffices).
    /// </summary>
    public IDisposable ReadingLock()
    {
        if (Database.Dialect != Dialect.Postgres)
        {
            return Database.Open();
        }

        var connection = Database.Open();
        Execute(connection, null, "SELECT pg_advisory_lock(771208)");
        return new AdvisoryLock(connection);
    }

    private sealed class AdvisoryLock(DbConnection connection) : IDisposable
    {
        public void Dispose()
        {
            Execute(connection, null, "SELECT pg_advisory_unlock(771208)");
            connection.Dispose();
        }
    }

    private const string SheetColumns = "id, sheet_id, file_id, page, interpretation, accepted, needs_review, rescan_of";

    private static StoredSheet MapSheet(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt32(3), r.GetString(4), r.GetInt32(5) == 1, r.GetInt32(6) == 1, r.IsDBNull(7) ? null : r.GetString(7));

    public List<StoredSheet> Sheets()
    {
        using var c = Database.Open();
        return Query(c, $"SELECT {SheetColumns} FROM sheets ORDER BY id", MapSheet);
    }

    public StoredSheet? Sheet(string sheetId)
    {
        using var c = Database.Open();
        return Query(c, $"SELECT {SheetColumns} FROM sheets WHERE sheet_id = @id", MapSheet, ("id", sheetId)).SingleOrDefault();
    }

    /// <summary>The fingerprints of sheets read after row <paramref name="afterId"/>, in reading order.</summary>
    public List<(long Id, string Fingerprint)> Fingerprints(long afterId)
    {
        using var c = Database.Open();
        return Query(c, "SELECT id, fingerprint FROM sheets WHERE id > @after AND fingerprint IS NOT NULL ORDER BY id", r => (r.GetInt64(0), r.GetString(1)), ("after", afterId));
    }

    /// <summary>A row of the audit log to write with an action, in the same transaction.</summary>
    internal sealed record AuditRow(string Actor, AuditEvent Event, string Detail);

    /// <summary>
    /// Records a decision and its audit row (made from the decision's new id) in one transaction: both are written or
    /// neither is.
    /// </summary>
    public long AddDecision(Adjudication d, bool needsConfirmation, Func<long, AuditRow?> audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        using var c = Database.Open();
        using var t = c.BeginTransaction();
        var sql = "INSERT INTO decisions (sheet_id, kind, box_id, symbol, write_in_name, sheet_decision, scrutineer, reason, at, needs_confirmation) " +
                  "VALUES (@sheet, @kind, @box, @symbol, @name, @decision, @who, @why, @at, @confirm) RETURNING id";
        var id = Convert.ToInt64(Scalar(c, t, sql, ("sheet", d.Sheet), ("kind", d.Kind.ToString()), ("box", d.BoxId), ("symbol", d.Symbol?.ToString()),
            ("name", d.WriteInName), ("decision", d.SheetDecision?.ToString()), ("who", d.Scrutineer), ("why", d.Reason),
            ("at", d.At.ToString("O", CultureInfo.InvariantCulture)), ("confirm", needsConfirmation ? 1 : 0)), CultureInfo.InvariantCulture);
        AuditIn(c, t, audit(id));
        t.Commit();
        return id;
    }

    /// <summary>A decision without an audit row of its own (an archive's decisions, audited once as the import).</summary>
    public long AddDecision(Adjudication d, bool needsConfirmation) => AddDecision(d, needsConfirmation, _ => null);

    /// <summary>
    /// Records a second scrutineer's answer unless one is recorded already: the first answer settles a decision. Returns
    /// false when another's answer came first. Two answers at once are taken one after the other (the decision's row is
    /// locked on PostgreSQL; SQLite writes one statement at a time).
    /// </summary>
    public bool AddConfirmation(long decisionId, string decidedBy, string scrutineer, bool agree, AuditRow? audit = null) => Write((c, t) =>
    {
        if (Database.Dialect == Dialect.Postgres)
        {
            Execute(c, t, "SELECT id FROM decisions WHERE id = @d FOR UPDATE", ("d", decisionId));
        }

        return Execute(c, t,
            "INSERT INTO confirmations (decision_id, scrutineer, agree, at) SELECT @d, @who, @agree, @at " +
            "WHERE NOT EXISTS (SELECT 1 FROM confirmations WHERE decision_id = @d AND scrutineer <> @decider)",
            ("d", decisionId), ("who", scrutineer), ("agree", agree ? 1 : 0), ("at", Now()), ("decider", decidedBy)) == 1;
    }, audit);

    /// <summary>Every decision in the order made, with its confirmations.</summary>
    public List<StoredDecision> Decisions()
    {
        using var c = Database.Open();
        var confirmations = Query(c, "SELECT id, decision_id, scrutineer, agree, at FROM confirmations ORDER BY id",
                r => (Decision: r.GetInt64(1), Row: new StoredConfirmation(r.GetInt64(0), r.GetString(2), r.GetInt32(3) == 1, r.GetString(4))))
            .ToLookup(x => x.Decision, x => x.Row);
        return Query(c, "SELECT id, sheet_id, kind, box_id, symbol, write_in_name, sheet_decision, scrutineer, reason, at, needs_confirmation FROM decisions ORDER BY id",
            r => MapDecision(r, [.. confirmations[r.GetInt64(0)]]));
    }

    /// <summary>
    /// One decision row, its values read strictly (defined names only). A row that cannot be read is kept as what it says,
    /// with the problem: shown on its sheet, never counted, never stopping the rest.
    /// </summary>
    private static StoredDecision MapDecision(DbDataReader r, IReadOnlyList<StoredConfirmation> confirmations)
    {
        var problems = new List<Engine.Problems.Said>();
        T? Read<T>(int column, string what)
            where T : struct, Enum
        {
            if (r.IsDBNull(column))
            {
                return null;
            }

            var text = r.GetString(column);
            if (EnumNames.TryParse<T>(text, out var value))
            {
                return value;
            }

            problems.Add(new Engine.Problems.Said("{0}「{1}」不是 {2} 之一", what, text, EnumNames.Expected<T>()));
            return null;
        }

        var kind = Read<AdjudicationKind>(2, "kind");
        if (kind is null && r.IsDBNull(2))
        {
            problems.Add(new Engine.Problems.Said("没有裁定的种类"));
        }

        var at = DateTimeOffset.TryParse(r.GetString(9), CultureInfo.InvariantCulture, DateTimeStyles.None, out var when) ? when : DateTimeOffset.MinValue;
        var decision = new Adjudication
        {
            Sheet = r.GetString(1),
            Kind = kind ?? AdjudicationKind.Box,
            BoxId = r.IsDBNull(3) ? null : r.GetString(3),
            Symbol = Read<MarkSymbol>(4, "symbol"),
            WriteInName = r.IsDBNull(5) ? null : r.GetString(5),
            SheetDecision = Read<SheetDecision>(6, "sheet decision"),
            Scrutineer = r.GetString(7),
            Reason = r.GetString(8),
            At = at,
        };
        return new StoredDecision(r.GetInt64(0), decision, r.GetInt32(10) == 1, confirmations, problems.Count == 0 ? null : new Engine.Problems.Said("{0}", problems));
    }

    /// <summary>Whether a file with this SHA-256 was taken in.</summary>
    public bool HasFile(string sha256)
    {
        using var c = Database.Open();
        return Scalar(c, null, "SELECT COUNT(*) FROM files WHERE sha256 = @sha", ("sha", sha256)) is { } n && Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public byte[]? FileBytes(string sha256)
    {
        using var c = Database.Open();
        return Scalar(c, null, "SELECT bytes FROM files WHERE sha256 = @sha", ("sha", sha256)) as byte[];
    }

    public void AddSpotCheck(string seed, SpotCheckEntry entry, string auditor, AuditRow? audit = null) => Write((c, t) =>
    {
        Execute(c, t, "INSERT INTO spot_checks (seed, draw_order, sheet_id, finding, note, audited_marks, auditor, at, image_matches_paper) VALUES (@seed, @order, @sheet, @finding, @note, @marks, @who, @at, @matches)",
            ("seed", seed), ("order", entry.Order), ("sheet", entry.Sheet), ("finding", entry.Finding.ToString()), ("note", entry.Note), ("marks", entry.AuditedMarks), ("who", auditor), ("at", Now()),
            ("matches", entry.ImageMatchesPaper is { } m ? (m ? 1 : 0) : null));
        return true;
    }, audit);

    /// <summary>The latest finding for each sheet drawn with <paramref name="seed"/>.</summary>
    public Dictionary<string, (SpotCheckEntry Entry, string Auditor, string At)> SpotChecks(string seed)
    {
        using var c = Database.Open();
        return Query(c, "SELECT draw_order, sheet_id, finding, note, audited_marks, auditor, at, image_matches_paper FROM spot_checks WHERE seed = @seed ORDER BY id",
                r => (Entry: new SpotCheckEntry(r.GetInt32(0), r.GetString(1), string.Empty, (EnumNames.TryParse<SpotCheckFinding>(r.GetString(2), out var finding) ? finding : SpotCheckFinding.Open), r.GetString(3), r.GetString(4), r.IsDBNull(7) ? null : r.GetInt32(7) == 1), Auditor: r.GetString(5), At: r.GetString(6)), ("seed", seed))
            .GroupBy(x => x.Entry.Sheet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    /// <summary>Records a hand tally, and its audit row when given, in one transaction.</summary>
    public void AddHandTally(string enteredBy, string csv, AuditRow? audit = null) =>
        Write((c, t) => Execute(c, t, "INSERT INTO hand_tallies (entered_by, at, csv) VALUES (@by, @at, @csv)", ("by", enteredBy), ("at", Now()), ("csv", csv)) == 1, audit);

    /// <summary>Every hand tally entered, the latest first (each stays on record).</summary>
    public List<StoredHandTally> HandTallies()
    {
        using var c = Database.Open();
        return Query(c, "SELECT id, entered_by, at, csv FROM hand_tallies ORDER BY id DESC", r => new StoredHandTally(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)));
    }

    /// <summary>Longest name and detail an audit row keeps (longer ones are cut, marked with "…"): no request can make the log heavy.</summary>
    public const int MaxAuditActor = 64;

    public const int MaxAuditDetail = 900;

    /// <summary>Writes an audit row on its own (for an event with nothing else to record).</summary>
    public void Audit(AuditRow row)
    {
        using var c = Database.Open();
        AuditIn(c, null, row);
    }

    /// <summary>Writes an audit row on <paramref name="c"/>, inside the caller's transaction when given (null rows are skipped).</summary>
    internal static void AuditIn(DbConnection c, DbTransaction? t, AuditRow? row)
    {
        if (row is null)
        {
            return;
        }

        Execute(c, t, "INSERT INTO audit_log (at, actor, action, detail) VALUES (@at, @actor, @action, @detail)",
            ("at", Now()), ("actor", Cut(row.Actor, MaxAuditActor)), ("action", AuditEvents.Code(row.Event)), ("detail", Cut(row.Detail, MaxAuditDetail)));
    }

    /// <summary>Text cut to <paramref name="max"/> characters, control characters replaced.</summary>
    public static string Cut(string? text, int max)
    {
        var clean = string.Concat((text ?? string.Empty).Select(ch => char.IsControl(ch) ? ' ' : ch));
        return clean.Length <= max ? clean : clean[..(max - 1)] + "…";
    }

    /// <summary>Up to <paramref name="limit"/> audit rows, the latest first, older than row <paramref name="before"/> when given.</summary>
    public List<AuditEntry> AuditLog(int limit, long? before = null)
    {
        using var c = Database.Open();
        return Query(c, $"SELECT id, at, actor, action, detail FROM audit_log WHERE id < @before ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 1000).ToString(CultureInfo.InvariantCulture)}",
            r => new AuditEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), ("before", before ?? long.MaxValue));
    }

    /// <summary>Changes whenever anything that goes into the count changes: a cache of the count is keyed by it.</summary>
    public string CountVersion()
    {
        using var c = Database.Open();
        return string.Join('/', Query(c,
            "SELECT (SELECT COUNT(*) FROM sheets), (SELECT COALESCE(MAX(id), 0) FROM decisions), (SELECT COALESCE(MAX(id), 0) FROM confirmations), (SELECT COALESCE(MAX(id), 0) FROM hand_tallies), (SELECT COALESCE(MAX(id), 0) FROM batch_issued), (SELECT COUNT(*) FROM meta WHERE key = 'official')",
            r => $"{r.GetInt64(0)}/{r.GetInt64(1)}/{r.GetInt64(2)}/{r.GetInt64(3)}/{r.GetInt64(4)}/{r.GetInt64(5)}").Single());
    }

    public IntakeProgress Progress()
    {
        using var c = Database.Open();
        return Query(c,
            "SELECT (SELECT COUNT(*) FROM files), (SELECT COUNT(*) FROM files WHERE status = 'queued'), (SELECT COUNT(*) FROM sheets), " +
            "(SELECT COUNT(*) FROM sheets WHERE accepted = 1), (SELECT COUNT(*) FROM sheets WHERE accepted = 0), " +
            "(SELECT COUNT(*) FROM sheets WHERE needs_review = 1), (SELECT COUNT(*) FROM sheets WHERE rescan_of IS NOT NULL)",
            r => new IntakeProgress(Count(r, 0), Count(r, 1), Count(r, 2), Count(r, 3), Count(r, 4), Count(r, 5), Count(r, 6))).Single();

        static int Count(DbDataReader r, int i) => checked((int)r.GetInt64(i));
    }
}
