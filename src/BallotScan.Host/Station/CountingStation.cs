using System.Text.Json;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Host.Station;

/// <summary>What became of a file taken in.</summary>
/// <param name="OriginalName">The name the file came with (shown, never used to store it).</param>
/// <param name="Sha256">The file's SHA-256: its name in the count.</param>
/// <param name="IsNew">False when the same bytes were taken in before (counted once).</param>
/// <param name="Message">For people.</param>
internal sealed record IntakeResult(string OriginalName, string Sha256, bool IsNew, string Message);

/// <summary>The hand tally in effect (if any) and the later ones that cannot be applied, with why.</summary>
internal sealed record HandTallyState(StoredHandTally? InEffect, IReadOnlyList<TallyLine>? Lines, IReadOnlyList<(StoredHandTally Tally, FileProblem Problem)> NotApplied);

/// <summary>Why an entry of the watched folder was not taken in.</summary>
internal enum IntakeProblemKind
{
    /// <summary>A symbolic link: never followed (it could point at anything on this machine).</summary>
    Link,

    /// <summary>Empty, or not a regular file (a FIFO, a device): never opened.</summary>
    EmptyOrNotAFile,

    /// <summary>Larger than a scan can be.</summary>
    TooLarge,

    /// <summary>A name whose bytes are not UTF-8 (e.g. GBK): the file cannot be opened by it.</summary>
    NameNotUtf8,

    /// <summary>The system refused to read it (permissions, a fault).</summary>
    Unreadable,

    /// <summary>Named like a scan, but not an image or a PDF (a document, an archive, a HEIC photo).</summary>
    NotAScan,
}

/// <summary>An entry of the watched folder that was not taken in, for the intake page.</summary>
internal sealed record IntakeProblem(string Name, IntakeProblemKind Kind, string? Detail, DateTimeOffset At);

/// <summary>The count marked official (正式结果) by the chief scrutineer: who and when (UTC).</summary>
internal sealed record OfficialMark(string By, string At);

/// <summary>A decision as the station recorded it.</summary>
internal sealed record DecisionResult(long Id, bool NeedsConfirmation);

/// <summary>
/// One count at one venue (计票现场): the sheets taken in, the machine's readings, the scrutineers' decisions and the hand
/// tally, kept in the database; the count computed from them with the engine's rules. Web pages and API calls go through it.
/// </summary>
internal sealed class CountingStation : IDisposable
{
    private readonly SemaphoreSlim _work = new(0);
    private readonly Lock _readingLock = new();
    private readonly RescanIndex _papers = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IntakeProblem> _intakeProblems = new(StringComparer.Ordinal);
    private long _fingerprintsUpTo;
    private CachedCount? _cache;

    private CountingStation(StationOptions options, StationStore store, ElectionDefinition definition, string definitionJson)
    {
        Options = options;
        Store = store;
        Definition = definition;
        DefinitionJson = definitionJson;
        Layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        Reader = new BallotReader([Layout], MarkClassifier.Shipped);
    }

    public StationOptions Options { get; }

    public StationStore Store { get; }

    public ElectionDefinition Definition { get; }

    public string DefinitionJson { get; }

    public BallotLayout Layout { get; }

    public BallotReader Reader { get; }

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
                    throw new StationException($"{file}：{string.Join("；", problems.Select(p => ProblemWords.Say(Chinese, p)))} / {file}: {string.Join("; ", problems.Select(p => ProblemWords.Say(English, p)))}");
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

