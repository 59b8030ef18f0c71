using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station;

/// <summary>
/// One count at one venue (计票现场), composed of its tasks: intake and batches, reading, review and confirmations, the hand
/// tally, the results, accounts and the audit. Each task owns its store access and writes its audit row in the same
/// transaction; pages and API calls go through the task they serve.
/// </summary>
internal sealed class CountingStation : IDisposable
{
    private readonly StationContext _context;

    private CountingStation(StationContext context)
    {
        _context = context;
        Intake = new StationIntake(context);
        Reading = new StationReading(context);
        HandTally = new StationHandTally(context);
        Results = new StationResults(context, HandTally);
        Review = new StationReview(context, Reading, Results);
        Accounts = new StationAccounts(context);
        Audit = new StationAudit(context);
    }

    public StationOptions Options => _context.Options;

    public ElectionDefinition Definition => _context.Definition;

    public BallotLayout Layout => _context.Layout;

    /// <summary>Where the count is kept ("SQLite /…/station.db", or the PostgreSQL server).</summary>
    public string StorageDescription => _context.Store.Database.Description;

    /// <summary>The store itself: for the tests' set-up and checks only; the station's own code reaches it through its tasks.</summary>
    internal StationStore Store => _context.Store;

    public StationIntake Intake { get; }

    public StationReading Reading { get; }

    public StationReview Review { get; }

    public StationHandTally HandTally { get; }

    public StationResults Results { get; }

    public StationAccounts Accounts { get; }

    public StationAudit Audit { get; }

    /// <summary>
    /// Opens the count in the data folder or database, creating or upgrading its schema. The first time, the election
    /// definition is stored in it; afterwards a different definition is refused (one count, one election).
    /// </summary>
    public static CountingStation Open(StationOptions options) => Open(options, null);

    private static CountingStation Open(StationOptions options, string? definitionText)
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
                    throw new StationException($"{file}：{string.Join("；", problems.Select(p => ProblemWords.Say(StationContext.Chinese, p)))} / {file}: {string.Join("; ", problems.Select(p => ProblemWords.Say(StationContext.English, p)))}");
                }

                stored = store.MetaOnce("definition", given);
                var storedDefinition = ElectionJson.Parse(stored);
                if (storedDefinition.Id != definition.Id || stored != given)
                {
                    throw new StationException($"本次计票已保存选举「{storedDefinition.Title}」（{storedDefinition.Id}），与 {options.DefinitionFile ?? "所给的定义"} 不同：新的选举请用它自己的数据文件夹或数据库。 / This count already holds election '{storedDefinition.Id}' ({storedDefinition.Title}) with another definition than {options.DefinitionFile ?? "the one given"}: start the new election with its own data folder or database.");
                }
            }

            if (stored is null)
            {
                throw new StationException("本次计票还没有选举：第一次启动时用 --election <选举定义.json> 给出选举定义。 / This count has no election yet: give the definition with --election <file.json> the first time.");
            }

            return new CountingStation(new StationContext(options, store, ElectionJson.Parse(stored), stored));
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
        var station = Open(options with { DefinitionFile = null }, archive.DefinitionJson);
        try
        {
            if (station._context.Store.Progress().Files > 0)
            {
                throw new StationException("这个计票站已有选票：请把档案导入一个新的数据文件夹或数据库。 / This station already holds sheets: import an archive into a new data folder or database.");
            }

            var pagesOf = archive.Sheets.ToLookup(s => s.Entry.ImageSha256, StringComparer.Ordinal);
            foreach (var (first, image) in archive.Images(pagesOf.Select(g => g.First())))
            {
                var (file, _) = station._context.Store.AddFile(image, Path.GetExtension(first.Entry.Image), "archive", Path.GetFileName(first.Reading.Source ?? first.Entry.Image), user);
                station._context.Store.SaveReading(file.Id, pagesOf[first.Entry.ImageSha256].Select(s => (new StoredSheet(0, s.Reading.SheetId, file.Id, s.Reading.SourcePage, s.InterpretationJson, s.Reading.Accepted, s.Reading.NeedsReview, null), (string?)null)));
            }

            foreach (var d in archive.Decisions)
            {
                station._context.Store.AddDecision(d, needsConfirmation: false);
            }

            // The meeting's figures the count was certified with (应到, 实到, 发出, 收回): the seat rules and validity checks need them.
            var f = archive.Figures;
            var figures = new (LineKind Kind, int? Value)[] { (LineKind.Due, f.Due), (LineKind.Present, f.Present), (LineKind.Issued, f.Issued), (LineKind.Returned, f.Returned) }
                .Where(x => x.Value is not null).Select(x => new TallyLine(x.Kind, null, null, x.Value!.Value)).ToList();
            if (figures.Count > 0)
            {
                station._context.Store.AddHandTally(user, Engine.Reconciliation.HandTally.ToCsv(figures, station.Definition));
            }

            station._context.Store.MetaOnce("archive-root", archive.Manifest.MerkleRoot);
            station._context.Store.Audit(AuditFacts.Row(user, AuditEvent.ArchiveImport, new ArchiveTakenIn(Path.GetFileName(archive.Path), archive.Sheets.Count, archive.Decisions.Count, archive.Manifest.MerkleRoot)));
            return station;
        }
        catch
        {
            station.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Intake.Dispose();
        _context.Store.Database.Dispose();
    }
}
