using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;

namespace BallotScan.Station.Tests;

/// <summary>Issue 21: batches at the station through the HTTP stack: opened, fed, closed, their figures, the paper's place in the archive.</summary>
public sealed class BatchTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(Storage.Sqlite)]
    [InlineData(Storage.Postgres)]
    public async Task Sheets_belong_to_the_batch_open_when_taken_in_at_their_place_and_each_box_is_checked_against_its_ballots_issued(Storage storage)
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var files = batch.Files.DistinctBy(f => Convert.ToHexString(SHA256.HashData(f.Bytes))).Take(5).ToList();
        await using var server = await StationServer.StartAsync(storage);
        using var op = await server.SignInAsync("op");

        using (var opened = await op.PostAsync("/api/batches", Json("""{"name":"中心会场"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using (await op.UploadAsync(files.Take(3)))
        {
        }

        // Opening the mobile box closes the hall's; a name used before is refused.
        using (var opened = await op.PostAsync("/api/batches", Json("""{"name":"流动票箱1"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using (var again = await op.PostAsync("/api/batches", Json("""{"name":"中心会场"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        using (await op.UploadAsync(files.Skip(3)))
        {
        }

        using (var closed = await op.PostAsync("/api/batches/close", Json("{}")))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        await server.ReadAllAsync();
        var sheets = server.Station.Store.Sheets().Select(s => server.Station.Reading.Interpretation(s.SheetId)!).ToList();
        Assert.Equal([("中心会场", 1), ("中心会场", 2), ("中心会场", 3), ("流动票箱1", 1), ("流动票箱1", 2)], sheets.Select(s => (s.Batch!, s.BatchPosition!.Value)));

        var rows = await op.GetJsonAsync<List<JsonElement>>("/api/batches");
        var hall = rows.Single(r => r.GetProperty("name").GetString() == "中心会场");
        Assert.Equal(3, hall.GetProperty("figures").GetProperty("sheets").GetInt32());
        Assert.False(hall.GetProperty("open").GetBoolean());
        using (var issued = await op.PostAsync($"/api/batches/{hall.GetProperty("id").GetInt64()}/issued", Json("""{"issued":5}""")))
        {
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }

        var figures = server.Station.Results.Count().Batches.Single(b => b.Batch == "中心会场");
        Assert.Equal(5, figures.Issued);
        Assert.Equal(5 - figures.Returned, figures.Missing);
        var page = await op.Http.GetStringAsync("/");
        Assert.Contains("流动票箱1", page, StringComparison.Ordinal);
        Assert.Contains("batch-figures", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_archive_carries_each_sheets_batch_and_position_and_an_edited_one_is_caught()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        using var op = await server.SignInAsync("op");
        using (await op.PostAsync("/api/batches", Json("""{"name":"中心会场"}""")))
        using (await op.UploadAsync(batch.Files.Take(6)))
        {
        }

        await server.ReadAllAsync();
        var path = Path.Combine(server.Folder, "archive.zip");
        await File.WriteAllBytesAsync(path, await op.Http.GetByteArrayAsync("/downloads/archive.zip"));
        var root = (await op.Http.GetStringAsync("/downloads/archive-root.txt")).Trim();
        var archive = ArchivedCount.Load(path, root);
        Assert.All(archive.Sheets, s => Assert.Equal("中心会场", s.Reading.Batch));
        Assert.Equal(archive.Sheets.Select(s => s.Reading.BatchPosition).Distinct().Count(), archive.Sheets.Select(s => s.Entry.ImageSha256).Distinct().Count());

        // A forger moves one sheet to another box and updates the manifest's hash of that reading.
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var sheet = archive.Sheets[0].Entry;
            var text = archive.Sheets[0].InterpretationJson.Replace("\"batch\":\"中心会场\"", "\"batch\":\"流动票箱1\"", StringComparison.Ordinal);
            zip.GetEntry(sheet.Interpretation)!.Delete();
            using (var stream = zip.CreateEntry(sheet.Interpretation).Open())
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
            }

            var manifestEntry = zip.GetEntry("manifest.json")!;
            JsonNode manifest;
            using (var stream = manifestEntry.Open())
            {
                manifest = JsonNode.Parse(stream)!;
            }

            manifest["sheets"]![0]!["interpretationSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            manifestEntry.Delete();
            using var written = zip.CreateEntry("manifest.json").Open();
            written.Write(Encoding.UTF8.GetBytes(manifest.ToJsonString(ElectionJson.Options)));
        }

        Assert.False(ArchiveVerifier.Verify(path, root).Passed, "a sheet moved to another batch passed verify against the report root");
    }

    [Fact]
    public async Task The_spot_check_lists_the_drawn_sheets_for_pulling_paper_and_records_an_image_that_is_not_its_papers()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        using var op = await server.SignInAsync("op");
        var files = batch.Files.DistinctBy(f => Convert.ToHexString(SHA256.HashData(f.Bytes))).Take(8).ToList();
        foreach (var (name, chunk) in new[] { ("中心会场", files.Take(4)), ("流动票箱1", files.Skip(4)) })
        {
            using (await op.PostAsync("/api/batches", Json($$"""{"name":"{{name}}"}""")))
            using (await op.UploadAsync(chunk))
            {
            }
        }

        await server.ReadAllAsync();
        using var auditor = await server.SignInAsync("aud");
        var page = await auditor.Http.GetStringAsync("/spot-check?seed=12345678901234567890&n=6");
        Assert.Contains("调取清单", page, StringComparison.Ordinal);
        // In the table, every 中心会场 row comes before every 流动票箱1 row, and positions rise within each.
        var rows = page.Split("<tr id=\"draw-").Skip(1).Select(r => r[..r.IndexOf("</tr>", StringComparison.Ordinal)]).ToList();
        var places = rows.Select(r => (Batch: r.Contains("<td>中心会场</td>", StringComparison.Ordinal) ? 0 : 1, Position: int.Parse(r.Split("<td>")[3].Split('<')[0], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(places.OrderBy(p => p.Batch).ThenBy(p => p.Position), places);

        var sheet = rows[0].Split("data-sheet=\"")[1].Split('"')[0];
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["seed"] = "12345678901234567890", ["n"] = "6", ["limit"] = "0.1", ["order"] = "1", ["sheet"] = sheet,
            ["finding"] = "disagree", ["note"] = "纸上不是这张图像", ["marks"] = string.Empty, ["image"] = "no", ["against"] = "paper",
        });
        using (var recorded = await auditor.PostAsync("/spot-check/record", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        Assert.Equal(false, server.Station.Store.SpotChecks("12345678901234567890")[sheet].Entry.ImageMatchesPaper);
        Assert.Contains("图像不是这张纸质选票的图像", await auditor.Http.GetStringAsync("/spot-check?seed=12345678901234567890&n=6"), StringComparison.Ordinal);
    }
}
