using System.Diagnostics;
using System.Globalization;
using BallotScan.Engine.Township;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Township;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Benchmarks;

/// <summary>
/// A county's 换届 at the township station (issue 38): archives of <c>ballots</c> ballots each (synthetic, the voters' intent
/// taken as the reading, an image of 16 × 16 pixels per ballot) verified and taken in parallel, timed per archive with the
/// process's peak memory; then the roll-up and the workbook over <c>villages</c> × 3 returns.
/// </summary>
internal static class CountyScale
{
    public static void Run(int villages, int ballots, int sample)
    {
        var work = Directory.CreateTempSubdirectory("county-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var archives = TownshipSynthesizer.Write(Path.Combine(work, "archives"), sample, ballots, seed: 38, scans: false).Select(w => w.Archive).ToList();
            var bytes = archives.Sum(a => new FileInfo(a).Length);
            Say($"{archives.Count} archives of {sample} villages, {ballots} ballots each election, written in {clock.Elapsed.TotalSeconds:0.0} s ({bytes / 1048576.0 / archives.Count:0.0} MB an archive)");

            // One archive alone, then all of them in parallel (as `township import` takes a USB stick's folder).
            using (var alone = TownshipStation.Open(new TownshipOptions { DataFolder = Path.Combine(work, "alone"), Parallelism = 1 }))
            {
                clock.Restart();
                alone.Import(archives[0], AuditFacts.CommandLine, "benchmark");
                Say($"one archive verified (every hash, the root, the count again) and taken: {clock.Elapsed.TotalSeconds:0.00} s");
            }

            using var station = TownshipStation.Open(new TownshipOptions { DataFolder = Path.Combine(work, "township") });
            // What writing the archives left behind is given back first, so that the peak is the import's own.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var before = Process.GetCurrentProcess().WorkingSet64;
            var (peak, heap) = (0L, 0L);
            using var sampler = new Timer(_ => (peak, heap) = (Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), Math.Max(heap, GC.GetTotalMemory(false))), null, 0, 50);
            clock.Restart();
            var results = station.ImportAll(archives, AuditFacts.CommandLine, "benchmark");
            var seconds = clock.Elapsed.TotalSeconds;
            sampler.Change(Timeout.Infinite, Timeout.Infinite);
            Say($"{results.Count(r => r.Outcome == ImportOutcome.Taken)} of {archives.Count} taken in {seconds:0.0} s, {station.Options.Parallelism} at a time on {Environment.ProcessorCount} cores: {seconds / archives.Count:0.00} s an archive; working set {before / 1048576.0:0} MB before, peak {peak / 1048576.0:0} MB; managed heap peak {heap / 1048576.0:0} MB");
            Say($"at that rate {villages * 3} archives take {villages * 3 * seconds / archives.Count / 60:0.0} min");

            // The roll-up over a county's returns: the sample's villages' returns repeated under new names.
            // Each template a village's three bodies, the first round of each.
            var templates = station.Returns().GroupBy(r => r.Place).Select(g => g.Where(r => r.Round == 1).DistinctBy(r => r.Committee).ToList()).Where(t => t.Count == 3).ToList();
            var county = TownshipStation.Open(new TownshipOptions { DataFolder = Path.Combine(work, "county") });
            var rows = 0;
            for (var v = 0; v < villages; v++)
            {
                var place = new VillageKey($"第{(v / 25) + 1}乡镇", $"第{v + 1}村");
                foreach (var r in templates[v % templates.Count].Take(3))
                {
                    var copy = r with { Place = place, ElectionId = $"{r.ElectionId}-{v}", FirstRound = $"{r.FirstRound}-{v}", ArchiveRoot = $"{v:x8}{rows:x8}{r.ArchiveRoot[16..]}" };
                    county.Store.Write((c, t) => StationDatabase.Execute(c, t,
                        "INSERT INTO archives (sha256, merkle_root, election_id, first_round, round, township, village, election_return, original_name, channel, taken_by, taken_at) " +
                        "VALUES (@sha, @root, @e, @f, @r, @t, @v, @json, 'benchmark', 'benchmark', 'benchmark', @at)",
                        ("sha", copy.ArchiveRoot), ("root", copy.ArchiveRoot), ("e", copy.ElectionId), ("f", copy.FirstRound), ("r", copy.Round), ("t", place.Township), ("v", place.Village),
                        ("json", copy.ToJson()), ("at", StationDatabase.Now())) == 1, null);
                    rows++;
                }
            }

            var times = new List<double>();
            TownshipReport? report = null;
            for (var i = 0; i < 7; i++)
            {
                clock.Restart();
                report = county.Report();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            clock.Restart();
            var workbook = TownshipWorkbook.Write(report!);
            Say($"roll-up of {rows} returns ({report!.Villages.Count} villages): median {times.Order().ElementAt(times.Count / 2):0} ms (read from the database and computed); the workbook {clock.Elapsed.TotalMilliseconds:0} ms, {workbook.Length / 1024} KB");
            county.Dispose();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Say(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
