using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 18: a bounded fuzz run in CI. A few hundred generated hostile files and form posts thrown at the reader and the
/// station, beside good ballots: no 500, no crash, every good ballot counted, memory bounded. Deterministic (seeded).
/// </summary>
public sealed class FuzzTests
{
    private static readonly HttpStatusCode[] s_refusals =
    [
        HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden,
        HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType,
        HttpStatusCode.TooManyRequests,
    ];

    /// <summary>One hostile file: what kind it is (for the message when something fails), its name and bytes.</summary>
    private sealed record Hostile(string Kind, string Name, byte[] Bytes);

    private static IEnumerable<Hostile> HostileFiles(Random random, IReadOnlyList<byte[]> goods, int count)
    {
        byte[] Good() => goods[random.Next(goods.Count)];
        byte[] Noise(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        string[] names = ["scan.jpg", "扫描 001.png", "../../etc/passwd", "a\0b.tif", new string('长', 600) + ".jpg", "CON", ".jpg", "x.JPEG", "photo.bmp", "page.tiff", "<script>.png"];
        for (var i = 0; i < count; i++)
        {
            var name = names[random.Next(names.Length)];
            var good = Good();
            yield return (i % 14) switch
            {
                0 => new("noise", name, Noise(random.Next(1, 6000))),
                1 => new("truncated", name, good[..random.Next(1, good.Length)]),
                2 => new("bit flips", name, Flip(random, good, random.Next(1, 40))),
                3 => new("header and noise", name, [.. good[..Math.Min(good.Length, random.Next(8, 400))], .. Noise(random.Next(0, 3000))]),
                4 => new("png of absurd size", name, Png(random.Next(2) == 0 ? 100_000 : 1, random.Next(2) == 0 ? 100_000 : int.MaxValue / 2)),
                5 => new("jpeg of absurd size", name, Jpeg(65_535, random.Next(1, 65_535))),
                6 => new("tiff looping", name, LoopingTiff()),
                7 => new("text", name, Encoding.UTF8.GetBytes("<html><body>这不是选票</body></html>")),
                8 => new("zip", name, [0x50, 0x4B, 0x03, 0x04, .. Noise(200)]),
                9 => new("empty", name, []),
                10 => new("good and a tail", name, [.. good, .. Noise(random.Next(1, 5000))]),
                11 => new("exif garbage", name, [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x20, .. "Exif\0\0"u8, .. Noise(26), .. good[2..]]),
                12 => new("segments shuffled", name, Shuffle(random, good)),
                _ => new("bit flips in the header", name, Flip(random, good, 3, headerOnly: true)),
            };
        }
    }

    private static byte[] Flip(Random random, byte[] good, int flips, bool headerOnly = false)
    {
        var bytes = (byte[])good.Clone();
        for (var k = 0; k < flips; k++)
        {
            bytes[random.Next(headerOnly ? Math.Min(64, bytes.Length) : bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return bytes;
    }

    private static byte[] Shuffle(Random random, byte[] good)
    {
        var cut = random.Next(1, good.Length - 1);
        return [.. good[..2], .. good[cut..], .. good[2..cut]];
    }

    private static byte[] Png(int width, int height)
    {
        var bytes = new byte[8 + 25 + 12];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        "IEND"u8.CopyTo(bytes.AsSpan(37));
        return bytes;
    }

    private static byte[] Jpeg(int width, int height) =>
        [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9];

    private static byte[] LoopingTiff()
    {
        var bytes = new byte[8 + 2 + 12 + 4];
        "II"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), 256);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(22), 8); // the next page is this page again
        return bytes;
    }

    /// <summary>A hostile value for a field of a form or a JSON body.</summary>
    private static string Value(Random random) => random.Next(12) switch
    {
        0 => string.Empty,
        1 => new string('x', random.Next(1000, 20_000)),
        2 => "writeIn, sheet",
        3 => "-1",
        4 => "99999999999999999999",
        5 => "王 强\u00A0\u3000",
        6 => "\0\u0001\r\n\t",
        7 => "<script>alert(1)</script>",
        8 => "../../../etc/passwd",
        9 => "null",
        10 => "Approve|director|王建华",
        _ => "box",
    };

    private static string JsonValue(Random random) => random.Next(8) switch
    {
        0 => "null",
        1 => "42",
        2 => "[1,[2,[3]]]",
        3 => "{\"a\":{\"b\":{}}}",
        4 => "true",
        5 => "1e309",
        _ => System.Text.Json.JsonSerializer.Serialize(Value(random)),
    };

    [Fact]
    public async Task Hostile_files_and_requests_beside_good_ballots_give_no_500_stop_nothing_and_every_good_ballot_is_counted()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(18_001);
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var reader = new BallotReader([batch.Layout], MarkClassifier.Shipped);
        // Good ballots the machine reads with certainty alone: beside the hostile files each must be counted as it is.
        var good = batch.Sheets.Where(s => s.Truth.Kind == SheetKind.Ballot).DistinctBy(s => s.Truth.Sha256)
            .Where(s => reader.ReadFile(s.Bytes, "good")[0] is { Accepted: true } r && r.Positions.All(p => p.Band == DecisionBand.Confident) && r.SheetReasons.Count == 0)
            .Take(12).ToList();
        Assert.True(good.Count >= 6, $"only {good.Count} good ballots are read with certainty");
        // Mutated from the other sheets: a copy of a good ballot with a tail is another image of that paper, rightly held back.
        var papers = good.Select(g => g.Truth.RepeatOf ?? g.Truth.Index).ToHashSet();
        var hostile = HostileFiles(random, [.. batch.Sheets.Where(s => !papers.Contains(s.Truth.RepeatOf ?? s.Truth.Index)).Select(s => s.Bytes)], 320).ToList();

        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        // The reader alone: every hostile file gives readings or a refusal, never an exception.
        foreach (var file in hostile)
        {
            var sheets = reader.ReadFile(file.Bytes, file.Name);
            Assert.True(sheets.Count > 0, $"{file.Kind}: no reading at all");
            Assert.All(sheets.Where(s => !s.Accepted), s => Assert.False(string.IsNullOrWhiteSpace(s.Message), $"{file.Kind}: refused without a word"));
        }

        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false, MaxFileBytes = 2 * 1024 * 1024 });
        using var op = await server.SignInAsync("op");
        using var s1 = await server.SignInAsync("s1");
        var mixed = hostile.Select(h => (h.Name, h.Bytes)).Concat(good.Select(g => (Name: Path.GetFileName(g.Truth.File), g.Bytes))).OrderBy(_ => random.Next()).ToList();
        foreach (var chunk in mixed.Chunk(40))
        {
            using var form = new MultipartFormDataContent();
            foreach (var (name, bytes) in chunk)
            {
                var part = new ByteArrayContent(bytes);
                part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"files\"; filename=\"{name.Replace("\0", string.Empty, StringComparison.Ordinal)}\"");
                form.Add(part);
            }

            using var upload = await op.PostAsync("/api/intake", form);
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        await server.ReadAllAsync(TimeSpan.FromMinutes(2));

        // Hostile requests while the count stands, from people signed in and from no one.
        var sheetIds = server.Station.Store.Sheets().Select(s => s.SheetId).ToList();
        using var anonymous = new StationClient(server.Address);
        await anonymous.RefreshTokenAsync();
        var posts = 0;
        for (var i = 0; i < 240; i++)
        {
            var client = (i % 3) switch { 0 => s1, 1 => op, _ => anonymous };
            var sheet = random.Next(3) == 0 ? Value(random) : sheetIds[random.Next(sheetIds.Count)];
            HttpContent content = (i % 6) switch
            {
                0 => new StringContent($$"""{"sheet":{{System.Text.Json.JsonSerializer.Serialize(sheet)}},"kind":{{JsonValue(random)}},"boxId":{{JsonValue(random)}},"symbol":{{JsonValue(random)}},"writeInName":{{JsonValue(random)}},"sheetDecision":{{JsonValue(random)}},"reason":{{JsonValue(random)}}}""", Encoding.UTF8, "application/json"),
                1 => new FormUrlEncodedContent([new("boxes", $"{sheet}|{Value(random)}"), new("boxes", Value(random)), new("symbol", Value(random))]),
                2 => new StringContent("项目,职位,姓名,票数\n" + string.Join("\n", Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"{Value(random)},{Value(random)},{Value(random)},{Value(random)}")), Encoding.UTF8, "text/csv"),
                3 => new FormUrlEncodedContent(Enumerable.Range(0, random.Next(0, 6)).Select(k => new KeyValuePair<string, string>((random.Next(4) switch { 0 => "kind", 1 => "contest", 2 => "name", _ => "c" }) + k, Value(random)))),
                4 => new FormUrlEncodedContent([new("seed", Value(random)), new("sheet", sheet), new("finding", Value(random)), new("order", Value(random)), new("marks", Value(random)), new("note", Value(random))]),
                _ => new FormUrlEncodedContent([new("name", Value(random)), new("password", Value(random)), new("returnUrl", Value(random))]),
            };
            var path = (i % 6) switch
            {
                0 => "/api/decisions",
                1 => "/marks/decide-many",
                2 => "/api/hand-tally",
                3 => "/hand-tally",
                4 => "/spot-check/record",
                _ => "/login",
            };
            using (content)
            using (var response = await client.PostAsync(path, content))
            {
                Assert.True(s_refusals.Contains(response.StatusCode), $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            posts++;
        }

        foreach (var path in new[] { "/", "/review", "/marks", "/confirmations", "/hand-tally", "/reconciliation", "/results", "/audit", "/spot-check", "/api/results", "/downloads/result.pdf", "/downloads/archive.zip", $"/sheet?id={Uri.EscapeDataString(Value(random))}", "/sheet/image?id=%00", "/lang/%0d%0a", "/review/next?after=%FF" })
        {
            using var response = await s1.Http.GetAsync(path);
            Assert.True(s_refusals.Contains(response.StatusCode), $"GET {path} answered {(int)response.StatusCode}");
        }

        // Every good ballot beside them is counted, as it reads alone.
        var records = server.Station.Results.Count().Result.Records.ToDictionary(r => r.Sheet, StringComparer.Ordinal);
        Assert.All(good, g => Assert.Equal(SheetStatus.Counted, records[g.Truth.Sha256].Status));

        GC.Collect();
        var grown = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (1024 * 1024);
        Assert.True(grown < 400, $"the managed heap grew by {grown} MB");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"the fuzz run took {clock.Elapsed.TotalSeconds:0} s, more than its two minutes");
        Assert.Equal(240, posts);
    }
}
