using System.Net;
using System.Text;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 18, defects 2 and 3: enum values and hand-tally forms are parsed strictly before anything is stored, and one stored
/// record that cannot be applied is shown as such on its own, never a 500 on every page.
/// </summary>
public sealed class StoredRecordTests
{
    /// <summary>The pages and downloads every person uses; none of them may fail because of one bad record.</summary>
    private static readonly string[] s_pages =
        ["/", "/review", "/marks", "/confirmations", "/hand-tally", "/reconciliation", "/results", "/audit", "/api/results", "/api/review", "/api/confirmations", "/downloads/result.pdf", "/downloads/result.csv", "/downloads/archive.zip"];

    private static async Task AssertEveryPageAnswers(StationClient client)
    {
        foreach (var page in s_pages)
        {
            using var response = await client.Http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<(StationServer Server, string Sheet, string Box)> ReadOneBallot()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        using var op = await server.SignInAsync("op");
        using (var upload = await op.UploadAsync(batch.Files.Take(4)))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        await server.ReadAllAsync();
        var sheet = server.Station.Store.Sheets().First(s => s.Accepted);
        var box = server.Station.Reading.Interpretation(sheet.SheetId)!.Positions[0].BoxId;
        return (server, sheet.SheetId, box);
    }

    [Theory]
    [InlineData("writeIn, sheet")]
    [InlineData("Box, Sheet")]
    [InlineData("7")]
    [InlineData("box ")]
    public async Task A_decision_kind_that_is_not_one_defined_name_is_refused_and_every_page_still_answers(string kind)
    {
        var (server, sheet, box) = await ReadOneBallot();
        await using (server)
        {
            using var s1 = await server.SignInAsync("s1");
            var json = $$"""{"sheet":"{{sheet}}","kind":"{{kind}}","boxId":"{{box}}","symbol":"circle","sheetDecision":"count","reason":"test"}""";
            using (var response = await s1.PostAsync("/api/decisions", new StringContent(json, Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            }

            Assert.Empty(server.Station.Store.Decisions());
            await AssertEveryPageAnswers(s1);
        }
    }

    [Fact]
    public async Task A_stored_decision_that_cannot_be_applied_is_shown_on_its_sheet_and_the_rest_of_the_count_goes_on()
    {
        var (server, sheet, box) = await ReadOneBallot();
        await using (server)
        {
            // A row as the earlier flaw stored it (a comma list of kinds), and one naming a box the sheet does not have.
            using (var c = server.Station.Store.Database.Open())
            {
                StationDatabase.Execute(c, null, "INSERT INTO decisions (sheet_id, kind, box_id, symbol, write_in_name, sheet_decision, scrutineer, reason, at, needs_confirmation) " +
                    "VALUES (@s, 'WriteIn, Sheet', @b, 'Circle', NULL, 'Count', 's1', 'bad', '2026-12-01T00:00:00+00:00', 0)", ("s", sheet), ("b", box));
                StationDatabase.Execute(c, null, "INSERT INTO decisions (sheet_id, kind, box_id, symbol, write_in_name, sheet_decision, scrutineer, reason, at, needs_confirmation) " +
                    "VALUES (@s, 'Box', 'no-such-box', 'Circle', NULL, NULL, 's1', 'bad', '2026-12-01T00:00:00+00:00', 0)", ("s", sheet));
            }

            using var s1 = await server.SignInAsync("s1");
            await AssertEveryPageAnswers(s1);
            var page = await s1.Http.GetStringAsync(Host.Station.Web.ReviewPages.SheetLink(sheet));
            Assert.Contains("不能采用", page, StringComparison.Ordinal);

            // A good decision after them still counts.
            using var good = await s1.PostAsync("/api/decisions", new StringContent($$"""{"sheet":"{{sheet}}","kind":"sheet","sheetDecision":"void","reason":"test"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
            Assert.Equal(Engine.Counting.SheetStatus.Void, server.Station.Results.Count().Result.Records.First(r => r.Sheet == sheet).Status);
        }
    }

    [Theory]
    [InlineData("kind0=Approve&contest0=no-such-contest&name0=王建华&c0=5")]
    [InlineData("kind0=Approve&contest0=director&name0=没有此人&c0=5")]
    [InlineData("kind0=Approve&c0=5")]
    [InlineData("kind0=Nonsense&contest0=director&name0=王建华&c0=5")]
    [InlineData("kind0=1&contest0=director&name0=王建华&c0=5")]
    [InlineData("kind0=&c0=&kind1=Issued&c1=3")]
    [InlineData("kind0=Approve|director|王建华&c0=5")]
    [InlineData("")]
    public async Task A_hand_tally_form_that_cannot_be_applied_is_refused_and_every_page_still_answers(string form)
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var s1 = await server.SignInAsync("s1");
        var fields = form.Length == 0 ? [] : form.Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        using (var response = await s1.PostAsync("/hand-tally", new FormUrlEncodedContent(fields)))
        {
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        }

        await AssertEveryPageAnswers(s1);
    }

    [Fact]
    public async Task A_stored_hand_tally_that_cannot_be_applied_is_shown_as_such_and_the_count_goes_on()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        server.Station.Store.AddHandTally("s1", "项目,职位,姓名,票数\n赞成,没有的职位,王建华,5\n");
        using var s1 = await server.SignInAsync("s1");
        await AssertEveryPageAnswers(s1);
        Assert.Contains("不能采用", await s1.Http.GetStringAsync("/hand-tally"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("王 强")]
    [InlineData("王\u3000强")]
    [InlineData("王\u00A0强")]
    [InlineData(" 王强")]
    public async Task A_candidate_name_with_a_space_inside_counts_and_its_own_template_is_taken_back(string written)
    {
        var text = File.ReadAllText(StationServer.VillagersExample).Replace("\"王建华\"", $"\"{written}\"", StringComparison.Ordinal);
        var definition = Path.Combine(Path.GetTempPath(), $"ballotscan-spaced-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(definition, text);
        try
        {
            await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { DefinitionFile = definition });
            using var s1 = await server.SignInAsync("s1");
            var template = Encoding.UTF8.GetString(server.Station.Results.CountFiles()["hand-tally-template.csv"]).TrimStart('\uFEFF').Replace(",\n", ",0\n", StringComparison.Ordinal);
            using (var response = await s1.PostAsync("/api/hand-tally", new StringContent(template, Encoding.UTF8, "text/csv")))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await AssertEveryPageAnswers(s1);
            Assert.Contains(server.Station.Results.Count().Result.Adjudicated.Contests.SelectMany(c => c.Candidates), c => c.Name == "王强");
        }
        finally
        {
            File.Delete(definition);
        }
    }

    [Fact]
    public async Task A_hand_tally_saved_by_excel_on_chinese_windows_is_taken_and_one_with_no_line_of_the_report_is_refused()
    {
        // Issue 20: a CSV in GB18030, with a title row above the header and full-width digits.
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var s1 = await server.SignInAsync("s1");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030").GetBytes("示例村手工计票\r\n项目,职位,姓名,票数\r\n发出选票,,,７００\r\n赞成,主任,王建华,312\r\n");
        using (var response = await s1.PostAsync("/api/hand-tally", new ByteArrayContent(gb18030)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Contains(server.Station.HandTally.HandTallyLines()!, l => l.Name == "王建华" && l.Count == 312);
        Assert.Contains(server.Station.HandTally.HandTallyLines()!, l => l.Kind == Engine.Counting.LineKind.Issued && l.Count == 700);
        using (var other = await s1.PostAsync("/api/hand-tally", new StringContent("姓名,电话\n张三,123\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
            Assert.Contains("未核对", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_account_a_spot_check_or_an_official_mark_stored_unreadably_stops_nothing()
    {
        var (server, sheet, _) = await ReadOneBallot();
        await using (server)
        {
            using (var c = server.Station.Store.Database.Open())
            {
                StationDatabase.Execute(c, null, "INSERT INTO users (name, role, password_hash, created_at) VALUES ('root', 'Root', @h, '2026-12-01')", ("h", Host.Station.Accounts.Passwords.Hash(StationServer.Password)));
                StationDatabase.Execute(c, null, "INSERT INTO spot_checks (seed, draw_order, sheet_id, finding, note, audited_marks, auditor, at) VALUES ('7', 1, @s, 'Maybe', '', '', 'aud', '2026-12-01')", ("s", sheet));
            }

            // An account whose role is not a defined name cannot sign in; the others still can, and list it.
            Assert.Contains(server.Station.Store.Accounts.Users(), u => u.Name == "root" && u.DisabledAt is not null);
            using var root = new StationClient(server.Address);
            Assert.False(await root.SignInAsync("root", StationServer.Password));
            using var s1 = await server.SignInAsync("s1");
            await AssertEveryPageAnswers(s1);
            using var aud = await server.SignInAsync("aud");
            using (var spot = await aud.Http.GetAsync("/spot-check?seed=7&n=1"))
            {
                Assert.Equal(HttpStatusCode.OK, spot.StatusCode);
            }

            // An official mark that cannot be read still freezes the count, and every page says so instead of failing.
            using (var c = server.Station.Store.Database.Open())
            {
                StationDatabase.Execute(c, null, "INSERT INTO meta (key, value) VALUES ('official', 'not json')");
            }

            await AssertEveryPageAnswers(s1);
            using var late = await s1.PostAsync("/api/decisions", new StringContent($$"""{"sheet":"{{sheet}}","kind":"sheet","sheetDecision":"void","reason":"late"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        }
    }

    /// <summary>
    /// A stored sheet's fingerprint (what a rescan is compared by) that cannot be read stopped every later reading: the queue
    /// failed on it and tried again for ever. Now that one sheet is left out of the comparison, said in the log, and the
    /// count goes on.
    /// </summary>
    [Theory]
    [InlineData("{\"sheet\":")]
    [InlineData("null")]
    [InlineData("{\"sheet\":\"x\",\"key\":\"A|1|11\",\"shapes\":null}")]
    public async Task A_stored_fingerprint_that_cannot_be_read_does_not_stop_the_reading(string fingerprint)
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var folder = Directory.CreateTempSubdirectory("ballotscan-fingerprint-").FullName;
        var options = new Host.Station.StationOptions { DataFolder = folder, DefinitionFile = StationServer.VillagersExample };
        using (var station = Host.Station.CountingStation.Open(options))
        {
            foreach (var (name, bytes) in batch.Files.Take(4))
            {
                station.Intake.TakeIn(bytes, name, "upload", "op");
            }

            while (station.Reading.ReadQueued() > 0)
            {
            }

            using var c = station.Store.Database.Open();
            using var spoil = c.CreateCommand();
            spoil.CommandText = "UPDATE sheets SET fingerprint = @fp WHERE id = (SELECT MIN(id) FROM sheets WHERE fingerprint IS NOT NULL)";
            var parameter = spoil.CreateParameter();
            (parameter.ParameterName, parameter.Value) = ("@fp", fingerprint);
            spoil.Parameters.Add(parameter);
            Assert.Equal(1, spoil.ExecuteNonQuery());
        }

        // The station started again on its data loads every stored fingerprint, the spoilt one among them, and reads on.
        await using var server = await StationServer.StartAsync(Storage.Sqlite, folder: folder);
        using var op = await server.SignInAsync("op");
        using (await op.UploadAsync(batch.Files.Skip(4).Take(4)))
        {
        }

        var progress = await server.ReadAllAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, progress.Queued);
        Assert.Equal(progress.Files, server.Station.Store.Sheets().Select(s => s.FileId).Distinct().Count());
        Assert.True(progress.Files >= 7, $"only {progress.Files} files were read");
    }

    [Theory]
    [InlineData("{\"sheet\":\"x\",\"key\":\"A|1|11\",\"shapes\":[[0.1],[]]}")]
    [InlineData("{\"sheet\":\"x\",\"key\":\"A|1|11\",\"shapes\":[[],[]],\"centres\":[null]}")]
    [InlineData("{\"sheet\":\"x\",\"key\":\"A|1|11\",\"shapes\":[null,[]]}")]
    [InlineData("{\"key\":\"A|1|11\",\"shapes\":[[],[]]}")]
    [InlineData("[]")]
    public void A_stored_fingerprint_of_the_wrong_shape_is_not_taken_for_one(string json) =>
        Assert.Null(Host.Station.StationReading.ReadFingerprint(json));

    [Fact]
    public void A_stored_fingerprint_as_written_is_read_back()
    {
        var shape = Enumerable.Repeat(0.5, Engine.Recognition.RescanDetector.ShapeFeatures.Count).ToArray();
        var written = new Engine.Recognition.SheetFingerprint("x", "A|1|10", [shape, []], [new Engine.Geometry.PointD(3, 4), null]);
        var read = Host.Station.StationReading.ReadFingerprint(System.Text.Json.JsonSerializer.Serialize(written, Engine.Elections.ElectionJson.CompactOptions));
        Assert.NotNull(read);
        Assert.Equal(0, Engine.Recognition.RescanDetector.Distance(written, written with { Sheet = "y", Shapes = [shape, []], Centres = [new Engine.Geometry.PointD(3, 4), null] }, new() { MinInkedBoxes = 1 }));
        Assert.Equal((3.0, 4.0), (read.Centres![0]!.Value.X, read.Centres[0]!.Value.Y));
    }
}
