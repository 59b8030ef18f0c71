using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using BallotScan.Engine.Spreadsheets;
using BallotScan.Engine.Township;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Township;
using BallotScan.Lab.Synthesis;
using Microsoft.Data.Sqlite;

namespace BallotScan.Station.Tests;

/// <summary>A synthetic township's counts, made once for every test of the township: twenty villages' elections counted from synthetic scans and archived.</summary>
public sealed class SyntheticTownship : IDisposable
{
    public const string Collection = "a synthetic township";

    public SyntheticTownship()
    {
        Folder = Directory.CreateTempSubdirectory("township-archives-").FullName;
        Archives = [.. TownshipSynthesizer.Write(Folder, villages: 20, ballots: 10, seed: 5).Select(w => w.Archive)];
    }

    public string Folder { get; }

    public IReadOnlyList<string> Archives { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(SyntheticTownship.Collection, DisableParallelization = true)]
public sealed class SyntheticTownshipGroup : ICollectionFixture<SyntheticTownship>;

/// <summary>
/// The township office's station as the office uses it: every village's archive taken once, a tampered one refused with its
/// village named, and every figure of the 换届情况统计表 equal to one computed here, independently, from the archives' own
/// result and definition files.
/// </summary>
[Collection(SyntheticTownship.Collection)]
public sealed class TownshipTests(SyntheticTownship township) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("township-data-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private TownshipStation Open(string? folder = null) => TownshipStation.Open(new TownshipOptions { DataFolder = folder ?? _data });

    private static IndependentTownship.Counted Read(string archive) => IndependentTownship.Read(archive);

    private static string Name(JsonNode person) => IndependentTownship.Name(person);

    private static string Cell(Worksheet sheet, IReadOnlyList<string> row, string column) => row[sheet.Rows[0].ToList().IndexOf(column)];

    /// <summary>Elections whose seats were all filled on their first round's day.</summary>
    private static int FilledOnTheDay(IReadOnlyList<IndependentTownship.Counted> counts) => counts.GroupBy(c => c.FirstRound)
        .Count(e => e.Where(c => c.Valid && c.Date == e.Single(r => r.Round == 1).Date).Sum(c => c.Filled) >= e.Single(r => r.Round == 1).Seats);

    [Fact]
    public void Every_figure_of_the_workbook_equals_one_computed_from_the_archives_result_files()
    {
        using var station = Open();
        var results = station.ImportAll(township.Archives, "乡镇干部", "test");
        Assert.All(results, r => Assert.Equal(ImportOutcome.Taken, r.Outcome));

        var counts = township.Archives.Select(Read).ToList();
        var villages = counts.GroupBy(c => (c.Township, c.Village)).ToList();
        Assert.True(villages.Count >= 12);
        Assert.Contains(counts, c => c.Round > 1);
        Assert.Contains(counts, c => c.Elected.Any(p => !p["listed"]!.GetValue<bool>()) && c.Type == "villagersCommittee");

        // One village whose committee elects its 书记: the township enters its 主任 as 书记 (一肩挑).
        var entered = villages.First(v => v.Where(c => c.Type == "partyCommittee").SelectMany(c => c.Elected).All(p => p["post"]!.GetValue<string>() != "书记")
            && v.Where(c => c.Type == "villagersCommittee").SelectMany(c => c.Elected).Any(p => p["post"]!.GetValue<string>() == "主任"));
        var director = Name(entered.Where(c => c.Type == "villagersCommittee").SelectMany(c => c.Elected).First(p => p["post"]!.GetValue<string>() == "主任"));
        station.EnterSecretary(new VillageKey(entered.Key.Township, entered.Key.Village), director, "乡镇干部");

        var file = Path.Combine(_data, "换届情况统计表.xlsx");
        File.WriteAllBytes(file, TownshipWorkbook.Write(station.Report()));
        var book = SpreadsheetFiles.Read(file)!.ToDictionary(w => w.Name);
        Assert.Equal(["汇总", "各村", "当选人", "说明"], book.Keys);

        // Independently: per village, who sits where.
        var villageSheet = book["各村"];
        foreach (var v in villages)
        {
            var party = IndependentTownship.Members(v, IndependentTownship.Bodies[0].Types).Select(Name).ToHashSet();
            var committee = IndependentTownship.Members(v, IndependentTownship.Bodies[1].Types).Select(Name).ToHashSet();
            var secretary = IndependentTownship.Secretary(v, v.Key == entered.Key ? director : null);
            var row = villageSheet.Rows.Skip(1).Single(r => Cell(villageSheet, r, "乡镇") == v.Key.Township && Cell(villageSheet, r, "村（社区）") == v.Key.Village);
            Assert.Equal(party.Intersect(committee).Count().ToString(CultureInfo.InvariantCulture), Cell(villageSheet, row, "交叉任职人数"));
            Assert.Equal(party.Union(committee).Count().ToString(CultureInfo.InvariantCulture), Cell(villageSheet, row, "两委成员数"));
            Assert.Equal(secretary is null ? "未定" : secretary == IndependentTownship.Director(v) ? "是" : "否", Cell(villageSheet, row, "一肩挑"));
        }

        // Every figure of the summary, per township and in all, as computed here from the archives' own files.
        Assert.True(FilledOnTheDay(counts) < counts.Select(c => c.FirstRound).Distinct().Count(), "one village's 另行选举 is held on another day");
        var summary = book["汇总"];
        var entries = new Dictionary<(string, string), string> { [entered.Key] = director };
        var areas = villages.Select(v => v.Key.Township).Distinct().Select(t => (Name: t, Counts: counts.Where(c => c.Township == t).ToList())).Append((Name: TownshipWorkbook.AllTownships, Counts: counts)).ToList();
        Assert.Equal(areas.Select(a => a.Name), summary.Rows.Skip(1).Select(r => r[0]));
        var compared = 0;
        foreach (var (name, area) in areas)
        {
            var row = summary.Rows.Skip(1).Single(r => r[0] == name);
            foreach (var (column, expected) in IndependentTownship.Summary(area, entries))
            {
                Assert.True(expected == Cell(summary, row, column), $"{name} {column}: computed {expected}, the workbook says {Cell(summary, row, column)}");
                compared++;
            }
        }

        // Every column of the summary but the township's name was computed here.
        Assert.Equal((summary.Rows[0].Count - 1) * areas.Count, compared);

        // One row per person elected, each naming the archive behind it.
        var people = book["当选人"];
        Assert.Equal(counts.Sum(c => c.Elected.Count), people.Rows.Count - 1);
        var roots = station.Archives().Select(a => a.MerkleRoot).ToHashSet();
        Assert.All(people.Rows.Skip(1), r => Assert.Contains(Cell(people, r, "选票档案 Merkle 根"), roots));
    }

    [Fact]
    public void A_tampered_archive_is_refused_with_its_village_named_and_an_archive_offered_again_is_taken_once()
    {
        using var station = Open();
        var victim = township.Archives[3];
        var tampered = Path.Combine(_data, "tampered.zip");
        File.Copy(victim, tampered);
        using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            var image = zip.Entries.First(e => e.FullName.StartsWith("images/", StringComparison.Ordinal));
            byte[] bytes;
            using (var s = image.Open())
            using (var copy = new MemoryStream())
            {
                s.CopyTo(copy);
                bytes = copy.ToArray();
            }

            var name = image.FullName;
            image.Delete();
            bytes[^20] ^= 0x40;
            using var written = zip.CreateEntry(name).Open();
            written.Write(bytes);
        }

        var refused = station.Import(tampered, "乡镇干部", "test");
        Assert.Equal(ImportOutcome.Refused, refused.Outcome);
        Assert.Contains(Read(victim).Village, refused.Refusal!.Village);
        Assert.Equal(Engine.Audit.ArchiveProblemKind.Altered, refused.Refusal.Kind);
        Assert.Empty(station.Archives());

        var first = station.ImportAll(township.Archives, "乡镇干部", "test");
        var again = station.ImportAll([.. township.Archives, victim], "乡镇干部", "test");
        Assert.All(first, r => Assert.Equal(ImportOutcome.Taken, r.Outcome));
        Assert.All(again, r => Assert.Equal(ImportOutcome.AlreadyTaken, r.Outcome));
        Assert.Equal(township.Archives.Count, station.Archives().Count);
        Assert.Equal(township.Archives.Count, station.Returns().Count);
        var log = station.Store.AuditLog(100_000).Select(e => e.Event).ToList();
        Assert.Single(log, e => e == AuditEvent.TownshipArchiveRefused);
        Assert.Equal(township.Archives.Count, log.Count(e => e == AuditEvent.TownshipArchiveTaken));
    }

