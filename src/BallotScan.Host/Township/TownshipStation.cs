using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Township;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;
using static BallotScan.Host.Station.Storage.StationDatabase;

namespace BallotScan.Host.Township;

/// <summary>Where the township station keeps its data: a folder (SQLite and the archives taken), or PostgreSQL for a county's several townships.</summary>
internal sealed record TownshipOptions
{
    public required string DataFolder { get; init; }

    /// <summary>A PostgreSQL connection string; null: SQLite in the data folder.</summary>
    public string? Postgres { get; init; }

    /// <summary>How many archives are verified at once (each holds one count's readings in memory while it is checked).</summary>
    public int Parallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
}

/// <summary>What became of one archive offered to the township.</summary>
internal enum ImportOutcome
{
    /// <summary>Verified and taken (收入).</summary>
    Taken,

    /// <summary>Verified and taken in place of an earlier count of the same election (a recount); both stay in the log.</summary>
    Replaced,

    /// <summary>The same count was taken before (the same file, or the same Merkle root): taken once.</summary>
    AlreadyTaken,

    /// <summary>Not taken: it does not verify, or is no count's archive.</summary>
    Refused,
}

/// <summary>One archive offered: what became of it, what it reports, the earlier count it replaced, or why it was refused.</summary>
internal sealed record ImportResult(string File, ImportOutcome Outcome, ElectionReturn? Return, string? ReplacedRoot, TownshipArchiveRefused? Refusal)
{
    /// <summary>What became of the archive, in words (the command line and the archives page say the same).</summary>
    public string Say(Lang lang) => Outcome switch
    {
        ImportOutcome.Taken => lang.T("{0}：已收入（{1}{2}，第 {3} 轮）", File, Return!.Place.Township, Return.Place.Village, Return.Round),
        ImportOutcome.Replaced => lang.T("{0}：{1}{2} 的重新计票，取代此前的计票（Merkle 根 {3}）", File, Return!.Place.Township, Return.Place.Village, ReplacedRoot ?? string.Empty),
        ImportOutcome.AlreadyTaken => lang.T("{0}：此前已收入", File),
        _ => lang.T("未收入 {0}（{1}）：{2}", File, Refusal?.Village ?? lang.T("村名不可读"), Refusal is { } f ? Words.ArchiveRefusal(lang, f.Problems, f.Kind, f.Entry, f.RootDiffers) : string.Empty),
    };
}

/// <summary>One archive the township holds, taken in order, with the count it reports; <see cref="Current"/> is false once a recount replaced it.</summary>
internal sealed record TakenArchive(long Id, string Sha256, string MerkleRoot, ElectionReturn Return, string OriginalName, string Channel, string TakenBy, string TakenAt, bool Current);

/// <summary>An archive row whose stored return cannot be read (a row edited by hand): named by what is stored beside it.</summary>
internal sealed record UnreadableArchive(long Id, string ElectionId, VillageKey Place, string OriginalName, string TakenAt, bool Current);

/// <summary>Every archive row as read: the archives taken, and the rows that cannot be read.</summary>
internal sealed record ArchiveLedger(IReadOnlyList<TakenArchive> Taken, IReadOnlyList<UnreadableArchive> Unreadable)
{
    /// <summary>The returns that count: each election round's latest count, where it can be read.</summary>
    public IReadOnlyList<ElectionReturn> Returns => [.. Taken.Where(a => a.Current).Select(a => a.Return)];

    /// <summary>When each village's latest archive was taken (verified), by village.</summary>
    public IReadOnlyDictionary<VillageKey, string> LastTaken =>
        Taken.GroupBy(a => a.Return.Place).ToDictionary(g => g.Key, g => g.Select(a => a.TakenAt).Max(StringComparer.Ordinal)!);
}