            return new CountingStation(options, store, ElectionJson.Parse(stored), stored);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Takes in one image file (any channel). The same bytes twice are one file; a name the client chose is kept only for display.</summary>
    public IntakeResult TakeIn(byte[] bytes, string originalName, string channel, string user)
    {
        var shown = CleanName(originalName);
        if (Official is not null)
        {
            return new IntakeResult(shown, string.Empty, false, IsOfficial);
        }

        if (bytes.Length == 0)
        {
            return new IntakeResult(shown, string.Empty, false, "文件是空的，未收入。 / The file is empty: nothing was taken in.");
        }

        if (bytes.Length > Options.MaxFileBytes)
        {
            return new IntakeResult(shown, string.Empty, false, $"文件超过 {Options.MaxFileBytes / (1024 * 1024)} MB，未收入。 / The file is larger than {Options.MaxFileBytes / (1024 * 1024)} MB: nothing was taken in.");
        }

        // Only images and PDFs are taken in: anything else (a document, an archive, a HEIC photo) is refused here, in words,
        // and never queued. A damaged image is taken in: its reading says what is wrong, and a person sets it aside.
        if (NotAScan(bytes) is { } why)
        {
            return new IntakeResult(shown, string.Empty, false, why);
        }

        var extension = Path.GetExtension(shown).ToLowerInvariant() is { Length: > 1 and <= 6 } e && e.Skip(1).All(char.IsAsciiLetterOrDigit) ? e : ".bin";
        var (file, isNew) = Store.AddFile(bytes, extension, channel, shown, user);
        if (isNew)
        {
            Store.Audit(user, "intake", $"{Words.Channel(Chinese, channel)}：{shown}（{bytes.Length} 字节）SHA-256 {file.Sha256}");
            _work.Release();
        }

        return new IntakeResult(shown, file.Sha256, isNew, isNew
            ? "已收入，正在后台识别。 / Taken in; it is read in the background."
            : $"同一文件之前已收入（{file.OriginalName}，{Shown.Time(file.ReceivedAt)}），只计一次。 / The same file was taken in before ({file.OriginalName}, {file.ReceivedAt}): it is counted once.");
    }

    /// <summary>Why these bytes are not a scan to take in (not an image or a PDF), for the operator; null for an image or a PDF.</summary>
    public static string? NotAScan(byte[] bytes)
    {
        if (Engine.Printing.PdfRasterizer.IsPdf(bytes))
        {
            return null;
        }

        try
        {
            Engine.Imaging.ImageProbe.Read(bytes);
            return null;
        }
        catch (Engine.Imaging.ImageDecodeException e) when (e.Problem is Engine.Imaging.ImageProblem.NotAnImage or Engine.Imaging.ImageProblem.UnsupportedFormat)
        {
            return $"不是扫描图像或 PDF，未收入：请上传扫描件（JPEG、PNG、TIFF、BMP 或 PDF）。 / Not a scan, nothing was taken in: {e.Message}";
        }
        catch (Engine.Imaging.ImageDecodeException)
        {
            return null; // an image, damaged: taken in, its reading says what is wrong
        }
    }

    /// <summary>Entries of the watched folder not taken in, and why, by name (each once; the latest first).</summary>
    public IReadOnlyList<IntakeProblem> IntakeProblems() => [.. _intakeProblems.Values.OrderByDescending(p => p.At)];

    public void ReportIntakeProblem(string name, IntakeProblemKind kind, string? detail)
    {
        var problem = new IntakeProblem(Storage.StationStore.Cut(name, 255), kind, detail is null ? null : Storage.StationStore.Cut(detail, 200), DateTimeOffset.UtcNow);
        if (_intakeProblems.TryGetValue(problem.Name, out var before) && before.Kind == kind)
        {
            return;
        }

        _intakeProblems[problem.Name] = problem;
        Store.Audit("扫描文件夹", "not taken in", $"{problem.Name}：{kind}{(detail is null ? string.Empty : $"（{problem.Detail}）")}");
    }

    public void ClearIntakeProblem(string name) => _intakeProblems.TryRemove(Storage.StationStore.Cut(name, 255), out _);

    /// <summary>A file name as shown and stored: its last part, control characters (NUL included) replaced, at most 255 characters.</summary>
    public static string CleanName(string? name)
    {
        var last = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = Storage.StationStore.Cut(last, 255).Trim();
        return clean.Length == 0 ? "(unnamed)" : clean;
    }

    /// <summary>The count as marked official, or null while it is not.</summary>
    public OfficialMark? Official => Store.Meta("official") is { } json ? ReadOfficial(json) : null;

