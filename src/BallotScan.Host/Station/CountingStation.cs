using BallotScan.Engine.Problems;
using System.Globalization;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>
/// One election's count at one venue (计票现场): its rounds, the first and each 另行选举 after it, each composed of its tasks
/// (intake and batches, reading, review and confirmations, the hand tally, the results, accounts and the audit). The station
/// counts the last round; the earlier ones stay open to read, official and unchanged. Each task owns its store access and
/// writes its audit row in the same transaction; pages and API calls go through the task they serve.
/// </summary>
internal sealed class CountingStation : IDisposable
{
    private readonly Lock _gate = new();
    private volatile StationRound[] _rounds;

    private CountingStation(StationOptions options, StationRound first)
    {
        Options = options;
        _rounds = [first];
    }

    /// <summary>The station's options (its data folder is the first round's).</summary>
    public StationOptions Options { get; }

    /// <summary>The round being counted: the last one started.</summary>
    public StationRound Round => _rounds[^1];

    /// <summary>Every round in order, the first first; all but the last are official.</summary>
    public IReadOnlyList<StationRound> Rounds => _rounds;

    public ElectionDefinition Definition => Round.Context.Definition;

    public BallotLayout Layout => Round.Context.Layout;

    /// <summary>Where the count is kept ("SQLite /…/station.db", or the PostgreSQL server).</summary>
    public string StorageDescription => Round.Context.Store.Database.Description;

    /// <summary>Where the count is kept, in words for the page's header: this machine's data file, or the shared database.</summary>
    public (bool Shared, string Location) Storage => (Round.Context.Store.Database.Dialect == Dialect.Postgres, Round.Context.Store.Database.Location);

    /// <summary>The store itself: for the tests' set-up and checks only; the station's own code reaches it through its tasks.</summary>
    internal StationStore Store => Round.Context.Store;

    public StationIntake Intake => Round.Intake;

    public StationReading Reading => Round.Reading;

    public StationReview Review => Round.Review;

    public StationHandTally HandTally => Round.HandTally;

    public StationResults Results => Round.Results;

    public StationAccounts Accounts => Round.Accounts;

    public StationAudit Audit => Round.Audit;

    /// <summary>
    /// Whether an earlier round of this station took in these bytes: the scanner's folder still holds the first round's
    /// files when the 另行选举 is counted, and they stay the first round's (a file given by hand is still taken in, and set aside
    /// as another election's).
    /// </summary>
    public bool TakenInByEarlierRound(byte[] bytes)
    {
        var rounds = _rounds;
        if (rounds.Length == 1)
        {
            return false;
        }

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return rounds[..^1].Any(r => r.Context.Store.HasFile(sha));
    }