    [Fact]
    public async Task An_import_killed_midway_and_started_again_takes_every_archive_once()
    {
        Assert.True(township.Archives.Count >= 50, $"{township.Archives.Count} archives");
        var data = Path.Combine(_data, "killed");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = StationServer.Repository };
        foreach (var a in new[] { typeof(Lab.Commands.DemoCommand).Assembly.Location, "township", "import", township.Folder, "--data", data })
        {
            start.ArgumentList.Add(a);
        }

        int Taken()
        {
            var file = Path.Combine(data, "township.db");
            if (!File.Exists(file))
            {
                return 0;
            }

            using var c = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
            c.Open();
            using var q = c.CreateCommand();
            q.CommandText = "SELECT COUNT(*) FROM archives";
            try
            {
                return Convert.ToInt32(q.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            catch (SqliteException)
            {
                return 0; // the table is not made yet
            }
        }

        using (var process = Process.Start(start)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (Taken() < 5 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(20);
            }

            process.Kill(entireProcessTree: true); // SIGKILL: no clean-up runs
            await process.WaitForExitAsync();
        }

        var before = Taken();
        Assert.InRange(before, 5, township.Archives.Count - 1);
        var (code, output, errors) = await HostProcess.RunAsync("township", "import", township.Folder, "--data", data, "--parallel", "1");
        Assert.True(code == 0, output + errors);
        Assert.Contains($"此前已收入 {before}，", output);
        using var station = Open(data);
        var archives = station.Archives();
        Assert.Equal(township.Archives.Count, archives.Count);
        Assert.Equal(archives.Count, archives.Select(a => a.MerkleRoot).Distinct().Count());
        Assert.Equal(township.Archives.Count, station.Store.AuditLog(100_000).Count(e => e.Event == AuditEvent.TownshipArchiveTaken));
    }

    /// <summary>A county's several townships share one PostgreSQL database: the same archives taken once, the same figures as on SQLite.</summary>
    [Fact]
    public void On_PostgreSQL_the_archives_are_taken_once_and_give_the_same_figures()
    {
        var (name, connection) = StationServer.CreatePostgresDatabase();
        try
        {
            var some = township.Archives.Take(12).ToList();
            using var shared = TownshipStation.Open(new TownshipOptions { DataFolder = Path.Combine(_data, "pg"), Postgres = connection });
            using var local = Open();
            Assert.All(shared.ImportAll(some, "乡镇干部", "test"), r => Assert.Equal(ImportOutcome.Taken, r.Outcome));
            Assert.All(shared.ImportAll(some, "乡镇干部", "test"), r => Assert.Equal(ImportOutcome.AlreadyTaken, r.Outcome));
            local.ImportAll(some, "乡镇干部", "test");
            var place = shared.Returns()[0].Place;
            shared.EnterSecretary(place, "某某", "乡镇干部");
            local.EnterSecretary(place, "某某", "乡镇干部");
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(local.Report()), System.Text.Json.JsonSerializer.Serialize(shared.Report()));
            Assert.Equal(some.Count, shared.Store.AuditLog(1000).Count(e => e.Event == AuditEvent.TownshipArchiveTaken));
        }
        finally
        {
            StationServer.DropPostgresDatabase(name);
        }
    }

