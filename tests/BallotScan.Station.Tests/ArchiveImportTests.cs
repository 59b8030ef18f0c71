using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Host.Station;

namespace BallotScan.Station.Tests;

/// <summary>A station's count downloaded as an archive, verified, and taken into a new station for spot-checks months later.</summary>
public sealed class ArchiveImportTests
{
    public static TheoryData<Storage> Storages => [Storage.Sqlite, Storage.Postgres];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task The_archive_a_station_gives_verifies_and_an_imported_count_is_the_same_count(Storage storage)
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var venue = await StationServer.DecidedAsync(storage, batch);
        using var observer = await venue.SignInAsync("obs");
        var file = Path.Combine(venue.Folder, "downloaded.zip");
        await File.WriteAllBytesAsync(file, await observer.Http.GetByteArrayAsync("/downloads/archive.zip"));
        var root = await observer.Http.GetStringAsync("/downloads/archive-root.txt");

        var verification = ArchiveVerifier.Verify(file, root.Trim());
        Assert.True(verification.Passed, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Equal(venue.Station.Results.Count().Sheets.Count, verification.Manifest!.Sheets.Count);

        var archive = ArchivedCount.Load(file);
        var folder = Directory.CreateTempSubdirectory("ballotscan-import-").FullName;
        var (database, connection) = storage == Storage.Postgres ? StationServer.CreatePostgresDatabase() : (null, null);
        var options = new StationOptions { DataFolder = folder, Postgres = connection };
        using (var imported = CountingStation.Import(options, archive, "test"))
        {
            Assert.Equal(ResultLines.Of(venue.Station.Results.Count().Result.Adjudicated), ResultLines.Of(imported.Results.Count().Result.Adjudicated));
            Assert.Equal(archive.Count().Records.Select(r => r.Status), imported.Results.Count().Result.Records.Select(r => r.Status));
            Assert.Equal(verification.Manifest.MerkleRoot, imported.Store.Meta("archive-root"));
            Assert.Contains(imported.Store.AuditLog(10), a => a.Action == "archive import");

            // The imported count, archived again, pins the same root: nothing was changed on the way.
            var again = Path.Combine(folder, "again.zip");
            Assert.Equal(verification.Manifest.MerkleRoot, imported.Results.ExportArchive(again).MerkleRoot);
        }

        // A station that already holds sheets is not overwritten.
        var second = Assert.Throws<StationException>(() => CountingStation.Import(options, archive, "test"));
        Assert.Contains("已有选票", second.Message, StringComparison.Ordinal);
        Assert.Contains("already holds", new BallotScan.Host.Text.Lang(English: true).Say(second.Said), StringComparison.Ordinal);
        if (database is not null)
        {
            StationServer.DropPostgresDatabase(database);
        }

        Directory.Delete(folder, recursive: true);
    }
}
