using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Station.Web;

namespace BallotScan.Station.Tests;

/// <summary>The station's API over real HTTP, each test on SQLite and on PostgreSQL.</summary>
public sealed class StationApiTests
{
    public static TheoryData<Storage> Storages => [Storage.Sqlite, Storage.Postgres];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_batch_taken_in_reviewed_and_confirmed_counts_to_the_truth_and_reconciles(Storage storage)
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(storage);
        using var op = await server.SignInAsync("op");
        using var s1 = await server.SignInAsync("s1");
        using var s2 = await server.SignInAsync("s2");

        using (var upload = await op.UploadAsync(batch.Files))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            var taken = await upload.Content.ReadFromJsonAsync<List<BallotScan.Host.Station.Web.IntakeAnswer>>(ElectionJson.Options);
            Assert.Equal(batch.Sheets.Count, taken!.Count);
            // A file repeated in the batch is one file.
            Assert.Equal(batch.Sheets.Select(s => s.Truth.Sha256).Distinct().Count(), taken.Count(t => t.IsNew));
        }

        var progress = await server.ReadAllAsync();
        Assert.Equal(batch.Sheets.Select(s => s.Truth.Sha256).Distinct().Count(), progress.Files);

        // The machine alone leaves a review list; nothing on it is counted.
        var review = await s1.GetJsonAsync<List<ReviewItem>>("/api/review");
        Assert.NotEmpty(review);
        var read = server.Station.Store.Sheets().Select(s => server.Station.Reading.Interpretation(s.SheetId)!).ToList();
        Assert.Contains(read, r => r.SheetReasons.Contains(ReviewReason.PossibleRescan));

        // The scrutineers decide from the image (here: the generator's truth); each decision that changes a count waits for s2.
        var decisions = batch.Decisions(server.Station);
        Assert.NotEmpty(decisions);
        foreach (var d in decisions)
        {
            using var response = await s1.PostJsonAsync("/api/decisions", new DecisionRequest(d.Sheet, d.Kind, d.BoxId, d.Symbol, d.WriteInName, d.SheetDecision, d.Reason));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var waiting = await s2.GetJsonAsync<List<JsonElement>>("/api/confirmations");
        Assert.NotEmpty(waiting);
        var provisional = await s1.GetJsonAsync<JsonElement>("/api/results");
        Assert.True(provisional.GetProperty("adjudicated").GetProperty("pendingSheets").GetInt32() > 0, "decisions awaiting a second scrutineer must not count yet");

        // The one who decided cannot confirm it; another scrutineer can.
        var first = waiting[0].GetProperty("id").GetInt64();
        using (var own = await s1.PostJsonAsync($"/api/decisions/{first}/answer", new { agree = true }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        }

        foreach (var w in waiting)
        {
            using var response = await s2.PostJsonAsync($"/api/decisions/{w.GetProperty("id").GetInt64()}/answer", new { agree = true });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Empty(await s1.GetJsonAsync<List<ReviewItem>>("/api/review"));
        var results = await s1.GetJsonAsync<JsonElement>("/api/results");
        var lines = results.GetProperty("lines").Deserialize<List<TallyLine>>(ElectionJson.Options)!;
        var truth = batch.Truth();
        Assert.Equal(SyntheticBatch.VoteLines(ResultLines.Of(truth.Adjudicated)), SyntheticBatch.VoteLines(lines));

        // The hand tally as the counters wrote it: the truth, entered as CSV; it agrees line by line.
        var csv = HandTally.ToCsv(ResultLines.Of(truth.Adjudicated), batch.Definition);
        using (var hand = await s1.PostAsync("/api/hand-tally", new StringContent(csv, Encoding.UTF8, "text/csv")))
        {
            Assert.True(hand.IsSuccessStatusCode, await hand.Content.ReadAsStringAsync());
        }

        var reconciliation = await s1.GetJsonAsync<ReconciliationReport>("/api/reconciliation");
        Assert.True(reconciliation.Agrees, string.Join("; ", reconciliation.Differences.Select(d => $"{d.Line.Name} {d.Line.Kind} {d.Hand} vs {d.Machine}")));

        // Everything that happened is in the audit log.
        var audit = (await s1.GetJsonAsync<JsonElement>("/api/audit?limit=1000")).GetProperty("entries").Deserialize<List<AuditLogRow>>(ElectionJson.Options)!;
        Assert.Contains(audit, a => a.Action == "login" && a.Actor == "s2");
        Assert.Equal(decisions.Count, audit.Count(a => a.Action == "decision"));
        Assert.Equal(waiting.Count, audit.Count(a => a.Action == "confirm"));
        Assert.Contains(audit, a => a.Action == "hand tally");

        // The downloads are the count's files.
        using var pdf = await s1.Http.GetAsync("/downloads/result.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        var records = await s1.Http.GetStringAsync("/downloads/cast-vote-records.csv");
        Assert.Equal(read.Count, records.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Each_role_can_do_only_its_part_and_every_change_needs_the_antiforgery_token(Storage storage)
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(storage);
        using var op = await server.SignInAsync("op");
        using var s1 = await server.SignInAsync("s1");
        using var observer = await server.SignInAsync("obs");
        var one = new[] { batch.Files.First() };

        using (var anonymous = new StationClient(server.Address))
        {
            using var response = await anonymous.Http.GetAsync("/api/progress");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var page = await anonymous.Http.GetAsync("/review");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/login", new Uri(server.Address, page.Headers.Location!).AbsolutePath);
            Assert.False(await anonymous.SignInAsync("s1", "wrong password"));
        }

        using (var denied = await observer.UploadAsync(one))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using (var denied = await s1.UploadAsync(one))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using (var noToken = await op.PostAsync("/api/intake", new MultipartFormDataContent { { new ByteArrayContent(one[0].Bytes), "files", one[0].Name } }, withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }

        Assert.Equal(0, server.Station.Store.Progress().Files);
        using (var upload = await op.UploadAsync(one))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        await server.ReadAllAsync();
        var sheet = server.Station.Store.Sheets().Single();
        var box = server.Station.Reading.Interpretation(sheet.SheetId)!.Positions[0];
        var decision = new DecisionRequest(sheet.SheetId, AdjudicationKind.Box, box.BoxId, MarkSymbol.Other, null, null, "test");
        using (var denied = await op.PostJsonAsync("/api/decisions", decision))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using (var denied = await observer.PostJsonAsync("/api/decisions", decision))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using (var noReason = await s1.PostJsonAsync("/api/decisions", decision with { Reason = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        using (var allowed = await s1.PostJsonAsync("/api/decisions", decision))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // The observer sees everything, including the audit log with the failed sign-in.
        var audit = (await observer.GetJsonAsync<JsonElement>("/api/audit")).GetProperty("entries").Deserialize<List<AuditLogRow>>(ElectionJson.Options)!;
        Assert.Contains(audit, a => a.Action == "login failed" && a.Actor == "s1");
        Assert.Single(audit, a => a.Action == "decision");
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task What_was_recorded_cannot_be_changed_or_deleted_in_the_database(Storage storage)
    {
        await using var server = await StationServer.StartAsync(storage);
        server.Station.Store.Audit(new StationStore.AuditRow("s1", AuditEvent.HandTally, "a line that stays"));
        server.Station.Store.AddHandTally("s1", "项目,职位,姓名,票数\n");
        using var connection = server.Station.Store.Database.Open();
        foreach (var sql in new[] { "UPDATE audit_log SET detail = 'changed'", "DELETE FROM audit_log", "UPDATE hand_tallies SET csv = ''", "DELETE FROM hand_tallies" })
        {
            var e = Assert.ThrowsAny<System.Data.Common.DbException>(() => StationDatabase.Execute(connection, null, sql));
            Assert.Contains("append-only", e.Message, StringComparison.Ordinal);
        }

        Assert.Contains(server.Station.Store.AuditLog(10), a => a.Detail == "a line that stays");
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task The_same_file_twice_is_one_sheet(Storage storage)
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(storage);
        using var op = await server.SignInAsync("op");
        var file = batch.Files.First();
        using (await op.UploadAsync([file]))
        {
        }

        using var again = await op.UploadAsync([(file.Name + " (copy)", file.Bytes)]);
        var taken = await again.Content.ReadFromJsonAsync<List<BallotScan.Host.Station.Web.IntakeAnswer>>(ElectionJson.Options);
        Assert.False(taken![0].IsNew);
        Assert.Contains("只计一次", taken[0].Message, StringComparison.Ordinal);
        await server.ReadAllAsync();
        Assert.Equal(1, server.Station.Store.Progress().Files);
        Assert.Single(server.Station.Store.Sheets());
    }
}
