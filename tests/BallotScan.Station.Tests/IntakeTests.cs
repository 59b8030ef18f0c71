using System.Net;
using System.Net.Http.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Intake;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Station.Web;
using BallotScan.Host.Text;

namespace BallotScan.Station.Tests;

/// <summary>Every way in: upload limits, bad files, the scanner's feeder (SANE's test backend), the watched folder, a restart.</summary>
public sealed class IntakeTests
{
    [Fact]
    public async Task Pages_from_the_feeder_are_taken_in_once_each_and_a_test_pattern_is_not_a_ballot()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SaneDevice = "test" });
        using var op = await server.SignInAsync("op");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["pages"] = "3" });
        using var response = await op.PostAsync("/api/scan", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<ScanRun>(ElectionJson.Options);
        Assert.Null(run!.Problem);
        Assert.Equal(3, run.Pages);
        // SANE's test backend gives the same picture each time: three pages, one file by its SHA-256.
        Assert.Equal(1, run.Taken.Count(t => t.IsNew));
        Assert.Equal(2, run.Taken.Count(t => !t.IsNew));

        await server.ReadAllAsync();
        var sheet = server.Station.Reading.Interpretation(server.Station.Store.Sheets().Single().SheetId)!;
        // The page was decoded (a TIFF) and looked at: no ballot codes on it.
        Assert.False(sheet.Accepted);
        Assert.Equal([ReviewReason.NotABallot], sheet.SheetReasons);
        // The log records where the file came from, and says so in Chinese.
        var intake = Assert.Single(server.Station.Store.AuditLog(20), a => a.Event == AuditEvent.Intake);
        Assert.Equal("scanner", Assert.IsType<FileTakenIn>(AuditFacts.Read(intake.Event, intake.Detail)).Channel);
        Assert.StartsWith("扫描仪：", AuditLogWords.Detail(new Lang(English: false), server.Station.Layout, server.Station.Definition, intake), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_saved_into_the_watched_folder_are_taken_in_and_read()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var watch = Directory.CreateTempSubdirectory("ballotscan-watch-");
        try
        {
            await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { WatchFolder = watch.FullName });
            var files = batch.Sheets.Where(s => s.Truth.Kind == Lab.Synthesis.SheetKind.Ballot).Take(3).Select(s => (Name: Path.GetFileName(s.Truth.File), s.Bytes)).ToList();
            foreach (var (name, bytes) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(watch.FullName, name), bytes);
                File.SetLastWriteTimeUtc(Path.Combine(watch.FullName, name), DateTime.UtcNow.AddSeconds(-5));
            }

            var until = DateTime.UtcNow.AddSeconds(30);
            while (server.Station.Store.Progress().Files < files.Count && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }

            var progress = await server.ReadAllAsync();
            Assert.Equal(3, progress.Files);
            Assert.All(server.Station.Store.Files(), f => Assert.Equal("folder", f.Channel));
        }
        finally
        {
            watch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_corrupt_file_is_reported_on_its_sheet_an_oversized_one_is_refused_and_the_count_goes_on()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        // A good ballot the machine reads with certainty (a ballot with a marginal mark would wait for the scrutineers too).
        var reader = new BallotReader([batch.Layout], MarkClassifier.Shipped);
        var good = batch.Files.First(f => batch.Sheets.First(s => Path.GetFileName(s.Truth.File) == f.Name).Truth.Kind == Lab.Synthesis.SheetKind.Ballot
            && reader.ReadFile(f.Bytes, f.Name)[0].Positions.All(p => p.Band == DecisionBand.Confident));
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { MaxFileBytes = good.Bytes.Length + 10 });
        using var op = await server.SignInAsync("op");
        var corrupt = good.Bytes[..(good.Bytes.Length / 3)];
        var huge = new byte[good.Bytes.Length + 11];
        using var response = await op.UploadAsync([("broken.jpg", corrupt), ("../../etc/passwd", "not an image"u8.ToArray()), ("huge.png", huge), good]);
        var taken = (await response.Content.ReadFromJsonAsync<List<BallotScan.Host.Station.Web.IntakeAnswer>>(ElectionJson.Options))!;
        Assert.Equal([true, false, false, true], taken.Select(t => t.IsNew));
        Assert.Contains("文件超过", taken[2].Message, StringComparison.Ordinal);
        // The client's name is shown, never used as a path; a file that is no image or PDF is refused in words, never queued (issue 20).
        Assert.Equal("passwd", taken[1].OriginalName);
        Assert.Contains("不是扫描图像或 PDF", taken[1].Message, StringComparison.Ordinal);

        await server.ReadAllAsync();
        var sheets = server.Station.Store.Sheets().Select(s => server.Station.Reading.Interpretation(s.SheetId)!).ToList();
        Assert.Equal(2, sheets.Count);
        Assert.All(sheets.Where(s => s.Source != good.Name), s => Assert.False(s.Accepted));
        Assert.All(sheets.Where(s => s.Source != good.Name), s => Assert.False(string.IsNullOrWhiteSpace(s.Message)));
        Assert.True(sheets.Single(s => s.Source == good.Name).Accepted);
        // The good ballot is counted; the damaged image waits on the review list, with what is wrong, for the scrutineers to set aside.
        var count = server.Station.Results.Count().Result;
        Assert.Equal(1, count.Adjudicated.ValidBallots);
        Assert.Single(count.ReviewList);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public async Task A_phone_photo_turned_by_its_exif_orientation_is_read_and_shown_upright(ushort orientation)
    {
        // Issue 18, defect 5: a photo taken with the phone held sideways is stored turned, with an EXIF orientation tag.
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var ballot = batch.Sheets.First(s => s.Truth.Kind == Lab.Synthesis.SheetKind.Ballot);
        using var upright = Engine.Imaging.ImageCodec.Decode(ballot.Bytes);
        var photo = Lab.Synthesis.PhonePhoto.Jpeg(upright, orientation);

        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        using (var upload = await op.UploadAsync([("IMG_0001.jpg", photo)]))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        await server.ReadAllAsync();
        var sheet = server.Station.Reading.Interpretation(server.Station.Store.Sheets().Single().SheetId)!;
        Assert.True(sheet.Accepted, sheet.Message);
        using var image = await op.Http.GetAsync($"/sheet/image?id={Uri.EscapeDataString(sheet.SheetId)}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        using var shown = Engine.Imaging.ImageCodec.Decode(await image.Content.ReadAsByteArrayAsync());
        Assert.True(shown.Height > shown.Width, $"shown {shown.Width}x{shown.Height}: not upright");
    }

    [Theory]
    [InlineData(Storage.Sqlite)]
    [InlineData(Storage.Postgres)]
    public async Task A_file_name_with_a_nul_or_control_characters_is_cleaned_and_the_rest_of_the_upload_is_taken_in(Storage storage)
    {
        // Issue 18, defect 10: on PostgreSQL a NUL in a name gave a 500 with an empty body and dropped the rest of the request.
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var files = batch.Files.DistinctBy(f => Convert.ToHexString(f.Bytes)).Take(3).ToList();
        await using var server = await StationServer.StartAsync(storage);
        using var op = await server.SignInAsync("op");
        // Written by hand: HttpClient itself refuses such names, a hostile client does not.
        const string Boundary = "----ballotscan-test-boundary";
        var body = new MemoryStream();
        foreach (var (name, bytes) in new[] { ("evil\0name.jpg", files[0].Bytes), ("tab\tand\u0001.jpg", files[1].Bytes), files[2] })
        {
            body.Write(System.Text.Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: image/jpeg\r\n\r\n"));
            body.Write(bytes);
            body.Write("\r\n"u8);
        }

        body.Write(System.Text.Encoding.UTF8.GetBytes($"--{Boundary}--\r\n"));
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={Boundary}");
        using var response = await op.PostAsync("/api/intake", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var taken = (await response.Content.ReadFromJsonAsync<List<BallotScan.Host.Station.Web.IntakeAnswer>>(ElectionJson.Options))!;
        Assert.Equal(3, taken.Count(t => t.IsNew));
        Assert.All(server.Station.Store.Files(), f => Assert.DoesNotContain(f.OriginalName, char.IsControl));
    }

    [Fact]
    public async Task A_multi_page_pdf_from_an_office_scanner_is_one_sheet_per_page_each_shown_to_the_scrutineers()
    {
        // Issue 20: offices scan a stack of ballots into one PDF.
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var scans = batch.Sheets.Where(s => s.Truth.Kind == Lab.Synthesis.SheetKind.Ballot).DistinctBy(s => s.Truth.Sha256).Take(5)
            .Select(s => { using var image = Engine.Imaging.ImageCodec.Decode(s.Bytes); return Engine.Imaging.ImageCodec.EncodePng(image); }).ToList();
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        using (var upload = await op.UploadAsync([("扫描件.pdf", Lab.Synthesis.ScannerPdf.Of(scans))]))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        await server.ReadAllAsync();
        var sheets = server.Station.Store.Sheets();
        Assert.Equal(5, sheets.Count);
        Assert.All(sheets, s => Assert.True(s.Accepted));
        using var image = await op.Http.GetAsync($"/sheet/image?id={Uri.EscapeDataString(sheets[3].SheetId)}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
    }

    [Fact]
    public async Task Files_taken_in_before_a_crash_are_read_after_the_restart()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var folder = Directory.CreateTempSubdirectory("ballotscan-station-test-").FullName;
        var options = new StationOptions { DataFolder = folder, DefinitionFile = StationServer.VillagersExample };
        // Taken in, then the station stops before its queue reads anything.
        using (var station = CountingStation.Open(options))
        {
            foreach (var (name, bytes) in batch.Files.Take(4))
            {
                station.Intake.TakeIn(bytes, name, "upload", "op");
            }

            Assert.Equal(0, station.Store.Progress().Sheets);
        }

        await using var server = await StationServer.StartAsync(Storage.Sqlite, folder: folder);
        var progress = await server.ReadAllAsync();
        Assert.Equal(batch.Files.Take(4).Select(f => Convert.ToHexString(f.Bytes)).Distinct().Count(), progress.Files);
        Assert.Equal(progress.Files, progress.Sheets);
    }

    [Fact]
    public void A_decision_changes_a_count_when_it_overrules_the_machine_or_adds_a_vote()
    {
        var reading = new PositionReading("b1", "c", Engine.Layout.BoxKind.Candidate, MarkSymbol.Circle, 0.7, DecisionBand.Review, [ReviewReason.MarginalMark], [], [], [0, 0], 1, null, false);
        var sheet = new SheetInterpretation { Sha256 = "s", Accepted = true, Positions = [reading] };
        Adjudication Decision(AdjudicationKind kind, MarkSymbol? symbol = null, string? name = null, SheetDecision? whole = null) =>
            new() { Sheet = "s", Kind = kind, BoxId = "b1", Symbol = symbol, WriteInName = name, SheetDecision = whole, Scrutineer = "s1", Reason = "r" };

        Assert.False(Adjudications.ChangesACount(sheet, Decision(AdjudicationKind.Box, MarkSymbol.Circle)));
        Assert.True(Adjudications.ChangesACount(sheet, Decision(AdjudicationKind.Box, MarkSymbol.Cross)));
        Assert.True(Adjudications.ChangesACount(sheet, Decision(AdjudicationKind.WriteIn, name: "张三")));
        Assert.False(Adjudications.ChangesACount(sheet, Decision(AdjudicationKind.WriteIn, name: " ")));
        Assert.True(Adjudications.ChangesACount(sheet, Decision(AdjudicationKind.Sheet, whole: SheetDecision.Void)));
        Assert.False(Adjudications.ChangesACount(sheet, Decision(AdjudicationKind.Sheet, whole: SheetDecision.Count)));
        Assert.True(Adjudications.ChangesACount(sheet with { Accepted = false }, Decision(AdjudicationKind.Sheet, whole: SheetDecision.Count)));
    }
}
