using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>Reading (识别): the queued files read in parallel, each sheet checked against the papers read before (a possible rescan), the readings stored.</summary>
internal sealed class StationReading(StationContext context) : StationTask(context)
{
    private readonly Lock _readingLock = new();
    private long _fingerprintsUpTo;

    /// <summary>The station's one read session: every sheet compared with the papers the count has read before.</summary>
    private readonly ReadSession _session = new(new BallotReader([context.Layout], MarkClassifier.Shipped));

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
            readings[i] = _session.Reader.ReadFile(Store.FileBytes(files[i].Id), files[i].OriginalName));

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
                    var (sheet, rescanOf, fingerprint) = _session.Compare(reading);

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
                _session.Remember(fingerprint);
            }
            else if (_unreadableFingerprints.Add(id))
            {
                Store.Audit(AuditFacts.Row(AuditFacts.Station, AuditEvent.FingerprintUnreadable, new UnreadableFingerprint(id, json)));
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

    public SheetInterpretation? Interpretation(string sheetId) =>
        Store.Sheet(sheetId) is { } s ? JsonSerializer.Deserialize<SheetInterpretation>(s.Interpretation, ElectionJson.CompactOptions) : null;

    public StoredSheet? Sheet(string sheetId) => Store.Sheet(sheetId);
}
