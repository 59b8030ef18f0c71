using System.Net;
using BallotScan.Engine.Elections;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 35: once the result is official, the chief scrutineer takes the 另行选举 from the station's result page (the same
/// definition `election next-round` writes); before that, or for anyone else, it is refused; the log says who took which round.
/// </summary>
public sealed class NextRoundStationTests
{
    [Fact]
    public async Task The_chief_scrutineer_takes_the_next_round_from_the_official_result()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.DecidedAsync(Storage.Sqlite, batch);
        using var chief = await ChiefAsync(server);
        using var s1 = await server.SignInAsync("s1");

        using (var early = await chief.PostJsonAsync("/api/next-round", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("确认为正式结果之后，才能据以另行选举", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("id=\"next-round\"", await chief.Http.GetStringAsync("/results"), StringComparison.Ordinal);
        using (var marked = await chief.PostJsonAsync("/api/official", new { }))
        {
            Assert.True(marked.IsSuccessStatusCode, await marked.Content.ReadAsStringAsync());
        }

        var open = server.Station.Results.Count().Result.Adjudicated.Contests.Where(c => c.Outcome is { SeatsLeft: > 0 }).ToList();
        Assert.NotEmpty(open); // 60 ballots of voters who approve at random: no majority for some post

        // The page lists who stands; only the chief scrutineer has the button.
        var page = await chief.Http.GetStringAsync("/results");
        Assert.Contains("id=\"next-round\"", page, StringComparison.Ordinal);
        Assert.Contains("下载另行选举的选举定义", page, StringComparison.Ordinal);
        var seen = await s1.Http.GetStringAsync("/results");
        Assert.Contains("id=\"next-round\"", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("下载另行选举的选举定义", seen, StringComparison.Ordinal);
        using (var notChief = await s1.PostJsonAsync("/api/next-round", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notChief.StatusCode);
        }

        using var taken = await chief.PostJsonAsync("/api/next-round", new { });
        Assert.True(taken.IsSuccessStatusCode, await taken.Content.ReadAsStringAsync());
        var round = ElectionJson.Parse(await taken.Content.ReadAsStringAsync());
        Assert.Equal((ElectionRound.Supplementary, 2, batch.Definition.Id + "-r2"), (round.Round, round.RoundNumber, round.Id));
        Assert.Equal(open.Select(c => (c.ContestId, c.Outcome!.SeatsLeft)), round.Contests.Select(c => (c.Id, c.Seats)));
        Assert.DoesNotContain(ElectionValidator.Validate(round), p => p.Severity == ProblemSeverity.Error);

        // The form gives the same definition as a file named by its id; each taking is in the log, with the round and who stands.
        using var form = await chief.PostAsync("/results/next-round", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal($"{round.Id}.json", form.Content.Headers.ContentDisposition?.FileNameStar ?? form.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(ElectionJson.Serialize(round), await form.Content.ReadAsStringAsync());
        var logged = server.Station.Audit.AuditLog(50, null).Where(e => e.Event == AuditEvent.NextRoundDrawn).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.Equal(round.Id, Assert.IsType<NextRoundDrawn>(AuditFacts.Read(e.Event, e.Detail)).Election));
        Assert.Contains("生成另行选举", await chief.Http.GetStringAsync("/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_station_counts_the_next_round_and_keeps_the_first()
    {
        var batch = SyntheticBatch.Make(seed: 7302, sheets: 60);
        await using var server = await StationServer.DecidedAsync(Storage.Sqlite, batch);
        using var chief = await ChiefAsync(server);
        using var op = await server.SignInAsync("op");

        // Not before the result is official.
        using (var early = await chief.PostJsonAsync("/api/next-round/start", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        }

        Assert.Single(server.Station.Rounds);
        using (var marked = await chief.PostJsonAsync("/api/official", new { }))
        {
            Assert.True(marked.IsSuccessStatusCode, await marked.Content.ReadAsStringAsync());
        }

        var first = server.Station.Round;
        var firstElected = first.Results.Outcome().Elected.Select(p => p.Name).ToList();
        var firstResult = first.Results.CountFiles()["result.json"];
        Assert.NotEmpty(firstElected);

        // The chief scrutineer starts it from the results page: from then on the station counts round 2.
        using (var started = await chief.PostAsync("/results/next-round", new FormUrlEncodedContent([new("start", "1")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        Assert.Equal(2, server.Station.Rounds.Count);
        Assert.Equal((2, batch.Definition.Id + "-r2"), (server.Station.Round.Number, server.Station.Definition.Id));
        Assert.Null(server.Station.Results.Official);
        Assert.Equal(batch.Definition.Id, Assert.Single(server.Station.Results.EarlierRounds).ElectionId);

        // Those signed in stay signed in; the page lists who the first round elected and keeps its files, as they were.
        var page = await op.Http.GetStringAsync("/results");
        Assert.Contains("id=\"earlier-rounds\"", page, StringComparison.Ordinal);
        Assert.All(firstElected, name => Assert.Contains(name, page, StringComparison.Ordinal));
        Assert.Equal(firstResult, await op.Http.GetByteArrayAsync("/rounds/1/downloads/result.json"));
        using (var none = await op.Http.GetAsync("/rounds/3/downloads/result.json"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        // A first-round ballot fed to the second round is set aside as another election's; nothing is counted from it.
        using (var upload = await op.UploadAsync(batch.Files.Take(4)))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        await server.ReadAllAsync();
        var tally = server.Station.Results.Count().Result.Adjudicated;
        Assert.Equal(0, tally.BallotsFound);
        Assert.True(tally.NotCountedSheets >= 4, $"{tally.NotCountedSheets} set aside");

        // The scanner's folder still holds first-round scans: they stay the first round's; a new scan is taken in.
        var watch = Directory.CreateDirectory(Path.Combine(server.Folder, "scanner-out")).FullName;
        var files = batch.Files.ToList();
        await File.WriteAllBytesAsync(Path.Combine(watch, "old.png"), files[10].Bytes);
        await File.WriteAllBytesAsync(Path.Combine(watch, "new.png"), SyntheticBatch.Make(seed: 7303, sheets: 1).Files.First().Bytes);
        foreach (var f in Directory.EnumerateFiles(watch))
        {
            File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddMinutes(-1));
        }

        var before = server.Station.Store.Files().Count;
        new BallotScan.Host.Station.Intake.WatchedFolder(server.Station, Microsoft.Extensions.Logging.Abstractions.NullLogger<BallotScan.Host.Station.Intake.WatchedFolder>.Instance).Scan(watch);
        Assert.Equal(["new.png"], server.Station.Store.Files().Skip(before).Select(f => f.OriginalName));

        // The new round's log says which round it follows; the second round cannot be started twice.
        var opened = Assert.Single(server.Station.Audit.AuditLog(50, null), e => e.Event == AuditEvent.RoundStarted);
        var facts = Assert.IsType<RoundStarted>(AuditFacts.Read(opened.Event, opened.Detail));
        Assert.Equal((batch.Definition.Id + "-r2", 2, batch.Definition.Id), (facts.Election, facts.Round, facts.After));
        using (var again = await chief.PostJsonAsync("/api/next-round/start", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        // Opened again (a restart), the station counts round 2 and still holds the first.
        using var reopened = CountingStation.Open(server.Station.Options);
        Assert.Equal([1, 2], reopened.Rounds.Select(r => r.Number));
        Assert.Equal(batch.Definition.Id + "-r2", reopened.Definition.Id);
        Assert.NotNull(reopened.Accounts.User("chief"));
        Assert.Equal(firstResult, reopened.Rounds[0].Results.CountFiles()["result.json"]);
    }

    /// <summary>The chief scrutineer (总监票人) of a count: an account made and signed in.</summary>
    private static async Task<StationClient> ChiefAsync(StationServer server)
    {
        server.Station.Store.Accounts.AddUser("chief", StationRole.ChiefScrutineer, Passwords.Hash(StationServer.Password));
        return await server.SignInAsync("chief");
    }
}
