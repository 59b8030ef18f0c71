using System.Net;
using System.Text;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>Issue 19: an action and its audit row are written together or not at all; pages encode what people type.</summary>
public sealed class AtomicActionTests
{
    [Fact]
    public async Task A_decision_whose_audit_row_cannot_be_written_is_not_recorded_either()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        using var op = await server.SignInAsync("op");
        using (await op.UploadAsync(batch.Files.Take(4)))
        {
        }

        await server.ReadAllAsync();
        using var s1 = await server.SignInAsync("s1");
        var sheet = server.Station.Store.Sheets().First(s => s.Accepted).SheetId;
        var box = server.Station.Reading.Interpretation(sheet)!.Positions[0].BoxId;

        // The audit log refuses every new row (a full disk, a broken database…).
        using (var c = server.Station.Store.Database.Open())
        {
            StationDatabase.Execute(c, null, "CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END");
        }

        using (var response = await s1.PostAsync("/api/decisions", new StringContent($$"""{"sheet":"{{sheet}}","kind":"box","boxId":"{{box}}","symbol":"cross","reason":"test"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("没有生效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(server.Station.Store.Decisions());
        using (var hand = await s1.PostAsync("/api/hand-tally", new StringContent("项目,职位,姓名,票数\n发出选票,,,4\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, hand.StatusCode);
        }

        Assert.Null(server.Station.HandTally.HandTallyLines());

        // Signing in starts a session and logs it in one transaction: with the log refusing, no session starts either.
        long Sessions()
        {
            using var c = server.Station.Store.Database.Open();
            return Convert.ToInt64(StationDatabase.Scalar(c, null, "SELECT COUNT(*) FROM sessions"), System.Globalization.CultureInfo.InvariantCulture);
        }

        var sessions = Sessions();
        using var late = new StationClient(server.Address);
        Assert.False(await late.SignInAsync("s2", StationServer.Password));
        Assert.Equal(sessions, Sessions());
    }

    [Fact]
    public async Task What_people_type_is_shown_as_text_never_run_as_script()
    {
        // A candidate's name (at most 12 characters: a tag), a written-in name, a file name and a reason, each carrying markup.
        const string Script = "<script>alert(1)</script>";
        const string Tagged = "<i>王建华</i>";
        const string FileName = "<img src=x onerror=alert(1)>";
        var text = File.ReadAllText(StationServer.VillagersExample).Replace("\"王建华\"", $"\"{Tagged}\"", StringComparison.Ordinal);
        var definition = Path.Combine(Path.GetTempPath(), $"ballotscan-xss-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(definition, text);
        try
        {
            await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { DefinitionFile = definition, SecondScrutineer = false });
            var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
            using var op = await server.SignInAsync("op");
            using (await op.UploadAsync([($"{FileName}.png", batch.Sheets[0].Bytes), ($"b{FileName}.jpg", "not an image at all"u8.ToArray())]))
            {
            }

            await server.ReadAllAsync();
            using var s1 = await server.SignInAsync("s1");
            var sheet = server.Station.Store.Sheets().First().SheetId;
            var page = server.Station.Layout.Pages[0];
            var writeIn = page.Boxes.First(b => b.Kind == Engine.Layout.BoxKind.WriteIn).Id;
            using (await s1.PostAsync("/api/decisions", new StringContent($$"""{"sheet":"{{sheet}}","kind":"writeIn","boxId":"{{writeIn}}","writeInName":"{{Script}}","symbol":"circle","reason":"{{Script}}"}""", Encoding.UTF8, "application/json")))
            {
            }

            Assert.Contains(server.Station.Results.Decisions(), d => d.Decision.Reason == Script && d.Decision.WriteInName == Script);
            Assert.Contains(server.Station.Store.Files(), f => f.OriginalName.Contains(FileName, StringComparison.Ordinal));
            foreach (var path in new[] { "/", "/review", Host.Station.Web.ReviewPages.SheetLink(sheet), "/write-ins", "/marks", "/hand-tally", "/results", "/audit", "/set-aside", "/confirmations" })
            {
                var html = await s1.Http.GetStringAsync(path);
                Assert.False(html.Contains(Script, StringComparison.Ordinal), $"{path} carries a script someone typed");
                Assert.False(html.Contains(Tagged, StringComparison.Ordinal), $"{path} carries a candidate's name as markup");
                Assert.False(html.Contains(FileName, StringComparison.Ordinal), $"{path} carries a file name as markup");
            }
        }
        finally
        {
            File.Delete(definition);
        }
    }
}
