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

[CollectionDefinition(SyntheticTownship.Collection)]
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

    /// <summary>What one archive says, read straight from its files (no BallotScan type is used to read them).</summary>
    private sealed record Counted(string Township, string Village, string Type, string Election, string FirstRound, int Round, string Date, int? Due, int? Voted, bool Valid, int Seats, int Filled, List<JsonNode> Elected);

    private static Counted Read(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        JsonNode Entry(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            return JsonNode.Parse(stream)!;
        }

        var definition = Entry("definition.json");
        var result = Entry("result.json");
        var tally = result["adjudicated"]!;
        var figures = tally["figures"]!;
        var id = definition["id"]!.GetValue<string>();
        return new Counted(definition["place"]!["township"]!.GetValue<string>(), definition["place"]!["village"]!.GetValue<string>(), definition["type"]!.GetValue<string>(), id,
            definition["firstRound"]?.GetValue<string>() ?? id, definition["roundNumber"]?.GetValue<int>() ?? 1, definition["date"]!.GetValue<string>(),
            figures["due"]?.GetValue<int>(), figures["voted"]?.GetValue<int>() ?? figures["returned"]?.GetValue<int>(), tally["electionValid"]!.GetValue<bool>(),
            tally["contests"]!.AsArray().Sum(c => c!["seats"]!.GetValue<int>()), tally["contests"]!.AsArray().Sum(c => c!["outcome"]?["elected"]?.AsArray().Count ?? 0),
            [.. result["elected"]!.AsArray().Select(p => p!)]);
    }

    private static string Name(JsonNode person) => person["name"]!.GetValue<string>();

    private static string Cell(Worksheet sheet, IReadOnlyList<string> row, string column) => row[sheet.Rows[0].ToList().IndexOf(column)];

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

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
        HashSet<string> Members(IEnumerable<Counted> v, string type) => [.. v.Where(c => c.Type == type).SelectMany(c => c.Elected).Select(Name)];
        string? Post(IEnumerable<Counted> v, string type, string post) => v.Where(c => c.Type == type).SelectMany(c => c.Elected).Where(p => p["post"]!.GetValue<string>() == post).Select(Name).FirstOrDefault();
        var oneShoulder = 0;
        var cross = 0;
        var twoCommittees = 0;
        var residents = 0;
        var villageSheet = book["各村"];
        foreach (var v in villages)
        {
            var party = Members(v, "partyCommittee");
            var committee = Members(v, "villagersCommittee");
            var secretary = Post(v, "partyCommittee", "书记") ?? (v.Key == entered.Key ? director : null);
            var isOneShoulder = secretary is not null && secretary == Post(v, "villagersCommittee", "主任");
            oneShoulder += isOneShoulder ? 1 : 0;
            cross += party.Intersect(committee).Count();
            twoCommittees += party.Union(committee).Count();
            residents += committee.Count;
            var row = villageSheet.Rows.Skip(1).Single(r => Cell(villageSheet, r, "乡镇") == v.Key.Township && Cell(villageSheet, r, "村（社区）") == v.Key.Village);
            Assert.Equal(party.Intersect(committee).Count().ToString(CultureInfo.InvariantCulture), Cell(villageSheet, row, "交叉任职人数"));
            Assert.Equal(isOneShoulder ? "是" : secretary is null ? "未定" : "否", Cell(villageSheet, row, "一肩挑"));
        }

        // 一次选举成功: every seat filled on the first round's day, by the rounds of that day.
        int FilledOnTheDay(string type) => counts.Where(c => c.Type == type).GroupBy(c => c.FirstRound)
            .Count(e => e.Where(c => c.Valid && c.Date == e.Single(r => r.Round == 1).Date).Sum(c => c.Filled) >= e.Single(r => r.Round == 1).Seats);
        var firstRounds = counts.Where(c => c.Type == "villagersCommittee" && c.Round == 1).ToList();
        var villagersElected = villages.SelectMany(v => v.Where(c => c.Type == "villagersCommittee").SelectMany(c => c.Elected).DistinctBy(Name)).ToList();
        var ages = villagersElected.Where(p => p["age"] is not null).Select(p => p["age"]!.GetValue<int>()).ToList();

        var summary = book["汇总"];
        var all = summary.Rows.Skip(1).Single(r => r[0] == TownshipWorkbook.AllTownships);
        string Sum(string column) => Cell(summary, all, column);
        Assert.Equal(villages.Count.ToString(CultureInfo.InvariantCulture), Sum("村（社区）数"));
        Assert.Equal(firstRounds.Sum(c => c.Due!.Value).ToString(CultureInfo.InvariantCulture), Sum("登记选民"));
        Assert.Equal(firstRounds.Sum(c => c.Voted!.Value).ToString(CultureInfo.InvariantCulture), Sum("参加投票"));
        Assert.Equal(Number(Math.Round(100.0 * firstRounds.Sum(c => c.Voted!.Value) / firstRounds.Sum(c => c.Due!.Value), 1)), Sum("参选率（%）"));
        Assert.Equal(FilledOnTheDay("partyCommittee").ToString(CultureInfo.InvariantCulture), Sum("党组织一次选举成功数"));
        Assert.Equal(FilledOnTheDay("villagersCommittee").ToString(CultureInfo.InvariantCulture), Sum("村（居）民委员会一次选举成功数"));
        Assert.True(FilledOnTheDay("villagersCommittee") < villages.Count, "one village's 另行选举 is held on another day");
        Assert.Equal(oneShoulder.ToString(CultureInfo.InvariantCulture), Sum("一肩挑村数"));
        Assert.Equal(cross.ToString(CultureInfo.InvariantCulture), Sum("交叉任职人数"));
        Assert.Equal(twoCommittees.ToString(CultureInfo.InvariantCulture), Sum("两委成员数"));
        Assert.Equal(residents.ToString(CultureInfo.InvariantCulture), Sum("村（居）民委员会成员数"));
        Assert.Equal(Number(Math.Round(100.0 * cross / twoCommittees, 1)), Sum("交叉任职占两委成员（%）"));
        Assert.Equal(Number(Math.Round(100.0 * cross / residents, 1)), Sum("交叉任职占村（居）委会成员（%）"));
        Assert.Equal(villagersElected.Count(p => p["gender"]?.GetValue<string>() == "female").ToString(CultureInfo.InvariantCulture), Sum("村（居）民委员会女性"));
        Assert.Equal(Number(Math.Round(ages.Average(), 1, MidpointRounding.AwayFromZero)), Sum("村（居）民委员会平均年龄"));
        Assert.Equal(ages.Count(a => a <= 35).ToString(CultureInfo.InvariantCulture), Sum("村（居）民委员会35岁及以下"));

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
        var (code, output, errors) = await HostProcess.RunAsync("township", "import", township.Folder, "--data", data);
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
}