    /// <summary>The folder a 另行选举 of this station is kept in: <c>round-N</c> in the data folder.</summary>
    public static string RoundFolder(StationOptions options, int round) => Path.Combine(options.DataFolder, $"round-{round.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Opens the count in the data folder or database, creating or upgrading its schema. The first time, the election
    /// definition is stored in it; afterwards a different definition is refused (one count, one election).
    /// </summary>
    public static CountingStation Open(StationOptions options)
    {
        var station = new CountingStation(options, OpenRound(options, null, () => []));
        try
        {
            for (var n = 2; Directory.Exists(RoundFolder(options, n)); n++)
            {
                station.Add(OpenRound(RoundOptions(options, n), null, station.EarlierThan(station._rounds.Length)));
            }

            return station;
        }
        catch
        {
            station.Dispose();
            throw;
        }
    }

    /// <summary>A 另行选举's count: SQLite in its own folder in the data folder; nothing else differs.</summary>
    private static StationOptions RoundOptions(StationOptions options, int round) => options with { DataFolder = RoundFolder(options, round), Postgres = null, DefinitionFile = null };

    /// <summary>What the rounds before round <paramref name="index"/> (counting from 0) elected, asked when a report is made.</summary>
    private Func<IReadOnlyList<RoundOutcome>> EarlierThan(int index) => () => [.. _rounds.Take(index).Select(r => r.Results.Outcome())];

    private void Add(StationRound round)
    {
        lock (_gate)
        {
            _rounds = [.. _rounds, round];
        }
    }

    private static StationRound OpenRound(StationOptions options, string? definitionText, Func<IReadOnlyList<RoundOutcome>> earlierRounds)
    {
        var database = options.Postgres is { Length: > 0 } pg ? StationDatabase.Postgres(pg) : StationDatabase.Sqlite(Path.Combine(options.DataFolder, "station.db"));
        try
        {
            database.Migrate();
            var store = new StationStore(database);
            var given = definitionText ?? (options.DefinitionFile is null ? null : System.IO.File.ReadAllText(options.DefinitionFile));
            var stored = store.Meta("definition");
            if (given is not null)
            {
                var definition = ElectionJson.Parse(given);
                var problems = ElectionValidator.Validate(definition).Where(p => p.Severity == ProblemSeverity.Error).ToList();
                if (problems.Count > 0)
                {
                    var file = options.DefinitionFile ?? "election.json";
                    throw new StationException(new Said("{0}：{1}", file, problems));
                }

                stored = store.MetaOnce("definition", given);
                var storedDefinition = ElectionJson.Parse(stored);
                if (storedDefinition.Id != definition.Id || stored != given)
                {
                    throw new StationException(new Said("本次计票已保存选举「{0}」（{1}），与 {2} 不同：新的选举请用它自己的数据文件夹或数据库。", storedDefinition.Title, storedDefinition.Id, (object?)options.DefinitionFile ?? new Said("所给的定义")));
                }
            }

            if (stored is null)
            {
                throw new StationException(new Said("本次计票还没有选举：第一次启动时用 --election <选举定义.json> 给出选举定义。"));
            }

            return new StationRound(new StationContext(options, store, ElectionJson.Parse(stored), stored), earlierRounds);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes an archived count into an empty station, for spot-checks months later: the definition, every image as archived,
    /// every reading exactly as it was hashed, and every decision (already in effect when the count was certified).
    /// </summary>
    public static CountingStation Import(StationOptions options, ArchivedCount archive, string user)
    {
        var station = new CountingStation(options, OpenRound(options with { DefinitionFile = null }, archive.DefinitionJson, () => []));
        try
        {
            if (station.Round.Context.Store.Progress().Files > 0)
            {
                throw new StationException(new Said("这个计票站已有选票：请把档案导入一个新的数据文件夹或数据库。"));
            }

            var pagesOf = archive.Sheets.ToLookup(s => s.Entry.ImageSha256, StringComparer.Ordinal);
            foreach (var (first, image) in archive.Images(pagesOf.Select(g => g.First())))
            {
                var (file, _) = station.Round.Context.Store.AddFile(image, Path.GetExtension(first.Entry.Image), "archive", Path.GetFileName(first.Reading.Source ?? first.Entry.Image), user);
                station.Round.Context.Store.SaveReading(file.Id, pagesOf[first.Entry.ImageSha256].Select(s => (new StoredSheet(0, s.Reading.SheetId, file.Id, s.Reading.SourcePage, s.InterpretationJson, s.Reading.Accepted, s.Reading.NeedsReview, null), (string?)null)));
            }

            foreach (var d in archive.Decisions)
            {
                station.Round.Context.Store.AddDecision(d, needsConfirmation: false);
            }

            // The meeting's figures the count was certified with (应到, 实到, 发出, 收回): the seat rules and validity checks need them.
            var f = archive.Figures;
            var figures = new (LineKind Kind, int? Value)[] { (LineKind.Due, f.Due), (LineKind.Present, f.Present), (LineKind.Issued, f.Issued), (LineKind.Returned, f.Returned) }
                .Where(x => x.Value is not null).Select(x => new TallyLine(x.Kind, null, null, x.Value!.Value)).ToList();
            if (figures.Count > 0)
            {
                station.Round.Context.Store.AddHandTally(user, Engine.Reconciliation.HandTally.ToCsv(figures, station.Definition));
            }

            station.Round.Context.Store.MetaOnce("archive-root", archive.Manifest.MerkleRoot);
            station.Round.Context.Store.Audit(AuditFacts.Row(user, AuditEvent.ArchiveImport, new ArchiveTakenIn(Path.GetFileName(archive.Path), archive.Sheets.Count, archive.Decisions.Count, archive.Manifest.MerkleRoot)));
            return station;
        }
        catch
        {
            station.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts the 另行选举 the official result calls for, at this station: its definition drawn as on the results page (who
    /// stands: <paramref name="stand"/> among those tied, as the meeting decided), its count opened in <c>round-N</c> in the
    /// data folder with the station's accounts and open sessions carried over, and counted from then on. The round before
    /// stays open to read. A crash while it is being made leaves no round: it is made aside and then put in place.
    /// </summary>
    /// <exception cref="StationException">Not official yet, no 另行选举 to hold, or a PostgreSQL count (words in both languages).</exception>
    public StationRound StartNextRound(string chief, IReadOnlyCollection<string>? stand)
    {
        lock (_gate)
        {
            var current = Round;
            if (Options.Postgres is { Length: > 0 })
            {
                throw new StationException(new Said("使用 PostgreSQL 的计票站不在本站开始另行选举：请下载另行选举的选举定义，用新的数据库启动计票站（--election 该定义）。"));
            }

            var (next, problems) = current.Results.NextRound(stand);
            if (next is null)
            {
                throw new StationException(new Said("{0}", problems));
            }

            var number = next.Definition.RoundNumber ?? _rounds.Length + 1;
            var options = RoundOptions(Options, number);
            var making = options.DataFolder + ".partial";
            if (Directory.Exists(making))
            {
                // Left by a crash while a round was being made: it never opened as a round.
                Directory.Delete(making, recursive: true);
            }

            Directory.CreateDirectory(making);
            using (var made = OpenRound(options with { DataFolder = making }, ElectionJson.Serialize(next.Definition), () => []))
            {
                current.Context.Store.Accounts.CarryInto(made.Context.Store.Accounts, AuditFacts.Row(chief, AuditEvent.RoundStarted,
                    new RoundStarted(next.Definition.Id, number, current.Context.Definition.Id, current.Results.Outcome().ArchiveRoot ?? string.Empty)));
            }

            Directory.Move(making, options.DataFolder);
            current.Results.DrawNextRound(chief, stand, out _);
            var round = OpenRound(options, null, EarlierThan(_rounds.Length));
            _rounds = [.. _rounds, round];
            return round;
        }
    }

    public void Dispose()
    {
        foreach (var round in _rounds)
        {
            round.Dispose();
        }
    }
}
