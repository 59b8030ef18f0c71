using System.Net;
using System.Net.Http.Json;
using System.Text;
using BallotScan.Engine.Elections;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>Issue 19: the chief scrutineer (总监票人) marks the count official; after that nothing changes it, and the report says so.</summary>
public sealed class OfficialResultTests
{
    [Fact]
    public async Task A_count_is_official_only_when_nothing_waits_and_then_nothing_changes_it()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using (var early = await StationServer.StartAsync(Storage.Sqlite))
        {
            early.Station.Store.Accounts.AddUser("chief", StationRole.ChiefScrutineer, Passwords.Hash(StationServer.Password));
            using var chiefEarly = await early.SignInAsync("chief");
            using var refused = await chiefEarly.PostJsonAsync("/api/official", new { });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var said = await refused.Content.ReadAsStringAsync();
            Assert.Contains("还不能确认为正式结果：尚未录入手工计票", said, StringComparison.Ordinal);
            Assert.DoesNotContain("official", said, StringComparison.Ordinal);

            // In English, every reason in English (not the Chinese list after an English first half).
            chiefEarly.Cookies.Add(early.Address, new System.Net.Cookie("lang", "en"));
            using var refusedInEnglish = await chiefEarly.PostJsonAsync("/api/official", new { });
            var english = await refusedInEnglish.Content.ReadAsStringAsync();
            Assert.Contains("Not yet official: no hand tally entered", english, StringComparison.Ordinal);
            Assert.DoesNotContain("尚未", english, StringComparison.Ordinal);
        }

        await using var server = await StationServer.DecidedAsync(Storage.Sqlite, batch);
        server.Station.Store.Accounts.AddUser("chief", StationRole.ChiefScrutineer, Passwords.Hash(StationServer.Password));
        using var s1 = await server.SignInAsync("s1");
        using (var notChief = await s1.PostJsonAsync("/api/official", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notChief.StatusCode);
        }

        using var chief = await server.SignInAsync("chief");
        using (var marked = await chief.PostJsonAsync("/api/official", new { }))
        {
            Assert.True(marked.StatusCode == HttpStatusCode.OK, await marked.Content.ReadAsStringAsync());
        }

        Assert.Equal("chief", server.Station.Results.Official!.By);
        var sheet = server.Station.Store.Sheets().First(s => s.Accepted);
        var box = server.Station.Reading.Interpretation(sheet.SheetId)!.Positions[0].BoxId;
        using (var decision = await s1.PostAsync("/api/decisions", new StringContent($$"""{"sheet":"{{sheet.SheetId}}","kind":"box","boxId":"{{box}}","symbol":"cross","reason":"late"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, decision.StatusCode);
            Assert.Contains("正式结果", await decision.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var op = await server.SignInAsync("op");
        using (var upload = await op.UploadAsync([("late.png", batch.Sheets[^1].Bytes.Reverse().ToArray())]))
        {
            var taken = (await upload.Content.ReadFromJsonAsync<List<BallotScan.Host.Station.Web.IntakeAnswer>>(ElectionJson.Options))!;
            Assert.False(taken.Single().IsNew);
        }

        using (var hand = await s1.PostAsync("/api/hand-tally", new StringContent("项目,职位,姓名,票数\n发出选票,,,1\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, hand.StatusCode);
        }

        var report = server.Station.Results.CountFiles()["result.json"];
        Assert.Contains("正式结果", Encoding.UTF8.GetString(report), StringComparison.Ordinal);
        Assert.Contains("正式结果", await chief.Http.GetStringAsync("/results"), StringComparison.Ordinal);
    }
}
