using BallotScan.Engine.Problems;
using BallotScan.Engine.Elections;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station;

/// <summary>What became of a file taken in.</summary>
/// <param name="OriginalName">The name the file came with (shown, never used to store it).</param>
/// <param name="Sha256">The file's SHA-256: its name in the count.</param>
/// <param name="IsNew">False when the same bytes were taken in before (counted once).</param>
/// <param name="Message">For people.</param>
internal sealed record IntakeResult(string OriginalName, string Sha256, bool IsNew, Said Message);

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

/// <summary>Intake and batches (收票): files taken in by any channel, each once by its SHA-256, into the open batch; what the watched folder could not take in; the ballots issued per box.</summary>
internal sealed class StationIntake(StationContext context) : StationTask(context), IDisposable
{
    private readonly SemaphoreSlim _work = new(0);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IntakeProblem> _intakeProblems = new(StringComparer.Ordinal);

    /// <summary>Takes in one image file (any channel). The same bytes twice are one file; a name the client chose is kept only for display.</summary>
    public IntakeResult TakeIn(byte[] bytes, string originalName, string channel, string user)
    {
        var shown = CleanName(originalName);
        if (Context.Official is not null)
        {
            return new IntakeResult(shown, string.Empty, false, StationContext.IsOfficial);
        }

        if (bytes.Length == 0)
        {
            return new IntakeResult(shown, string.Empty, false, new Said("文件是空的，未收入。"));
        }

        if (bytes.Length > Options.MaxFileBytes)
        {
            return new IntakeResult(shown, string.Empty, false, new Said("文件超过 {0} MB，未收入。", Options.MaxFileBytes / (1024 * 1024)));
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
            Store.Audit(AuditFacts.Row(user, AuditEvent.Intake, new FileTakenIn(channel, shown, bytes.Length, file.Sha256)));
            _work.Release();
        }

        return new IntakeResult(shown, file.Sha256, isNew, isNew
            ? new Said("已收入，正在后台识别。")
            : new Said("同一文件之前已收入（{0}，{1}），只计一次。", file.OriginalName, Shown.Time(file.ReceivedAt)));
    }

    /// <summary>Why these bytes are not a scan to take in (not an image or a PDF), for the operator; null for an image or a PDF.</summary>
    public static Said? NotAScan(byte[] bytes)
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
            return new Said("不是扫描图像或 PDF，未收入：请上传扫描件（JPEG、PNG、TIFF、BMP 或 PDF）。");
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
        Store.Audit(AuditFacts.Row(AuditFacts.ScannerFolder, AuditEvent.NotTakenIn, new EntryNotTakenIn(problem.Name, kind, problem.Detail)));
    }

    public void ClearIntakeProblem(string name) => _intakeProblems.TryRemove(Storage.StationStore.Cut(name, 255), out _);

    /// <summary>A file name as shown and stored: its last part, control characters (NUL included) replaced, at most 255 characters.</summary>
    public static string CleanName(string? name)
    {
        var last = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = Storage.StationStore.Cut(last, 255).Trim();
        return clean.Length == 0 ? "(unnamed)" : clean;
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
        Context.EnsureNotOfficial();
        var clean = PersonName.Normalise(Storage.StationStore.Cut(name, MaxBatchName + 1)) ?? string.Empty;
        if (clean.Length is 0 or > MaxBatchName)
        {
            throw new StationException(new Said("批次要有名称（至多 {0} 个字），例如 中心会场、流动票箱1。", MaxBatchName));
        }

        if (!Store.OpenBatch(clean, user, AuditFacts.Row(user, AuditEvent.BatchOpened, new BatchNamed(clean))))
        {
            throw new StationException(new Said("已有名为「{0}」的批次：换一个名称。", clean));
        }
    }

    /// <summary>Closes the open batch (files taken in afterwards belong to none until another is opened).</summary>
    public void CloseBatch(string user)
    {
        Store.CloseBatch(AuditFacts.Row(user, AuditEvent.BatchClosed, null));
    }

    /// <summary>Records the ballots issued for a batch's box (发出), to be checked against what came back.</summary>
    /// <exception cref="StationException">No such batch, or not a count.</exception>
    public void EnterIssued(long batchId, int issued, string user)
    {
        Context.EnsureNotOfficial();
        var batch = Store.Batches().FirstOrDefault(b => b.Id == batchId) ?? throw new StationException(new Said("没有第 {0} 号批次。", batchId));
        if (issued is < 0 or > 1_000_000)
        {
            throw new StationException(new Said("发出票数须是 0 到 1000000 之间的整数。"));
        }

        Store.AddIssued(batchId, issued, user, AuditFacts.Row(user, AuditEvent.BallotsIssued, new BallotsIssued(batch.Name, issued)));
    }

    /// <summary>Waits until a file is taken in or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancel) => _work.WaitAsync(timeout, cancel);

    public IntakeProgress Progress() => Store.Progress();

    public IReadOnlyList<StoredFile> Files() => Store.Files();

    public IReadOnlyList<StoredBatch> Batches() => Store.Batches();

    public StoredFile? File(long fileId) => Store.File(fileId);

    public byte[] FileBytes(long fileId) => Store.FileBytes(fileId);

    /// <summary>Releases the wait for work.</summary>
    public void Dispose() => _work.Dispose();
}