    /// <summary>
    /// 进度: the steps the township records (entered on the command line, by name or in Chinese) stand beside what the archives
    /// say (the count's day, the official mark, when the archive was taken); a village known only by a step is listed.
    /// </summary>
    [Fact]
    public async Task The_progress_recorded_and_the_archives_give_each_village_s_steps_with_their_days()
    {
        using (var station = Open())
        {
            station.ImportAll(township.Archives.Take(4).ToList(), "乡镇干部", "test");
        }

        var counted = Read(township.Archives[0]);
        var (code, output, errors) = await HostProcess.RunAsync("township", "progress", counted.Township, counted.Village, "校对", "--day", "2026-11-10", "--data", _data);
        Assert.True(code == 0, output + errors);
        Assert.Contains("选票印制校对 2026-11-10", output, StringComparison.Ordinal);
        (code, output, errors) = await HostProcess.RunAsync("township", "progress", "南城镇", "新村", "definitionMade", "--day", "2026-11-01", "--data", _data);
        Assert.True(code == 0, output + errors);
        (code, _, errors) = await HostProcess.RunAsync("township", "progress", "南城镇", "新村", "counted", "--data", _data);
        Assert.NotEqual(0, code);
        Assert.Contains("没有这个进度步骤", errors, StringComparison.Ordinal);

        using var again = Open();
        var report = again.Report();
        var village = report.Villages.Single(v => v.Place == new VillageKey(counted.Township, counted.Village));
        Assert.Equal(new DateOnly(2026, 11, 10), village.Progress[ProgressStep.BallotsProofed]);
        Assert.True(village.Official);
        var known = report.Villages.Single(v => v.Place == new VillageKey("南城镇", "新村"));
        Assert.Empty(known.Elections);
        Assert.Equal(new DateOnly(2026, 11, 1), known.Progress[ProgressStep.DefinitionMade]);
        Assert.DoesNotContain(report.Townships, t => t.Township == "南城镇"); // no count yet: in no figure
        var file = Path.Combine(_data, "r.xlsx");
        File.WriteAllBytes(file, TownshipWorkbook.Write(report));
        var sheet = SpreadsheetFiles.Read(file)!.Single(w => w.Name == TownshipWorkbook.Sheets.Villages);
        var row = sheet.Rows.Single(r => Cell(sheet, r, "村（社区）") == counted.Village && Cell(sheet, r, "乡镇") == counted.Township);
        Assert.Equal(("2026-11-10", "是", counted.Date), (Cell(sheet, row, "选票印制校对"), Cell(sheet, row, "正式结果"), Cell(sheet, row, "党组织选举日")));
        Assert.Contains(again.Store.AuditLog(100).Select(e => e.Event), e => e == AuditEvent.ProgressEntered);
    }

