using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Headers;
using BallotScan.Engine.Township;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Township;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace BallotScan.Station.Tests;

/// <summary>The township station over real HTTP: its pages in Chinese, its figures the workbook's, uploads taken or refused by role and by what they hold.</summary>
[Collection(SyntheticTownship.Collection)]
public sealed class TownshipWebTests(SyntheticTownship township, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A township station on a free port, with an operator ("op") and an observer ("obs"), holding the archives it starts with.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Server(WebApplication app, TownshipStation station, string folder)
        {
            _app = app;
            Station = station;
            Folder = folder;
            Address = new Uri(app.Urls.First());
        }

        public TownshipStation Station { get; }

        public string Folder { get; }

        public Uri Address { get; }

        public static async Task<Server> StartAsync(IEnumerable<string> archives, string? watch = null)
        {
            var folder = Directory.CreateTempSubdirectory("township-web-").FullName;
            var station = TownshipStation.Open(new TownshipOptions { DataFolder = folder });
            station.Store.Accounts.AddUser("op", StationRole.Operator, Passwords.Hash(StationServer.Password));
            station.Store.Accounts.AddUser("obs", StationRole.Observer, Passwords.Hash(StationServer.Password));
            station.ImportAll([.. archives], "test", "test");
            var app = TownshipApp.Build(new TownshipServeOptions { Urls = "http://127.0.0.1:0", WatchFolder = watch }, station, logging => logging.SetMinimumLevel(LogLevel.Warning));
            await app.StartAsync();
            return new Server(app, station, folder);
        }

        public async Task<StationClient> SignInAsync(string name)
        {
            var client = new StationClient(Address);
            Assert.True(await client.SignInAsync(name, StationServer.Password), $"{name} could not sign in");
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Station.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }

    [Fact]
    public async Task Every_page_speaks_Chinese_only_and_shows_the_figures_the_workbook_holds()
    {
        await using var server = await Server.StartAsync(township.Archives);
        using var obs = await server.SignInAsync("obs");
        var report = server.Station.Report();
        var village = report.Villages[0];
        var paths = new[] { "/", "/villages", TownshipPagesLink(village.Place.Township), VillageLink(village.Place), "/archives", "/audit" };
        // Data: the places, the election ids, the account and the actor the archives were taken by.
        var data = report.Villages.SelectMany(v => new[] { v.Place.Township, v.Place.Village }.Concat(v.Elections.SelectMany(e => e.Rounds.Select(r => r.ElectionId)))).Append("obs").Append("test").ToList();
        foreach (var path in paths)
        {
            using var response = await obs.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
            var english = ChineseTextTests.EnglishWords(html, data).ToList();
            Assert.True(english.Count == 0, $"{path}: {string.Join("\n", english)}");
        }

        // Each township's row and the row of all of them show the figures computed from the archives' own files.
        var overview = await obs.Http.GetStringAsync("/");
        var counts = township.Archives.Select(IndependentTownship.Read).ToList();
        var none = new Dictionary<(string, string), string>();
        foreach (var (name, area) in counts.Select(c => c.Township).Distinct().Select(t => (t, counts.Where(c => c.Township == t).ToList())).Append(("合计", counts)))
        {
            var row = Regex.Match(overview, $"<tr>\\s*<td data-label=\"乡镇\"><a href=\"[^\"]*\">{Regex.Escape(name)}</a></td>(.*?)</tr>", RegexOptions.Singleline);
            Assert.True(row.Success, $"no row for {name}");
            var cells = Regex.Matches(row.Groups[1].Value, "<td data-label=\"([^\"]*)\"><a[^>]*>([^<]*)</a></td>").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var f = IndependentTownship.Summary(area, none);
            string Shown(string count, string of) => int.Parse(of, CultureInfo.InvariantCulture) is var d and > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{(double)int.Parse(count, CultureInfo.InvariantCulture) / d * 100:0.0}%（{count}/{of}）") : "—";
            Assert.Equal(Shown(f["参加投票"], f["登记选民"]), cells["参选率"]);
            Assert.Equal(Shown(f["参加投票党员"], f["应到会党员"]), cells["党员参会率"]);
            Assert.Equal(Shown(f["一肩挑村数"], f["村（社区）数"]), cells["一肩挑"]);
            Assert.Equal(f["书记或主任未定村数"], cells["书记或主任未定"]);
            Assert.Equal(Shown(f["交叉任职人数"], f["两委成员数"]), cells["交叉任职（占两委成员）"]);
            Assert.Equal(Shown(f["交叉任职人数"], f["村（居）民委员会成员数"]), cells["交叉任职（占村（居）委会成员）"]);
            foreach (var (body, _) in IndependentTownship.Bodies)
            {
                Assert.Equal(Shown(f[$"{body}一次选举成功数"], f[$"{body}选举数"]), cells[$"{body}一次选举成功率"]);
            }
        }

        // The workbook the page offers is the one `township report` writes.
        using var workbook = await obs.Http.GetAsync("/report.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var file = Path.Combine(server.Folder, "downloaded.xlsx");
        await File.WriteAllBytesAsync(file, await workbook.Content.ReadAsByteArrayAsync());
        var summary = Engine.Spreadsheets.SpreadsheetFiles.Read(file)!.Single(w => w.Name == TownshipWorkbook.Sheets.Summary);
        var all = summary.Rows.Single(r => r[0] == TownshipWorkbook.AllTownships);
        Assert.Equal(report.All.OneShoulder.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), all[summary.Rows[0].ToList().IndexOf("一肩挑村数")]);
    }

    private static string TownshipPagesLink(string name) => Host.Township.Web.TownshipPages.VillagesLink(name);

    private static string VillageLink(VillageKey place) => Host.Township.Web.TownshipPages.VillageLink(place);

    private static MultipartFormDataContent Upload(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(part, "archives", name);
        }

        return form;
    }

    [Fact]
    public async Task An_operator_s_upload_is_taken_a_tampered_one_refused_with_its_village_named_and_an_observer_may_not_upload()
    {
        await using var server = await Server.StartAsync([]);
        var good = township.Archives[0];
        var tampered = await File.ReadAllBytesAsync(township.Archives[1]);
        // A byte changed in the middle of the file (inside a stored image or reading): the archive no longer verifies.
        tampered[tampered.Length / 2] ^= 0x55;
        using var obs = await server.SignInAsync("obs");
        using (var refused = await obs.PostAsync("/archives", Upload(("村.zip", await File.ReadAllBytesAsync(good)))))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/denied", refused.Headers.Location?.AbsolutePath ?? refused.Headers.Location?.OriginalString.Split('?')[0]);
        }

        Assert.Empty(server.Station.Archives());
        using var op = await server.SignInAsync("op");
        using var response = await op.PostAsync("/archives", Upload(("东湖.zip", await File.ReadAllBytesAsync(good)), ("坏.zip", tampered)));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var taken = Assert.Single(server.Station.Archives());
        Assert.Contains($"东湖.zip：已收入（{taken.Return.Place.Township}{taken.Return.Place.Village}", page, StringComparison.Ordinal);
        using var zip = System.IO.Compression.ZipFile.OpenRead(township.Archives[1]);
        using var definition = zip.GetEntry("definition.json")!.Open();
        var village = System.Text.Json.Nodes.JsonNode.Parse(definition)!["place"]!["village"]!.GetValue<string>();
        Assert.Matches($"未收入 坏\\.zip（[^）]*{village}[^）]*）", page);
    }

    [Fact]
    public async Task On_a_phone_the_figures_lead_to_a_village_and_an_operator_enters_its_secretary()
    {
        await using var server = await Server.StartAsync(township.Archives);
        var place = server.Station.Report().Villages.First(v => v.SecretaryFrom == SecretarySource.Unknown && v.Director is not null).Place;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, Locale = "zh-CN", HasTouch = true, IsMobile = true,
        });
        var page = await context.NewPageAsync();
        await BrowserTests.SignInAsync(page, "op");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the overview is wider than the phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTests.Screenshots, "township-overview-390px.png"), FullPage = true });
        await BrowserTests.NavigatesAsync(page, () => page.Locator("#areas a", new() { HasText = place.Township }).First.TapAsync());
        await BrowserTests.NavigatesAsync(page, () => page.Locator("#villages a", new() { HasText = place.Village }).First.TapAsync());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"{place.Township}{place.Village}");
        var director = server.Station.Report().Villages.Single(v => v.Place == place).Director!;
        await page.Locator("input[name=name]").FillAsync(director);
        await BrowserTests.NavigatesAsync(page, () => page.Locator("form[action='/village/secretary'] button").TapAsync());
        await Assertions.Expect(page.Locator(".figures")).ToContainTextAsync("一肩挑是");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the village's page is wider than the phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTests.Screenshots, "township-village-390px.png"), FullPage = true });
        Assert.True(server.Station.Report().Villages.Single(v => v.Place == place).OneShoulder);
        Assert.Contains(server.Station.Store.AuditLog(100).Select(e => e.Event), e => e == AuditEvent.SecretaryEntered);
    }

    /// <summary>A USB stick's archives copied into the watched folder are taken in by themselves, a tampered one refused and logged.</summary>
    [Fact]
    public async Task Archives_copied_into_the_watched_folder_are_taken_in()
    {
        var watch = Directory.CreateTempSubdirectory("township-watch-").FullName;
        try
        {
            await using var server = await Server.StartAsync([], watch);
            var stick = Directory.CreateDirectory(Path.Combine(watch, "U盘")).FullName;
            foreach (var archive in township.Archives.Take(3))
            {
                File.Copy(archive, Path.Combine(stick, Path.GetFileName(archive)));
            }

            var broken = await File.ReadAllBytesAsync(township.Archives[3]);
            broken[broken.Length / 3] ^= 0x20;
            await File.WriteAllBytesAsync(Path.Combine(stick, "坏.zip"), broken);
            var until = DateTime.UtcNow.AddMinutes(2);
            while (server.Station.Store.AuditLog(100).Count(e => e.Event is AuditEvent.TownshipArchiveTaken or AuditEvent.TownshipArchiveRefused) < 4 && DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }

            Assert.Equal(3, server.Station.Archives().Count);
            var log = server.Station.Store.AuditLog(100);
            Assert.Single(log, e => e.Event == AuditEvent.TownshipArchiveRefused && e.Actor == Host.Station.AuditFacts.ArchiveFolder);
            Assert.All(log.Where(e => e.Event == AuditEvent.TownshipArchiveTaken), e => Assert.Equal(Host.Station.AuditFacts.ArchiveFolder, e.Actor));
        }
        finally
        {
            Directory.Delete(watch, recursive: true);
        }
    }

    /// <summary>
    /// One stored record that cannot be read (an archive row whose return was edited outside BallotScan, as the latest count of
    /// an election): every page still answers, the row is named on the overview and the archives page, and that election counts
    /// in no figure (its earlier count does not come back in its place).
    /// </summary>
    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"place\":{\"township\":\"东湖镇\"},\"elected\":[null]}")]
    public async Task One_unreadable_archive_row_leaves_every_page_working(string stored)
    {
        await using var server = await Server.StartAsync(township.Archives.Take(4));
        var victim = server.Station.Archives()[1];
        server.Station.Store.Write((c, t) => Host.Station.Storage.StationDatabase.Execute(c, t,
            "INSERT INTO archives (sha256, merkle_root, election_id, first_round, round, township, village, election_return, original_name, channel, taken_by, taken_at) " +
            "VALUES ('edited', 'edited', @e, @e, 1, @t, @v, @json, 'edited.zip', 'test', 'test', '2026-12-08T00:00:00Z')",
            ("e", victim.Return.ElectionId), ("t", victim.Return.Place.Township), ("v", victim.Return.Place.Village), ("json", stored)) == 1, null);

        var ledger = server.Station.Ledger();
        var unreadable = Assert.Single(ledger.Unreadable);
        Assert.True(unreadable.Current);
        Assert.DoesNotContain(ledger.Returns, r => r.ElectionId == victim.Return.ElectionId);
        Assert.Equal(3, ledger.Returns.Count);
        using var obs = await server.SignInAsync("obs");
        foreach (var path in new[] { "/", "/villages", VillageLink(victim.Return.Place), "/archives", "/audit", "/report.xlsx", "/api/figures" })
        {
            using var response = await obs.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }

        foreach (var path in new[] { "/", "/archives" })
        {
            Assert.Contains($"第 {unreadable.Id} 条档案记录（{victim.Return.Place.Township}{victim.Return.Place.Village}", await obs.Http.GetStringAsync(path), StringComparison.Ordinal);
        }
    }
}
