using BallotScan.Engine.Counting;
using BallotScan.Host.Station.Web;

namespace BallotScan.Station.Tests;

/// <summary>Two scan stations sharing one count in PostgreSQL: each takes in part of the batch, every sheet is counted once, and both see the same count.</summary>
public sealed class SharedCountTests
{
    [Fact]
    public async Task Two_stations_on_one_PostgreSQL_count_take_in_and_read_every_sheet_once_and_agree()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var (database, connection) = StationServer.CreatePostgresDatabase();
        try
        {
            await using var first = await StationServer.StartAsync(Storage.Sqlite, o => o with { Postgres = connection, SecondScrutineer = false });
            await using var second = await StationServer.StartAsync(Storage.Sqlite, o => o with { Postgres = connection, SecondScrutineer = false });
            using var opA = await first.SignInAsync("op");
            using var opB = await second.SignInAsync("op");
            var files = batch.Files.ToList();
            // Each station scans half; one file is fed at both.
            var uploads = await Task.WhenAll(opA.UploadAsync(files.Take(31)), opB.UploadAsync(files.Skip(30)));
            foreach (var response in uploads)
            {
                Assert.True(response.IsSuccessStatusCode);
                response.Dispose();
            }

            await first.ReadAllAsync();
            await second.ReadAllAsync();
            var distinct = batch.TruthBySha256.Count;
            Assert.Equal(distinct, first.Station.Store.Progress().Files);
            Assert.Equal(first.Station.Store.Sheets().Select(s => s.SheetId).Order(StringComparer.Ordinal), second.Station.Store.Sheets().Select(s => s.SheetId).Order(StringComparer.Ordinal));
            Assert.Equal(distinct, first.Station.Store.Sheets().Count);

            // A scrutineer at the second station decides; the first station's count has it.
            using var s1 = await second.SignInAsync("s1");
            foreach (var d in batch.Decisions(second.Station))
            {
                using var response = await s1.PostJsonAsync("/api/decisions", new DecisionRequest(d.Sheet, d.Kind, d.BoxId, d.Symbol, d.WriteInName, d.SheetDecision, d.Reason));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }

            using var observerA = await first.SignInAsync("obs");
            Assert.Empty(await observerA.GetJsonAsync<List<ReviewItem>>("/api/review"));
            Assert.Equal(ResultLines.Of(second.Station.Results.Count().Result.Adjudicated), ResultLines.Of(first.Station.Results.Count().Result.Adjudicated));
            Assert.Equal(SyntheticBatch.VoteLines(ResultLines.Of(batch.Truth().Adjudicated)), SyntheticBatch.VoteLines(ResultLines.Of(first.Station.Results.Count().Result.Adjudicated)));
        }
        finally
        {
            StationServer.DropPostgresDatabase(database);
        }
    }
}