    /// <summary>
    /// A recount (重新计票) of an election: the scrutineers void one more ballot and archive the count again. The township
    /// takes it in place of the earlier count (whose figures no longer count), and keeps both in its list and its log.
    /// </summary>
    [Fact]
    public void A_recount_takes_the_earlier_count_s_place_and_both_stay_in_the_log()
    {
        var earlier = township.Archives.First(a => Read(a).Type == "villagersCommittee" && Read(a).Round == 1);
        var count = Engine.Audit.ArchivedCount.Load(earlier);
        var voided = count.Sheets.First(s => s.Decisions.Count == 0).Reading;
        var decisions = count.Decisions.Append(new Engine.Counting.Adjudication
        {
            Sheet = voided.SheetId, Kind = Engine.Counting.AdjudicationKind.Sheet, SheetDecision = Engine.Counting.SheetDecision.Void,
            Scrutineer = "监票人", Reason = "重新计票时发现选票上有记号", At = DateTimeOffset.UnixEpoch,
        }).ToList();
        var readings = count.Sheets.Select(s => s.Reading).ToList();
        var recounted = Host.Counting.Counted.Compute(count.Definition, count.DefinitionJson, count.Layout, readings, decisions,
            Engine.Counting.ResultLines.Of(count.Count().Adjudicated));
        var images = count.Images(count.Sheets).ToDictionary(x => x.Sheet.Entry.ImageSha256, x => x.Image, StringComparer.Ordinal);
        var again = Path.Combine(_data, "recount.zip");
        var root = Host.Counting.CountArchive.Write(recounted.Files(), Engine.Audit.ArchiveWriter.Records(readings, decisions), r => images[r.ImageSha256], again).MerkleRoot;

        using var station = Open();
        Assert.Equal(ImportOutcome.Taken, station.Import(earlier, "乡镇干部", "test").Outcome);
        var replaced = station.Import(again, "乡镇干部", "test");
        Assert.Equal((ImportOutcome.Replaced, count.Manifest.MerkleRoot), (replaced.Outcome, replaced.ReplacedRoot));
        Assert.Equal(ImportOutcome.AlreadyTaken, station.Import(earlier, "乡镇干部", "test").Outcome);
        var current = Assert.Single(station.Returns());
        Assert.Equal(root, current.ArchiveRoot);
        Assert.Equal(recounted.Result.Adjudicated.Figures.Returned ?? recounted.Result.Adjudicated.BallotsFound, current.Voted);
        Assert.Equal([false, true], station.Archives().Select(a => a.Current));
        var log = station.Store.AuditLog(100).Where(e => e.Event == AuditEvent.TownshipArchiveTaken).Select(e => (TownshipArchiveTaken)AuditFacts.Read(e.Event, e.Detail)!).ToList();
        Assert.Contains(log, f => f.MerkleRoot == root && f.Replaces == count.Manifest.MerkleRoot);
        Assert.Contains(log, f => f.MerkleRoot == count.Manifest.MerkleRoot && f.Replaces is null);
    }

