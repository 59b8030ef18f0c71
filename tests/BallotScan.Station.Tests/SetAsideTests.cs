using System.Net;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;

namespace BallotScan.Station.Tests;

/// <summary>Issue 19: nothing hidden. Every sheet the count leaves out is listed with its image; a scrutineer confirms it or brings it back.</summary>
public sealed class SetAsideTests
{
    [Fact]
    public async Task Every_sheet_left_out_is_listed_and_one_brought_back_waits_to_be_read_box_by_box()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        // Beside the village's ballots, two ballots of another election (the party committee's, from the same township).
        var party = Engine.Elections.ElectionJson.Load(Path.Combine(StationServer.Repository, "examples/party-committee.json"));
        using var synthesizer = new Lab.Synthesis.BallotSynthesizer(party, new Lab.Synthesis.SynthesisOptions { Seed = 19001 }.OnlyBallots());
        var foreign = Enumerable.Range(0, 2).Select(i => ($"party-{i}.png", synthesizer.Generate(i).Bytes)).ToList();
        using (await op.UploadAsync(batch.Files.Take(10).Concat(foreign)))
        {
        }

        await server.ReadAllAsync();
        var left = server.Station.Results.Count().Result.Records.Where(r => r.Status == SheetStatus.NotCounted).ToList();
        Assert.NotEmpty(left);
        using var s1 = await server.SignInAsync("s1");
        var page = await s1.Http.GetStringAsync("/set-aside");
        Assert.All(left, r => Assert.Contains(r.Sheet, page, StringComparison.Ordinal));
        Assert.Contains("不计入", await s1.Http.GetStringAsync("/"), StringComparison.Ordinal);
        // A scrutineer sees, for each sheet, its image and a form that names it; an observer sees the same sheets and no form.
        Assert.All(left, r => Assert.Contains($"name=\"sheet\" value=\"{r.Sheet}\"", page, StringComparison.Ordinal));
        Assert.All(left, r => Assert.Contains($"src=\"/sheet/image?id={Uri.EscapeDataString(r.Sheet)}\"", page, StringComparison.Ordinal));
        Assert.Equal(left.Count, page.Split("<form method=\"post\" action=\"/set-aside/decide\"").Length - 1);
        Assert.Contains("name=\"__RequestVerificationToken\"", page, StringComparison.Ordinal);
        using (var observer = await server.SignInAsync("obs"))
        {
            var seen = await observer.Http.GetStringAsync("/set-aside");
            Assert.All(left, r => Assert.Contains(r.Sheet, seen, StringComparison.Ordinal));
            Assert.DoesNotContain("/set-aside/decide", seen, StringComparison.Ordinal);
        }


        // One that is no duplicate is brought back: it leaves the list and waits (a second scrutineer, then every box).
        var back = left.First(r => !server.Station.Reading.Interpretation(r.Sheet)!.SheetReasons.Contains(ReviewReason.Duplicate));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["sheet"] = back.Sheet, ["action"] = "count" });
        using (var response = await s1.PostAsync("/set-aside/decide", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var decision = Assert.Single(server.Station.Results.Decisions(), d => d.Decision.Sheet == back.Sheet);
        Assert.True(decision.AwaitingConfirmation, "bringing a set-aside sheet back into the count was taken from one scrutineer alone");
        using var s2 = await server.SignInAsync("s2");
        using (var confirm = await s2.PostJsonAsync($"/api/decisions/{decision.Id}/answer", new { agree = true }))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        }

        Assert.Equal(SheetStatus.Pending, server.Station.Results.Count().Result.Records.Single(r => r.Sheet == back.Sheet).Status);
        Assert.DoesNotContain(back.Sheet, await s1.Http.GetStringAsync("/set-aside"), StringComparison.Ordinal);
    }
}
