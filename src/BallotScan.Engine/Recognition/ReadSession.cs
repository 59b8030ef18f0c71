namespace BallotScan.Engine.Recognition;

/// <summary>
/// Scans read as a count reads them, the one way for every caller (`read`, `count`, the demo, the station): files on every
/// core, the same bytes read once (<see cref="ReviewReason.Duplicate"/>), and, in the order a feeder delivers them, each sheet
/// compared with the papers this session read before it: a different image of one of them waits for the scrutineers
/// (<see cref="ReviewReason.PossibleRescan"/>).
/// </summary>
public sealed class ReadSession(BallotReader reader, RescanOptions? options = null)
{
    private readonly RescanIndex _papers = new(options);

    /// <summary>The reader of the session's ballots.</summary>
    public BallotReader Reader { get; } = reader;

    /// <summary>
    /// Reads <paramref name="files"/> in parallel (<paramref name="onFileRead"/> with how many are done after each), then
    /// compares their sheets in file order with every paper read before; the sheets in file order, rescans flagged.
    /// </summary>
    public IReadOnlyList<SheetInterpretation> ReadFiles(IReadOnlyList<string> files, Action<int>? onFileRead = null, int? threads = null)
    {
        var sheets = new List<SheetInterpretation>();
        Read(files, (index, read) =>
        {
            sheets.AddRange(read);
            onFileRead?.Invoke(index + 1);
        }, threads);
        return sheets;
    }

    /// <summary>
    /// Reads <paramref name="files"/> in parallel and hands each file's sheets to <paramref name="onFile"/> in file order,
    /// one file at a time, each sheet already compared with every paper read before it (rescans flagged): what a caller
    /// keeps of a sheet is its own choice, so a long run need not hold every reading at once.
    /// </summary>
    public void Read(IReadOnlyList<string> files, Action<int, IReadOnlyList<SheetInterpretation>> onFile, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(onFile);
        var waiting = new Dictionary<int, IReadOnlyList<SheetInterpretation>>();
        var next = 0;
        var gate = new Lock();
        BatchReader.Read(files, Reader, (index, sheets) =>
        {
            lock (gate)
            {
                waiting[index] = sheets;
                while (waiting.Remove(next, out var ready))
                {
                    onFile(next, [.. ready.Select(_papers.FlagThenAdd)]);
                    next++;
                }
            }
        }, threads);
    }

    /// <summary>
    /// One sheet compared with the papers read before, without remembering it (the station remembers what its store keeps,
    /// <see cref="Remember"/>): the sheet, flagged when it repeats one; the paper it repeats; its fingerprint.
    /// </summary>
    public (SheetInterpretation Sheet, string? RescanOf, SheetFingerprint? Fingerprint) Compare(SheetInterpretation sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var fingerprint = RescanDetector.Of(sheet, options);
        var rescanOf = fingerprint is null ? null : _papers.Match(fingerprint);
        return (rescanOf is null ? sheet : RescanDetector.Flagged(sheet, rescanOf), rescanOf, fingerprint);
    }

    /// <summary>A paper read before (by this or another station sharing the count) that later sheets are compared with.</summary>
    public void Remember(SheetFingerprint fingerprint) => _papers.Add(fingerprint);
}
