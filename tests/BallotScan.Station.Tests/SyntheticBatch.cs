using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Lab.Synthesis;
using BallotScan.Host.Station;

namespace BallotScan.Station.Tests;

/// <summary>A batch of synthetic sheets with their truth: ballots with the generator's voters, a few rescans, repeated files and foreign sheets.</summary>
internal sealed class SyntheticBatch
{
    private static readonly Dictionary<(int, int), SyntheticBatch> s_made = [];

    private SyntheticBatch(ElectionDefinition definition, BallotLayout layout, IReadOnlyList<SyntheticSheet> sheets)
    {
        Definition = definition;
        Layout = layout;
        Sheets = sheets;
    }

    public ElectionDefinition Definition { get; }

    public BallotLayout Layout { get; }

    public IReadOnlyList<SyntheticSheet> Sheets { get; }

    public IReadOnlyDictionary<string, SheetTruth> TruthBySha256 => Sheets.Select(s => s.Truth).DistinctBy(t => t.Sha256).ToDictionary(t => t.Sha256, StringComparer.Ordinal);

    public static SyntheticBatch Make(int seed, int sheets)
    {
        lock (s_made)
        {
            if (!s_made.TryGetValue((seed, sheets), out var batch))
            {
                var definition = ElectionJson.Load(StationServer.VillagersExample);
                var options = new SynthesisOptions { Seed = seed, RescanRate = 0.08, DuplicateFileRate = 0.04 };
                using var synthesizer = new BallotSynthesizer(definition, options);
                var made = Enumerable.Range(0, sheets).AsParallel().AsOrdered().Select(synthesizer.Generate).ToList();
                s_made[(seed, sheets)] = batch = new SyntheticBatch(definition, synthesizer.Layout, made);
            }

            return batch;
        }
    }

    public IEnumerable<(string Name, byte[] Bytes)> Files => Sheets.Select(s => (Path.GetFileName(s.Truth.File), s.Bytes));

    /// <summary>The batch's files written into <paramref name="folder"/> (made if missing), as a scanner leaves them: the folder's full path.</summary>
    public async Task<string> WriteScansAsync(string folder)
    {
        var scans = Directory.CreateDirectory(folder).FullName;
        foreach (var (name, bytes) in Files)
        {
            await File.WriteAllBytesAsync(Path.Combine(scans, name), bytes);
        }

        return scans;
    }

    /// <summary>The count of what the voters marked, each paper once.</summary>
    public CountResult Truth() => TruthCount.Run(Definition, Layout, Sheets.Select(s => s.Truth), new MeetingFigures());

    /// <summary>The lines of the truth that the ballots decide (not the meeting's figures).</summary>
    public static List<TallyLine> VoteLines(IEnumerable<TallyLine> lines) =>
        lines.Where(l => l.Kind is not (LineKind.Due or LineKind.Present or LineKind.Issued or LineKind.Returned)).ToList();

    /// <summary>
    /// What careful scrutineers decide on every sheet a station could not settle. A sheet flagged as a possible rescan whose
    /// earlier sheet is indeed the same paper is set aside, whichever of the two the generator made first (with two stations
    /// the rescan can be read before the original): the paper is counted once.
    /// </summary>
    public IReadOnlyList<Adjudication> Decisions(CountingStation station)
    {
        var stored = station.Store.Sheets();
        var truth = TruthBySha256;
        // A scrutineer cannot know that a sheet is a rescan unless the station says so: an unflagged rescan is judged as the
        // ballot it shows.
        var seen = truth.ToDictionary(t => t.Key, t => t.Value.Kind == SheetKind.Rescan && !stored.Any(s => s.RescanOf is not null && s.SheetId.StartsWith(t.Key, StringComparison.Ordinal))
            ? t.Value with { Kind = SheetKind.Ballot } : t.Value, StringComparer.Ordinal);
        var decisions = TruthCount.Scrutinise(stored.Select(s => station.Reading.Interpretation(s.SheetId)!), seen, Layout).ToList();
        int Paper(string sheetId) => truth[sheetId.Split('/')[0]] is var t ? t.RepeatOf ?? t.Index : -1;
        foreach (var s in stored.Where(s => s.RescanOf is { } earlier && Paper(s.SheetId) == Paper(earlier)))
        {
            decisions.RemoveAll(d => d.Sheet == s.SheetId);
            decisions.Add(new Adjudication
            {
                Sheet = s.SheetId,
                Kind = AdjudicationKind.Sheet,
                SheetDecision = SheetDecision.NotCounted,
                Scrutineer = "test scrutineer",
                Reason = $"the same paper as sheet {s.RescanOf![..12]}",
            });
        }

        return decisions;
    }
}
