using System.Net;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station;

namespace BallotScan.Station.Tests;

/// <summary>Issue 19: crops of the box to decide, the second scrutineer seeing what they confirm, rejected decisions back in the queue, write-ins grouped.</summary>
public sealed class ReviewAidTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Takes in and reads 60 synthetic ballots (seed 7301) at <paramref name="server"/>: their inked write-in cells.</summary>
    private static async Task<List<(string SheetId, string BoxId, string ContestId)>> InkedWriteInCellsAsync(StationServer server)
    {
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(SyntheticBatch.Make(seed: 7301, sheets: 60).Files))
        {
        }

        await server.ReadAllAsync();
        return [.. server.Station.Store.Sheets().Select(s => server.Station.Reading.Interpretation(s.SheetId)!).Where(s => s.Accepted)
            .SelectMany(s => s.Positions.Where(p => p.Kind == BoxKind.WriteIn && p.Symbol != MarkSymbol.Blank).Select(p => (s.SheetId, p.BoxId, p.ContestId)))];
    }

    [Fact]
    public async Task The_second_scrutineer_sees_the_box_and_the_machines_reading_and_a_rejected_decision_returns_to_the_queue()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        using (await op.UploadAsync(batch.Files.Take(12)))
        {
        }

        await server.ReadAllAsync();
        var sheet = server.Station.Store.Sheets().First(s => s.Accepted && !server.Station.Reading.Interpretation(s.SheetId)!.NeedsReview);
        var reading = server.Station.Reading.Interpretation(sheet.SheetId)!.Positions.First(p => p.Kind == BoxKind.Candidate && p.Symbol == MarkSymbol.Circle);
        using (var crop = await op.Http.GetAsync($"/sheet/crop?id={Uri.EscapeDataString(sheet.SheetId)}&box={Uri.EscapeDataString(reading.BoxId)}"))
        {
            Assert.Equal(HttpStatusCode.OK, crop.StatusCode);
            using var image = Engine.Imaging.ImageCodec.Decode(await crop.Content.ReadAsByteArrayAsync());
            Assert.InRange(image.Width, 40, 400);
        }

        using var s1 = await server.SignInAsync("s1");
        using var decided = await s1.PostAsync("/api/decisions", Json($$"""{"sheet":"{{sheet.SheetId}}","kind":"box","boxId":"{{reading.BoxId}}","symbol":"cross","reason":"test"}"""));
        var id = JsonDocument.Parse(await decided.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        using var s2 = await server.SignInAsync("s2");
        var confirmations = await s2.Http.GetStringAsync("/confirmations");
        Assert.Contains("/sheet/crop?id=", confirmations, StringComparison.Ordinal);
        Assert.Contains("○ ", confirmations, StringComparison.Ordinal); // the machine's reading beside the decision

        using (await s2.PostJsonAsync($"/api/decisions/{id}/answer", new { agree = false }))
        {
        }

        // Rejected: the box is not shown as decided, and its sheet waits for the scrutineers again.
        var page = await s1.Http.GetStringAsync(Host.Station.Web.ReviewPages.SheetLink(sheet.SheetId));
        var row = page[page.IndexOf($"id=\"row-{reading.BoxId}\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("decided", row[..row.IndexOf('>')], StringComparison.Ordinal);
        Assert.Contains("被驳回", page, StringComparison.Ordinal);
        Assert.Equal(SheetStatus.Counted, server.Station.Results.Count().Result.Records.Single(r => r.Sheet == sheet.SheetId).Status);
    }

    [Fact]
    public async Task A_box_s_crop_is_the_pixels_of_the_sheet_image_the_scrutineer_sees_the_right_way_up()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(SyntheticBatch.Make(seed: 7301, sheets: 60).Files.Take(16)))
        {
        }

        await server.ReadAllAsync();
        var sheets = server.Station.Store.Sheets().Select(s => server.Station.Reading.Interpretation(s.SheetId)!).Where(s => s.Accepted).ToList();
        static bool UpsideDown(Engine.Recognition.SheetInterpretation s) => s.RotationDegrees is { } r && Math.Abs(Math.Abs(r) - 180) < 45;
        Assert.Contains(sheets, UpsideDown);
        Assert.Contains(sheets, s => !UpsideDown(s));
        using var s1 = await server.SignInAsync("s1");
        foreach (var sheet in sheets.Where(UpsideDown).Take(2).Concat(sheets.Where(s => !UpsideDown(s)).Take(2)))
        {
            using var whole = Engine.Imaging.ImageCodec.Decode(await s1.Http.GetByteArrayAsync(Host.Station.Web.ReviewPages.ImageLink(sheet.SheetId)));
            var page = server.Station.Layout.Pages[(sheet.Page ?? 1) - 1];
            foreach (var box in new[] { page.Boxes.First(b => b.Kind == BoxKind.Candidate), page.Boxes.First(b => b.Kind == BoxKind.WriteIn) })
            {
                using var expected = whole.Crop(Host.Station.Web.SheetImages.CropRect(sheet, box));
                using var crop = Engine.Imaging.ImageCodec.Decode(await s1.Http.GetByteArrayAsync(Host.Station.Web.ReviewPages.CropLink(sheet.SheetId, box.Id)));
                Assert.Equal((expected.Width, expected.Height), (crop.Width, crop.Height));
                var (want, got) = (expected.ToPackedArray(), crop.ToPackedArray());
                Assert.Equal(UpsideDown(sheet) ? [.. want.Reverse()] : want, got); // half a turn: the last pixel first
            }
        }
    }

    [Fact]
    public async Task Write_ins_of_a_contest_are_grouped_as_crops_and_a_name_entered_once_is_offered_for_the_others()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        var cells = (await InkedWriteInCellsAsync(server)).Select(c => (c.SheetId, c.BoxId)).ToList();
        Assert.NotEmpty(cells);
        using var s1 = await server.SignInAsync("s1");
        var page = await s1.Http.GetStringAsync("/write-ins");
        Assert.All(cells, c => Assert.Contains(Host.Station.Web.ReviewPages.CropLink(c.SheetId, c.BoxId).Replace("&", "&amp;", StringComparison.Ordinal), page, StringComparison.Ordinal));

        var (sheet, box) = cells[0];
        using (var crop = await s1.Http.GetAsync(Host.Station.Web.ReviewPages.CropLink(sheet, box)))
        {
            Assert.Equal(HttpStatusCode.OK, crop.StatusCode);
            Assert.Equal("image/png", crop.Content.Headers.ContentType?.MediaType);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["sheet"] = sheet, ["box"] = box, ["name"] = "钱 六" });
        using (var response = await s1.PostAsync("/write-ins/decide", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Contains(server.Station.Results.Decisions(), d => d.Decision.Sheet == sheet && d.Decision.BoxId == box && d.Decision.WriteInName == "钱 六");
        Assert.Contains("<option value=\"钱 六\"", await s1.Http.GetStringAsync("/write-ins"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_typed_once_is_recorded_for_every_ticked_cell_each_as_its_own_decision()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        var cells = await InkedWriteInCellsAsync(server);
        var contest = cells.GroupBy(c => c.ContestId).OrderByDescending(g => g.Count()).First();
        Assert.True(contest.Count() >= 2, "the batch needs two inked write-in cells of one contest");
        var ticked = contest.Take(3).ToList();
        using var s1 = await server.SignInAsync("s1");
        var page = await s1.Http.GetStringAsync("/write-ins");
        Assert.Contains("form=\"many\"", page, StringComparison.Ordinal); // one form for every post: a name typed once for all its cells

        var fields = ticked.Select(c => new KeyValuePair<string, string>("cells", $"{c.SheetId}|{c.BoxId}")).Append(new("name", "孙 八"));
        using (var response = await s1.PostAsync("/write-ins/decide-many", new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var decisions = server.Station.Results.Decisions().Where(d => d.Decision.WriteInName == "孙 八").ToList();
        Assert.Equal(ticked.Select(c => (c.SheetId, c.BoxId)).Order(), decisions.Select(d => (d.Decision.Sheet, d.Decision.BoxId!)).Order());
        var logged = server.Station.Audit.AuditLog(100, null).Where(e => AuditFacts.Read(e.Event, e.Detail) is DecisionMade { What.WriteInName: "孙 八" }).ToList();
        Assert.Equal(ticked.Count, logged.Count);

        // A cell that is no cell of any sheet is said in words; the others are recorded all the same.
        var other = contest.Skip(3).FirstOrDefault(ticked[0]);
        using var mixed = await s1.PostAsync("/write-ins/decide-many", new FormUrlEncodedContent(
            [new("cells", "no-such-sheet|member/w1"), new("cells", $"{other.SheetId}|{other.BoxId}"), new("name", "周 九")]));
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var said = await mixed.Content.ReadAsStringAsync();
        Assert.Contains("1 栏已记录，1 栏未能记录", said, StringComparison.Ordinal);
        Assert.Contains("没有这张选票", said, StringComparison.Ordinal);
        Assert.DoesNotContain("There is no sheet", said, StringComparison.Ordinal);
        Assert.Contains(server.Station.Results.Decisions(), d => d.Decision.Sheet == other.SheetId && d.Decision.BoxId == other.BoxId && d.Decision.WriteInName == "周 九");
    }
}
