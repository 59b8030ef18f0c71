using System.Net;
using BallotScan.Engine.Recognition;

namespace BallotScan.Station.Tests;

/// <summary>
/// What the machine says of a sheet as a whole is said for what happened to it: a second image of a paper and a file sent
/// twice are not "an image the machine cannot read".
/// </summary>
public sealed class SheetMessageTests
{
    private const string CannotRead = "机器无法读取这个图像";

    [Fact]
    public async Task A_possible_rescan_is_said_for_what_it_is_in_both_languages()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        using (await op.UploadAsync(batch.Files))
        {
        }

        await server.ReadAllAsync();
        var sheets = server.Station.Store.Sheets();
        var rescan = sheets.First(s => s.RescanOf is not null && s.Accepted);
        using var s1 = await server.SignInAsync("s1");

        var rescanPage = WebUtility.HtmlDecode(await s1.Http.GetStringAsync($"/sheet?id={Uri.EscapeDataString(rescan.SheetId)}"));
        Assert.DoesNotContain(CannotRead, rescanPage, StringComparison.Ordinal);
        Assert.Contains("可能是同一张纸又扫描了一次", rescanPage, StringComparison.Ordinal);
        Assert.Contains(rescan.RescanOf![..12], rescanPage, StringComparison.Ordinal);

        s1.Cookies.Add(server.Address, new Cookie("lang", "en"));
        Assert.Contains("same paper scanned again", WebUtility.HtmlDecode(await s1.Http.GetStringAsync($"/sheet?id={Uri.EscapeDataString(rescan.SheetId)}")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_read_twice_is_said_to_be_the_same_file_naming_the_first()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 1);
        var folder = Directory.CreateTempSubdirectory("ballotscan-duplicate-").FullName;
        try
        {
            var files = new[] { Path.Combine(folder, "box-a-001.jpg"), Path.Combine(folder, "box-a-001 (copy).jpg") };
            foreach (var file in files)
            {
                File.WriteAllBytes(file, batch.Sheets[0].Bytes);
            }

            var read = new SheetInterpretation[2];
            BatchReader.Read(files, new BallotReader([batch.Layout], MarkClassifier.Shipped), (i, sheets) => read[i] = sheets.Single());
            Assert.Contains(ReviewReason.Duplicate, read[1].SheetReasons);

            var chinese = Host.Text.Words.SheetMessage(new Host.Text.Lang(English: false), batch.Definition, read[1])!;
            Assert.DoesNotContain(CannotRead, chinese, StringComparison.Ordinal);
            Assert.Contains("逐字节相同", chinese, StringComparison.Ordinal);
            Assert.Contains("box-a-001.jpg", chinese, StringComparison.Ordinal);
            Assert.Contains("same file", Host.Text.Words.SheetMessage(new Host.Text.Lang(English: true), batch.Definition, read[1]), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(ReviewReason.PossibleRescan)]
    [InlineData(ReviewReason.Duplicate)]
    public void A_reading_kept_before_it_named_what_it_repeats_is_said_without_a_blank_name(ReviewReason reason)
    {
        var definition = Engine.Elections.ElectionJson.Load(StationServer.VillagersExample);
        var sheet = new SheetInterpretation { Sha256 = "abc", Accepted = reason == ReviewReason.PossibleRescan, SheetReasons = [reason], Message = "as it was kept" };

        var chinese = Host.Text.Words.SheetMessage(new Host.Text.Lang(English: false), definition, sheet)!;

        Assert.DoesNotContain(CannotRead, chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("…", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", chinese, StringComparison.Ordinal);
        Assert.Contains("先前的", chinese, StringComparison.Ordinal);
    }
}