/// <summary>
/// The township station (乡镇换届工作站): every village's archived counts in one place. An archive is taken only when it
/// verifies (every hash, the Merkle root, and the count again from its readings and decisions); the same count twice is taken
/// once; a newer count of an election replaces the older, both kept. Each action writes its audit row in its own transaction.
/// Results are stored; the images stay in the archive, kept in the data folder under its SHA-256.
/// </summary>
internal sealed class TownshipStation : IDisposable
{
    private TownshipStation(TownshipOptions options, StationDatabase database)
    {
        Options = options;
        Store = new StationStore(database);
        ArchiveFolder = Directory.CreateDirectory(Path.Combine(options.DataFolder, "archives")).FullName;
    }

    public TownshipOptions Options { get; }

    /// <summary>The database (its accounts and log kept as the counting station keeps them).</summary>
    public StationStore Store { get; }

    /// <summary>Where the archives taken are kept, each as &lt;SHA-256&gt;.zip.</summary>
    public string ArchiveFolder { get; }

    public string StorageDescription => Store.Database.Description;

    public static TownshipStation Open(TownshipOptions options) => new(options, OpenDatabase(options));

    /// <summary>The township's database, migrated: PostgreSQL when given, else township.db in the data folder (its accounts for `township user`).</summary>
    public static StationDatabase OpenDatabase(TownshipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataFolder);
        var database = options.Postgres is { Length: > 0 } connection
            ? StationDatabase.Postgres(connection, DatabaseSchema.Township)
            : StationDatabase.Sqlite(Path.Combine(options.DataFolder, "township.db"), DatabaseSchema.Township);
        database.Migrate();
        return database;
    }

    /// <summary>
    /// Offers every file of <paramref name="files"/>, <see cref="TownshipOptions.Parallelism"/> at a time; <paramref name="done"/>
    /// hears how many are through. Results come back in the files' order. A file already taken is known by its hash before
    /// anything is verified again, so an import begun again after a crash goes quickly through what it had taken.
    /// </summary>
    public IReadOnlyList<ImportResult> ImportAll(IReadOnlyList<string> files, string actor, string channel, IProgress<int>? done = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new ImportResult[files.Count];
        var through = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism }, i =>
        {
            results[i] = Import(files[i], actor, channel);
            done?.Report(Interlocked.Increment(ref through));
        });
        return results;
    }

    /// <summary>Offers one archive (verified against <paramref name="expectedRoot"/> too, the root typed from its paper report, when given).</summary>
    public ImportResult Import(string file, string actor, string channel, string? expectedRoot = null)
    {
        var name = Path.GetFileName(file);
        string sha;
        try
        {
            using (var stream = File.OpenRead(file))
            {
                sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse(name, null, 0, null, name, actor);
        }

        if (TakenFile(sha))
        {
            return new ImportResult(name, ImportOutcome.AlreadyTaken, null, null, null);
        }

        ArchiveVerification check;
        try
        {
            check = ArchiveVerifier.Verify(file, expectedRoot);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Refuse(name, ClaimedVillage(file), 0, null, name, actor);
        }

        if (!check.Passed || check.Count is not { } count)
        {
            // Every hash held but the root is not the one typed from the paper report: another count of the election.
            var first = check.Problems.Count > 0 ? check.Problems[0] : null;
            return first is null && check.Manifest is not null
                ? Refuse(name, ClaimedVillage(file), 0, null, "manifest.json", actor, rootDiffers: true)
                : Refuse(name, ClaimedVillage(file), Math.Max(1, check.Problems.Count), first?.Kind, first?.Entry ?? "manifest.json", actor);
        }

        var taken = ElectionReturn.Of(count);
        // The file first, under its hash (written beside and moved: a crash leaves no half file under that name), then its row.
        var kept = Path.Combine(ArchiveFolder, $"{sha}.zip");
        if (!File.Exists(kept))
        {
            var part = $"{kept}.{Environment.CurrentManagedThreadId}.part";
            File.Copy(file, part, overwrite: true);
            File.Move(part, kept, overwrite: true);
        }

        // One transaction: the row and its audit row (naming the count it replaces, if any), or neither.
        string? replaced;
        ImportOutcome outcome;
        using (var c = Store.Database.Open())
        using (var t = c.BeginTransaction())
        {
            replaced = Scalar(c, t, "SELECT merkle_root FROM archives WHERE election_id = @e ORDER BY id DESC LIMIT 1", ("e", taken.ElectionId)) as string;
            var inserted = Execute(c, t, "INSERT INTO archives (sha256, merkle_root, election_id, first_round, round, township, village, election_return, original_name, channel, taken_by, taken_at) " +
                "VALUES (@sha, @root, @e, @first, @round, @township, @village, @json, @name, @channel, @by, @at) ON CONFLICT DO NOTHING",
                ("sha", sha), ("root", taken.ArchiveRoot), ("e", taken.ElectionId), ("first", taken.FirstRound), ("round", taken.Round), ("township", taken.Place.Township),
                ("village", taken.Place.Village), ("json", taken.ToJson()), ("name", name), ("channel", channel), ("by", actor), ("at", Now())) == 1;
            outcome = !inserted ? ImportOutcome.AlreadyTaken : replaced is null ? ImportOutcome.Taken : ImportOutcome.Replaced;
            if (inserted)
            {
                StationStore.AuditIn(c, t, AuditFacts.Row(actor, AuditEvent.TownshipArchiveTaken,
                    new TownshipArchiveTaken(name, taken.Place.Township, taken.Place.Village, taken.ElectionId, taken.Round, taken.ArchiveRoot, replaced)));
            }

            t.Commit();
        }

        return new ImportResult(name, outcome, taken, outcome == ImportOutcome.Replaced ? replaced : null, null);
    }

    private ImportResult Refuse(string file, string? village, int problems, ArchiveProblemKind? kind, string entry, string actor, bool rootDiffers = false)
    {
        var refusal = new TownshipArchiveRefused(file, village, problems, kind, entry) { RootDiffers = rootDiffers };
        Store.Audit(AuditFacts.Row(actor, AuditEvent.TownshipArchiveRefused, refusal));
        return new ImportResult(file, ImportOutcome.Refused, null, null, refusal);
    }

    /// <summary>The village an archive says it is from (its definition, read without trusting it: only to name it in a refusal).</summary>
    private static string? ClaimedVillage(string file)
    {
        try
        {
            using var zip = ZipFile.OpenRead(file);
            var definition = ElectionJson.Parse(Encoding.UTF8.GetString(ArchiveVerifier.ReadEntry(zip, "definition.json")));
            return $"{definition.Place.Township}{definition.Place.Village}{definition.Title}".Trim() is { Length: > 0 } named ? named : definition.Id;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ElectionDefinitionException or System.Text.Json.JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the archive file of SHA-256 <paramref name="sha"/> was taken before.</summary>
    private bool TakenFile(string sha)
    {
        using var c = Store.Database.Open();
        return Scalar(c, null, "SELECT 1 FROM archives WHERE sha256 = @v", ("v", sha)) is not null;
    }

    /// <summary>
    /// Every archive row, in the order taken: each election's latest is current (by the election's id stored beside the
    /// return). A row whose stored return cannot be read (edited by hand) is listed apart and counts in no figure; if it was
    /// an election's latest, that election has no current return (an earlier count does not come back in its place).
    /// </summary>
    public ArchiveLedger Ledger()
    {
        using var c = Store.Database.Open();
        var rows = Query(c, "SELECT id, sha256, merkle_root, election_return, original_name, channel, taken_by, taken_at, election_id, township, village FROM archives ORDER BY id",
            r => (Id: r.GetInt64(0), Sha: r.GetString(1), Root: r.GetString(2), Json: r.GetString(3), Name: r.GetString(4), Channel: r.GetString(5), By: r.GetString(6), At: r.GetString(7),
                Election: r.GetString(8), Place: new VillageKey(r.GetString(9), r.GetString(10))));
        var latest = rows.GroupBy(r => r.Election, StringComparer.Ordinal).Select(g => g.Max(r => r.Id)).ToHashSet();
        var taken = new List<TakenArchive>();
        var unreadable = new List<UnreadableArchive>();
        foreach (var row in rows)
        {
            if (ElectionReturn.TryFromJson(row.Json) is { } read)
            {
                taken.Add(new TakenArchive(row.Id, row.Sha, row.Root, read, row.Name, row.Channel, row.By, row.At, latest.Contains(row.Id)));
            }
            else
            {
                unreadable.Add(new UnreadableArchive(row.Id, row.Election, row.Place, row.Name, row.At, latest.Contains(row.Id)));
            }
        }

        return new ArchiveLedger(taken, unreadable);
    }

    /// <summary>Every archive taken whose return can be read, in the order taken.</summary>
    public IReadOnlyList<TakenArchive> Archives() => Ledger().Taken;

    /// <summary>The returns that count: each election round's latest count.</summary>
    public IReadOnlyList<ElectionReturn> Returns() => Ledger().Returns;

    /// <summary>Records the 书记 a village's new party committee elected (the latest entry counts; every one stays in the log).</summary>
    public void EnterSecretary(VillageKey place, string name, string actor)
    {
        ArgumentNullException.ThrowIfNull(place);
        var normal = PersonName.Normalise(name) ?? throw new ArgumentException("no name", nameof(name));
        Store.Write((c, t) => Execute(c, t, "INSERT INTO secretaries (township, village, name, entered_by, at) VALUES (@t, @v, @n, @by, @at)",
            ("t", place.Township), ("v", place.Village), ("n", normal), ("by", actor), ("at", Now())) == 1,
            AuditFacts.Row(actor, AuditEvent.SecretaryEntered, new SecretaryEntered(place.Township, place.Village, normal)));
    }

    public IReadOnlyList<SecretaryEntry> Secretaries()
    {
        using var c = Store.Database.Open();
        return Query(c, "SELECT township, village, name FROM secretaries ORDER BY id", r => new SecretaryEntry(new VillageKey(r.GetString(0), r.GetString(1)), r.GetString(2)));
    }

    /// <summary>Records the day a step of a village's 换届 was done (the latest entry of a step counts; every one stays in the log).</summary>
    public void EnterProgress(VillageKey place, ProgressStep step, DateOnly day, string actor)
    {
        ArgumentNullException.ThrowIfNull(place);
        var text = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Store.Write((c, t) => Execute(c, t, "INSERT INTO progress (township, village, step, day, entered_by, at) VALUES (@t, @v, @s, @d, @by, @at)",
            ("t", place.Township), ("v", place.Village), ("s", EnumNames.Name(step)), ("d", text), ("by", actor), ("at", Now())) == 1,
            AuditFacts.Row(actor, AuditEvent.ProgressEntered, new ProgressEntered(place.Township, place.Village, step, text)));
    }

    /// <summary>The steps recorded, in order; a row whose step is no defined name (edited by hand) is left out.</summary>
    public IReadOnlyList<ProgressEntry> Progress()
    {
        using var c = Store.Database.Open();
        var entries = new List<ProgressEntry>();
        foreach (var (place, step, day) in Query(c, "SELECT township, village, step, day FROM progress ORDER BY id", r => (new VillageKey(r.GetString(0), r.GetString(1)), r.GetString(2), r.GetString(3))))
        {
            if (EnumNames.TryParse<ProgressStep>(step, out var known) && DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var on))
            {
                entries.Add(new ProgressEntry(place, known, on));
            }
        }

        return entries;
    }

    /// <summary>Every village's results and the figures, as they stand.</summary>
    public TownshipReport Report() => Report(Ledger());

    /// <summary>The report of <paramref name="ledger"/> (read once by a page that shows the archives too).</summary>
    public TownshipReport Report(ArchiveLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return TownshipReport.Of(ledger.Returns, Secretaries(), Progress());
    }

    public void Dispose() => Store.Database.Dispose();
}