    /// <summary>
    /// Hostile files brought on a USB stick: a file that is no zip, and an archive whose image inflates to 300 MB of zeros (a
    /// decompression bomb). Each is refused in words, the bomb without being inflated into memory, and the import goes on.
    /// </summary>
    [Fact]
    public void A_file_that_is_no_archive_and_a_decompression_bomb_are_refused_in_bounded_memory()
    {
        var junk = Path.Combine(_data, "照片.zip");
        File.WriteAllBytes(junk, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]);
        var bomb = Path.Combine(_data, "bomb.zip");
        File.Copy(township.Archives[2], bomb);
        string image;
        using (var zip = ZipFile.Open(bomb, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("images/", StringComparison.Ordinal));
            image = entry.FullName;
            entry.Delete();
            using var inflated = zip.CreateEntry(image, CompressionLevel.Fastest).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 300; i++)
            {
                inflated.Write(zeros);
            }
        }

        using var station = Open();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var refused = station.Import(bomb, "乡镇干部", "test");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 100L * 1024 * 1024, "the bomb was inflated into memory");
        Assert.Equal(ImportOutcome.Refused, refused.Outcome);
        Assert.Equal((Engine.Audit.ArchiveProblemKind.Altered, image), (refused.Refusal!.Kind, refused.Refusal.Entry));
        Assert.Contains(Read(township.Archives[2]).Village, refused.Refusal.Village);
        // A whole archive, but not the count whose root was typed from the paper report.
        var another = station.Import(township.Archives[1], "乡镇干部", "test", expectedRoot: new string('0', 64));
        Assert.Equal((ImportOutcome.Refused, true), (another.Outcome, another.Refusal!.RootDiffers));
        Assert.Contains("不是结果报告单上那次计票", another.Say(new Host.Text.Lang(English: false)), StringComparison.Ordinal);
        var notAnArchive = station.Import(junk, "乡镇干部", "test");
        Assert.Equal(ImportOutcome.Refused, notAnArchive.Outcome);
        Assert.Null(notAnArchive.Refusal!.Village);
        Assert.StartsWith("未收入 照片.zip（村名不可读）：", notAnArchive.Say(new Host.Text.Lang(English: false)), StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Taken, station.Import(township.Archives[0], "乡镇干部", "test").Outcome);
    }
}
