using System.Net;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>Issue 18, defect 6: counting a possible rescan needs a second scrutineer, and the first second scrutineer's answer settles a decision.</summary>
public sealed class SecondScrutineerTests
{
    public static TheoryData<Storage> Storages => [Storage.Sqlite, Storage.Postgres];

    private static async Task<StationServer> ReadBatch(Storage storage)
    {
        var server = await StationServer.StartAsync(storage);
        using var op = await server.SignInAsync("op");
        using (var upload = await op.UploadAsync(SyntheticBatch.Make(seed: 7301, sheets: 60).Files))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        await server.ReadAllAsync();
        return server;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Counting_a_sheet_flagged_as_a_possible_rescan_waits_for_a_second_scrutineer(Storage storage)
    {
        await using var server = await ReadBatch(storage);
        var rescan = server.Station.Store.Sheets().First(s => s.RescanOf is not null && s.Accepted);
        using var s1 = await server.SignInAsync("s1");
        using var response = await s1.PostAsync("/api/decisions", Json($$"""{"sheet":"{{rescan.SheetId}}","kind":"sheet","sheetDecision":"count","reason":"looks like a ballot of its own"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.GetProperty("needsConfirmation").GetBoolean(), "counting a possible rescan (the same paper twice) was taken from one scrutineer alone");
        Assert.NotEqual(SheetStatus.Counted, server.Station.Results.Count().Result.Records.First(r => r.Sheet == rescan.SheetId).Status);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Of_second_scrutineers_answering_one_decision_at_once_the_first_settles_it_and_the_others_are_told(Storage storage)
    {
        await using var server = await ReadBatch(storage);
        var names = Enumerable.Range(2, 8).Select(i => $"s{i}").ToList();
        foreach (var name in names.Where(n => server.Station.Store.Accounts.User(n) is null))
        {
            server.Station.Store.Accounts.AddUser(name, StationRole.Scrutineer, Passwords.Hash(StationServer.Password));
        }

        var sheet = server.Station.Store.Sheets().First(s => s.Accepted && s.RescanOf is null);
        var box = server.Station.Reading.Interpretation(sheet.SheetId)!.Positions.First(p => p.Symbol != MarkSymbol.Cross).BoxId;
        using var s1 = await server.SignInAsync("s1");
        long id;
        using (var decided = await s1.PostAsync("/api/decisions", Json($$"""{"sheet":"{{sheet.SheetId}}","kind":"box","boxId":"{{box}}","symbol":"cross","reason":"an × on the image"}""")))
        {
            var result = JsonDocument.Parse(await decided.Content.ReadAsStringAsync()).RootElement;
            Assert.True(result.GetProperty("needsConfirmation").GetBoolean());
            id = result.GetProperty("id").GetInt64();
        }

        var clients = new List<StationClient>();
        foreach (var name in names)
        {
            clients.Add(await server.SignInAsync(name));
        }

        // Every second scrutineer answers at the same moment, half of them agreeing.
        var answers = await Task.WhenAll(clients.Select((c, i) => c.PostAsync($"/api/decisions/{id}/answer", Json(i % 2 == 0 ? """{"agree":true}""" : """{"agree":false}"""))));
        var settled = answers.Select((a, i) => (a.StatusCode, Agree: i % 2 == 0, Name: names[i])).ToList();
        foreach (var a in answers)
        {
            a.Dispose();
        }

        foreach (var c in clients)
        {
            c.Dispose();
        }

        var winner = Assert.Single(settled, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(settled.Where(a => a != winner), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        var stored = server.Station.Store.Decisions().Single(d => d.Id == id);
        Assert.Equal((winner.Name, winner.Agree), (stored.Answer!.Scrutineer, stored.Answer.Agree));
        Assert.Single(stored.Confirmations);
    }
}