    /// <summary>The stored official mark; one that cannot be read still freezes the count (it was made official), and says so.</summary>
    private static OfficialMark ReadOfficial(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<OfficialMark>(json, ElectionJson.CompactOptions) ?? new OfficialMark("?", string.Empty);
        }
        catch (JsonException)
        {
            return new OfficialMark("（记录无法读取 / unreadable record）", string.Empty);
        }
    }

    private const string IsOfficial = "计票结果已由总监票人确认为正式结果，不能再更改：如需重新计票，请另开一次计票（新的数据文件夹）。 / The count has been marked official by the chief scrutineer and cannot change: open a new count (a new data folder) to count again.";

    /// <summary>Refuses any change once the count is official.</summary>
    private void EnsureNotOfficial()
    {
        if (Official is not null)
        {
            throw new StationException(IsOfficial);
        }
    }

    /// <summary>
    /// The chief scrutineer (总监票人) marks the count official: only when every file is read, nothing waits for the
    /// scrutineers (no sheet, no confirmation) and the hand count has been entered and agrees with the machine count line by
    /// line. After that nothing changes it; the report says so.
    /// </summary>
    /// <exception cref="StationException">What still stands in the way, all of it.</exception>
    public OfficialMark MarkOfficial(string chief)
    {
        EnsureNotOfficial();
        var count = Count();
        // Each reason in both languages: the refusal says all of them in one language, then all in the other.
        var missing = new List<(string Chinese, string English)>();
        if (Store.Progress().Queued > 0)
        {
            missing.Add(("还有文件没有读完", "files are still being read"));
        }

        if (count.Result.ReviewList.Count > 0)
        {
            missing.Add(($"还有 {count.Result.ReviewList.Count} 张选票待裁定", $"{count.Result.ReviewList.Count} sheet(s) wait for the scrutineers"));
        }

        if (Decisions().Any(d => d.AwaitingConfirmation))
        {
            missing.Add(("还有裁定待第二位监票人复核", "decisions wait for a second scrutineer"));
        }

        if (count.Reconciliation is not { } r)
        {
            missing.Add(("尚未录入手工计票", "no hand tally entered"));
        }
        else if (!r.Agrees)
        {
            missing.Add(($"手工计票与机器计票有 {r.Differences.Count} 行不一致", $"the hand and machine counts differ on {r.Differences.Count} line(s)"));
        }

        if (missing.Count > 0)
        {
            throw new StationException($"还不能确认为正式结果：{string.Join("；", missing.Select(m => m.Chinese))}。 / Not yet official: {string.Join("; ", missing.Select(m => m.English))}.");
        }

        var mark = new OfficialMark(chief, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Store.MetaOnce("official", JsonSerializer.Serialize(mark, ElectionJson.CompactOptions), new StationStore.AuditRow(chief, "count official", $"{chief} 确认计票结果为正式结果"));
        _cache = null;
        return Official!;
    }

    /// <summary>Longest batch name kept.</summary>
    public const int MaxBatchName = 40;

    /// <summary>
    /// Opens a batch (批次: a ballot box such as 中心会场 or 流动票箱1, or a scanner run): every file taken in from now on belongs
    /// to it, at the next place, until it is closed or another is opened. The operator keeps its paper together, in scan order.
    /// </summary>
    /// <exception cref="StationException">No name, or a batch of that name exists.</exception>
    public void OpenBatch(string name, string user)
    {
        EnsureNotOfficial();
        var clean = PersonName.Normalise(Storage.StationStore.Cut(name, MaxBatchName + 1)) ?? string.Empty;
        if (clean.Length is 0 or > MaxBatchName)
        {
            throw new StationException($"批次要有名称（至多 {MaxBatchName} 个字），例如 中心会场、流动票箱1。 / A batch needs a name of at most {MaxBatchName} characters, e.g. 中心会场 or 流动票箱1.");
        }

        if (!Store.OpenBatch(clean, user, new StationStore.AuditRow(user, "batch opened", clean)))
        {
            throw new StationException($"已有名为「{clean}」的批次：换一个名称。 / There is a batch named '{clean}' already: give another name.");
        }
    }

    /// <summary>Closes the open batch (files taken in afterwards belong to none until another is opened).</summary>
    public void CloseBatch(string user)
    {
        Store.CloseBatch(new StationStore.AuditRow(user, "batch closed", string.Empty));
    }

    /// <summary>Records the ballots issued for a batch's box (发出), to be checked against what came back.</summary>
    /// <exception cref="StationException">No such batch, or not a count.</exception>
    public void EnterIssued(long batchId, int issued, string user)
    {
        EnsureNotOfficial();
        var batch = Store.Batches().FirstOrDefault(b => b.Id == batchId) ?? throw new StationException($"没有第 {batchId} 号批次。 / There is no batch #{batchId}.");
        if (issued is < 0 or > 1_000_000)
        {
            throw new StationException("发出票数须是 0 到 1000000 之间的整数。 / Ballots issued is a whole number from 0 to 1,000,000.");
        }

        Store.AddIssued(batchId, issued, user, new StationStore.AuditRow(user, "ballots issued", $"{batch.Name}: {issued}"));
    }

    /// <summary>Waits until a file is taken in or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancel) => _work.WaitAsync(timeout, cancel);

    /// <summary>
    /// Reads a batch of queued files (in parallel), checks each sheet against the papers read before (a different image of the
    /// same paper is flagged <see cref="ReviewReason.PossibleRescan"/>), and records the readings. Returns how many files were read.
    /// </summary>
    public int ReadQueued(int batch = 0)
    {
        var files = Store.QueuedFiles(batch > 0 ? batch : Options.ReadParallelism * 4);
        if (files.Count == 0)
        {
            return 0;
        }

        var readings = new IReadOnlyList<SheetInterpretation>[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.ReadParallelism) }, i =>
            readings[i] = Reader.ReadFile(Store.FileBytes(files[i].Id), files[i].OriginalName));

        lock (_readingLock)
        {
            for (var i = 0; i < files.Count; i++)
            {
                using var shared = Store.ReadingLock();
                LoadFingerprints();
                var pages = new List<(StoredSheet, string?)>();
                foreach (var read in readings[i])
                {
                    // The paper's place: the batch the file was taken in with, and its position there.
                    var reading = read with { Batch = files[i].Batch, BatchPosition = files[i].BatchPosition };
                    var fingerprint = RescanDetector.Of(reading);
                    var rescanOf = fingerprint is null ? null : _papers.Match(fingerprint);
                    var sheet = rescanOf is null ? reading : RescanDetector.Flagged(reading, rescanOf);

                    var json = JsonSerializer.Serialize(sheet, ElectionJson.CompactOptions);
                    pages.Add((new StoredSheet(0, sheet.SheetId, files[i].Id, sheet.SourcePage, json, sheet.Accepted, sheet.NeedsReview, rescanOf),
                        fingerprint is null ? null : JsonSerializer.Serialize(fingerprint, ElectionJson.CompactOptions)));
                }

                Store.SaveReading(files[i].Id, pages);
            }

            LoadFingerprints();
        }

        return files.Count;
    }

    /// <summary>
    /// Adds the fingerprints stored since the last call to the papers a new sheet is compared with. One that cannot be read
    /// (a damaged row) is left out of the comparison and said once in the log: it must not stop every later reading.
    /// </summary>
    private void LoadFingerprints()
    {
        foreach (var (id, json) in Store.Fingerprints(_fingerprintsUpTo))
        {
            _fingerprintsUpTo = id;
            if (ReadFingerprint(json) is { } fingerprint)
            {
                _papers.Add(fingerprint);
            }
            else if (_unreadableFingerprints.Add(id))
            {
                Store.Audit("计票站", "fingerprint unreadable", $"第 {id} 行：{Storage.StationStore.Cut(json, 80)}");
            }
        }
    }

    /// <summary>Row ids of stored fingerprints that could not be read, each said once in the log.</summary>
    private readonly HashSet<long> _unreadableFingerprints = [];

    /// <summary>A stored fingerprint, or null when it is not one (not JSON, null, or without its key or shapes).</summary>
    internal static SheetFingerprint? ReadFingerprint(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SheetFingerprint>(json, ElectionJson.CompactOptions) is { Sheet: not null, Key: not null, Shapes: { } shapes } f
                && shapes.All(s => s is not null && (s.Count == 0 || s.Count == RescanDetector.ShapeFeatures.Count))
                && (f.Centres is null || f.Centres.Count == shapes.Count) ? f : null;
        }
        catch (JsonException)
        {
            return null;
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
            if (station.Store.Progress().Files > 0)
            {
                throw new StationException("这个计票站已有选票：请把档案导入一个新的数据文件夹或数据库。 / This station already holds sheets: import an archive into a new data folder or database.");
            }

            var pagesOf = archive.Sheets.ToLookup(s => s.Entry.ImageSha256, StringComparer.Ordinal);
            foreach (var (first, image) in archive.Images(pagesOf.Select(g => g.First())))
            {
                var (file, _) = station.Store.AddFile(image, Path.GetExtension(first.Entry.Image), "archive", Path.GetFileName(first.Reading.Source ?? first.Entry.Image), user);
                station.Store.SaveReading(file.Id, pagesOf[first.Entry.ImageSha256].Select(s => (new StoredSheet(0, s.Reading.SheetId, file.Id, s.Reading.SourcePage, s.InterpretationJson, s.Reading.Accepted, s.Reading.NeedsReview, null), (string?)null)));
            }

            foreach (var d in archive.Decisions)
            {
                station.Store.AddDecision(d, needsConfirmation: false);
            }

            // The meeting's figures the count was certified with (应到, 实到, 发出, 收回): the seat rules and validity checks need them.
            var f = archive.Figures;
            var figures = new (LineKind Kind, int? Value)[] { (LineKind.Due, f.Due), (LineKind.Present, f.Present), (LineKind.Issued, f.Issued), (LineKind.Returned, f.Returned) }
                .Where(x => x.Value is not null).Select(x => new TallyLine(x.Kind, null, null, x.Value!.Value)).ToList();
            if (figures.Count > 0)
            {
                station.Store.AddHandTally(user, HandTally.ToCsv(figures, station.Definition));
            }

            station.Store.MetaOnce("archive-root", archive.Manifest.MerkleRoot);
            station.Store.Audit(user, "archive import", $"{Path.GetFileName(archive.Path)}: {archive.Sheets.Count} sheet(s), {archive.Decisions.Count} decision(s), Merkle root {archive.Manifest.MerkleRoot}");
            return station;
        }
        catch
        {
            station.Dispose();
            throw;
        }
    }

    /// <summary>Writes the archive of the count as it stands (the same as `./ballotscan archive export` of a count folder).</summary>
    public ArchiveManifest ExportArchive(string path)
    {
        var current = Current();
        var records = ArchiveWriter.Records(current.Count.Sheets, current.Count.Decisions);
        return CountArchive.Write(current.Files.Value, records, r => Store.FileBytes(r.ImageSha256) ?? throw new InvalidDataException($"The image {r.ImageSha256} is missing."), path);
    }

    public SheetInterpretation? Interpretation(string sheetId) =>
        Store.Sheet(sheetId) is { } s ? JsonSerializer.Deserialize<SheetInterpretation>(s.Interpretation, ElectionJson.CompactOptions) : null;

    /// <summary>
    /// Records a scrutineer's decision beside the machine's reading. When the setting asks for it, a decision that changes a
    /// count (see <see cref="Adjudications.ChangesACount"/>) takes effect only once a second scrutineer confirms it.
    /// </summary>
    public DecisionResult Decide(Adjudication decision)
    {
        EnsureNotOfficial();
        var sheet = Interpretation(decision.Sheet) ?? throw new StationException($"没有这张选票（{decision.Sheet}）。 / There is no sheet {decision.Sheet}.");
        if (string.IsNullOrWhiteSpace(decision.Reason))
        {
            throw new StationException("请写明理由（每项裁定都记录理由）。 / Say why (a reason is recorded with every decision).");
        }

        if (Problem(sheet, decision) is { } problem)
        {
            throw new StationException(problem);
        }

        var needs = Options.SecondScrutineer && Adjudications.ChangesACount(sheet, decision);
        // The decision and its audit row are one transaction: both are recorded, or neither.
        var id = Store.AddDecision(decision with { WriteInName = decision.WriteInName?.Trim() }, needs,
            id => new StationStore.AuditRow(decision.Scrutineer, "decision", $"#{id} 选票 {decision.Sheet} {Words.Decision(Chinese, Layout, Definition, decision)}；理由：{decision.Reason}{(needs ? "；待第二位监票人复核" : string.Empty)}"));
        return new DecisionResult(id, needs);
    }

    /// <summary>What makes a decision impossible to apply to this sheet (in words for the scrutineer), or null.</summary>
    public string? Problem(SheetInterpretation sheet, Adjudication decision)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(decision);
        var page = Layout.Pages[Math.Clamp((sheet.Page ?? 1) - 1, 0, Layout.Pages.Count - 1)];
        if (!EnumNames.IsDefined(decision.Kind) || (decision.Symbol is { } symbol && !EnumNames.IsDefined(symbol)) || (decision.SheetDecision is { } d && !EnumNames.IsDefined(d)))
        {
            return "裁定中有不可用的值。 / The decision holds a value that is not a defined name.";
        }

        return decision.Kind switch
        {
            AdjudicationKind.Box or AdjudicationKind.WriteIn when page.Boxes.All(b => b.Id != decision.BoxId) => $"这张选票没有「{decision.BoxId}」这一框。 / The sheet has no box '{decision.BoxId}'.",
            AdjudicationKind.Box when decision.Symbol is null => "对一个框的裁定须写明框内是什么符号。 / A decision on a box says what the box holds.",
            AdjudicationKind.WriteIn when page.Boxes.First(b => b.Id == decision.BoxId).Kind != BoxKind.WriteIn => $"「{decision.BoxId}」不是另选他人栏。 / Box '{decision.BoxId}' is not a write-in cell.",
            AdjudicationKind.Sheet when decision.SheetDecision is null => "对整张选票的裁定须写明计入、作废或不计入。 / A decision on a sheet says whether it is counted, void or not counted.",
            _ => null,
        };
    }

    /// <summary>
    /// The stored decisions, each with what makes it impossible to apply (its stored values, or its sheet), if anything:
    /// such a row is shown as it is and never counted. Made once per change of the count.
    /// </summary>
    public IReadOnlyList<StoredDecision> Decisions() => Current().Decisions;

    private List<StoredDecision> CheckedDecisions(Dictionary<string, SheetInterpretation> sheets) =>
        [.. Store.Decisions().Select(d =>
        {
            var problem = d.Problem ?? (sheets.TryGetValue(d.Decision.Sheet, out var sheet) ? Problem(sheet, d.Decision) : $"没有这张选票（{d.Decision.Sheet}）。 / There is no sheet {d.Decision.Sheet}.");
            return problem == d.Problem ? d : d with { Problem = problem };
        })];


    /// <summary>The language the log is written in: Chinese (the log is kept for the election's complaints and audits).</summary>
    private static readonly Lang Chinese = new(English: false);

    private static readonly Lang English = new(English: true);

    // ---- What the pages read: the station is their one door to the store. ----

    public IntakeProgress Progress() => Store.Progress();

    public IReadOnlyList<StoredFile> Files() => Store.Files();

    public IReadOnlyList<StoredBatch> Batches() => Store.Batches();

    /// <summary>Where the count is kept ("SQLite /…/station.db", or the PostgreSQL server).</summary>
    public string StorageDescription => Store.Database.Description;

    public StoredSheet? Sheet(string sheetId) => Store.Sheet(sheetId);

    public StoredFile? File(long fileId) => Store.File(fileId);

    public byte[] FileBytes(long fileId) => Store.FileBytes(fileId);

    public IReadOnlyList<AuditEntry> AuditLog(int limit, long? before) => Store.AuditLog(limit, before);

    /// <summary>For a count taken in from an archive: the archive's Merkle root.</summary>
    public string? ArchiveRoot => Store.Meta("archive-root");

    public IReadOnlyDictionary<string, (SpotCheckEntry Entry, string Auditor, string At)> SpotChecks(string seed) => Store.SpotChecks(seed);

    public StationUser? User(string name) => Store.User(name);

    // ---- What the pages write: each change with its audit row, in one transaction. ----

    /// <summary>A person signed in: their session starts and the log says so, together.</summary>
    public string SignIn(StationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Store.StartSession(user.Name, new StationStore.AuditRow(user.Name, "login", Web.Html.RoleName(Chinese, user.Role.ToString())));
    }

    /// <summary>A person signed out: their session ends and the log says so, together.</summary>
    public void SignOut(string user, string? session)
    {
        var audit = new StationStore.AuditRow(user, "logout", string.Empty);
        if (session is null)
        {
            Store.Audit(audit.Actor, audit.Action, audit.Detail);
        }
        else
        {
            Store.EndSession(session, audit);
        }
    }

    /// <summary>A sign-in refused (a wrong password, or held back after too many): logged, nothing else changes.</summary>
    public void SignInRefused(string name, string address, bool heldBack) =>
        Store.Audit(name.Length == 0 ? "?" : name, heldBack ? "login held back" : "login failed", address);

    /// <summary>An auditor's finding on one sheet of a spot-check, with its audit row.</summary>
    public void RecordSpotCheck(string seed, SpotCheckEntry entry, string auditor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var finding = entry.Finding switch { SpotCheckFinding.Agree => "一致", SpotCheckFinding.Disagree => "不一致", _ => "未查" };
        var image = entry.ImageMatchesPaper switch { true => "；图像就是这张纸的图像", false => "；图像不是这张纸的图像！", _ => string.Empty };
        var detail = $"种子 {seed}，第 {entry.Order} 张 选票 {entry.Sheet}：{finding}{(entry.Note.Length > 0 ? $"（{entry.Note}）" : string.Empty)}{(entry.AuditedMarks.Length > 0 ? $" [{entry.AuditedMarks}]" : string.Empty)}{image}";
        Store.AddSpotCheck(seed, entry, auditor, new StationStore.AuditRow(auditor, "spot-check", detail));
    }

    /// <summary>A second scrutineer's answer to a decision that waits for one. Returns what is wrong, or null.</summary>
    public string? Confirm(long decisionId, string scrutineer, bool agree)
    {
        if (Official is not null)
        {
            return IsOfficial;
        }

        var decision = Decisions().FirstOrDefault(d => d.Id == decisionId);
        if (decision is null)
        {
            return $"没有第 {decisionId} 号裁定。 / There is no decision #{decisionId}.";
        }

        if (!decision.NeedsConfirmation)
        {
            return $"第 {decisionId} 号裁定无需复核。 / Decision #{decisionId} needs no confirmation.";
        }

        if (decision.Decision.Scrutineer == scrutineer)
        {
            return "裁定须由另一位监票人复核，不能由作出裁定的人复核。 / A decision is confirmed by a second scrutineer, not by the one who made it.";
        }

        if (decision.Answer is not null)
        {
            return $"第 {decisionId} 号裁定已由 {decision.Answer.Scrutineer} 复核。 / Decision #{decisionId} was already answered by {decision.Answer.Scrutineer}.";
        }

        var audit = new StationStore.AuditRow(scrutineer, agree ? "confirm" : "reject", $"{decision.Decision.Scrutineer} 的裁定 #{decisionId}（选票 {decision.Decision.Sheet}）：{Words.Decision(Chinese, Layout, Definition, decision.Decision)}");
        if (!Store.AddConfirmation(decisionId, decision.Decision.Scrutineer, scrutineer, agree, audit))
        {
            var first = Store.Decisions().First(d => d.Id == decisionId).Answer;
            return $"第 {decisionId} 号裁定已由 {first?.Scrutineer} 先行复核，以先复核者为准。 / Decision #{decisionId} was already answered by {first?.Scrutineer}: the first answer settles it.";
        }

        return null;
    }

    /// <summary>
    /// Records the hand tally (唱票/计票), replacing the one before for the count (the earlier stays on record). It is stored
    /// only if it reads back as it was given (every contest and candidate of this election, each line once).
    /// </summary>
    /// <exception cref="StationException">Nothing was entered, or a line cannot be applied.</exception>
    public void EnterHandTally(IReadOnlyList<TallyLine> lines, string user)
    {
        ArgumentNullException.ThrowIfNull(lines);
        EnsureNotOfficial();
        if (lines.Count == 0)
        {
            throw new StationException("没有填写任何数字，未保存。 / Nothing was entered: nothing was saved.");
        }

        var csv = HandTally.ToCsv(lines, Definition);
        try
        {
            var back = HandTally.ParseCsv(csv, Definition);
            if (back.Count != lines.Count)
            {
                throw new HandTallyException("LinesLeftOut");
            }
        }
        catch (HandTallyException e)
        {
            throw new StationException($"手工计票不能采用，未保存：{ProblemWords.Say(Chinese, e.Problem)} / The hand tally cannot be applied and was not saved: {ProblemWords.Say(new Lang(English: true), e.Problem)}");
        }

        Store.AddHandTally(user, csv, new StationStore.AuditRow(user, "hand tally", $"录入 {lines.Count} 行"));
    }

    /// <summary>
    /// The hand tally in effect: the latest one entered that can be applied, and each later one that cannot (a stored row
    /// from an earlier version, or edited), with why. The count goes on with the one in effect.
    /// </summary>
    public HandTallyState HandTallies()
    {
        var rejected = new List<(StoredHandTally, FileProblem)>();
        foreach (var stored in Store.HandTallies())
        {
            try
            {
                return new HandTallyState(stored, HandTally.ParseCsv(stored.Csv, Definition), rejected);
            }
            catch (HandTallyException e)
            {
                rejected.Add((stored, e.Problem));
            }
        }

        return new HandTallyState(null, null, rejected);
    }

    public IReadOnlyList<TallyLine>? HandTallyLines() => HandTallies().Lines;

    /// <summary>The count as it stands: every sheet read, the decisions in effect and the hand tally. Computed again only when one of them changed.</summary>
    public Counted Count() => Current().Count;

    /// <summary>The count's files as `./ballotscan count` writes them (report PDF, CSV, records, …), made once per change of the count.</summary>
    public IReadOnlyDictionary<string, byte[]> CountFiles() => Current().Files.Value;

    private CachedCount Current()
    {
        var version = Store.CountVersion();
        if (_cache is { } cached && cached.Version == version)
        {
            return cached;
        }

        var sheets = Store.Sheets().Select(s => JsonSerializer.Deserialize<SheetInterpretation>(s.Interpretation, ElectionJson.CompactOptions)!).ToList();
        var stored = CheckedDecisions(sheets.DistinctBy(s => s.SheetId).ToDictionary(s => s.SheetId, StringComparer.Ordinal));
        var issued = Store.Batches().Where(b => b.Issued is not null).ToDictionary(b => b.Name, b => b.Issued!.Value, StringComparer.Ordinal);
        var counted = Counted.Compute(Definition, DefinitionJson, Layout, sheets, [.. stored.Where(d => d.Effective).Select(d => d.Decision)], HandTallyLines(), issued)
            with { Official = Official is { } o ? $"正式结果：经总监票人 {o.By} 于 {Shown.Time(o.At)}（北京时间）确认，此后不得更改。" : null };
        return _cache = new CachedCount(version, counted, stored);
    }

    public void Dispose()
    {
        _work.Dispose();
        Store.Database.Dispose();
    }
}

/// <summary>A count computed for one state of the database, the decisions it was made with (checked), and its files, made when first asked for.</summary>
internal sealed record CachedCount(string Version, Counted Count, IReadOnlyList<StoredDecision> Decisions)
{
    public Lazy<IReadOnlyDictionary<string, byte[]>> Files { get; } = new(Count.Files);
}

/// <summary>A request the station cannot carry out, in words for the person who made it.</summary>
internal sealed class StationException(string message) : Exception(message);
