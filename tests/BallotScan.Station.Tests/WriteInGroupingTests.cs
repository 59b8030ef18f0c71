using System.Text.RegularExpressions;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 35: where nobody is listed, the 另选 page puts the written cells still to enter in groups of like ink (字迹相近),
/// largest first, each with a button that ticks the group for one typing; the cells of one group read, nearly always, the same
/// name; once names are entered, those cells are shown together by name.
/// </summary>
public sealed partial class WriteInGroupingTests
{
    [Fact]
    public async Task Written_names_are_grouped_by_their_ink_before_anyone_types_them()
    {
        var open = Path.Combine(StationServer.Repository, "examples/villagers-committee-open.json");
        var definition = Engine.Elections.ElectionJson.Load(open);
        using var synthesizer = new Lab.Synthesis.BallotSynthesizer(definition, new Lab.Synthesis.SynthesisOptions { Seed = 7421, RescanRate = 0, DuplicateFileRate = 0 }.OnlyBallots());
        var made = Enumerable.Range(0, 30).AsParallel().AsOrdered().Select(synthesizer.Generate).ToList();
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { DefinitionFile = open, SecondScrutineer = false });
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(made.Select(m => (Path.GetFileName(m.Truth.File), m.Bytes))))
        {
        }

        await server.ReadAllAsync();
        var sheetOf = server.Station.Store.Sheets().ToDictionary(x => x.SheetId.Split('/')[0], x => x.SheetId, StringComparer.Ordinal);
        var truth = made.SelectMany(m => m.Truth.Boxes.Where(b => b.WriteInName is not null).Select(b => (Key: $"{sheetOf[m.Truth.Sha256]}|{b.BoxId}", Name: b.WriteInName!)))
            .ToDictionary(x => x.Key, x => x.Name, StringComparer.Ordinal);

        using var s1 = await server.SignInAsync("s1");
        var groups = Groups(await s1.Http.GetStringAsync("/write-ins"));
        var alike = groups.Where(g => g.Alike).ToList();
        Assert.NotEmpty(alike);
        Assert.All(alike, g => Assert.True(g.Cells.Count >= 2));
        Assert.All(alike.GroupBy(g => g.Contest), post => Assert.Equal(post.Select(g => g.Cells.Count).OrderDescending(), post.Select(g => g.Cells.Count))); // largest first
        // Every written cell is on the page once, and nearly every cell of a group reads its group's name.
        Assert.Equal(truth.Keys.Order(StringComparer.Ordinal), groups.SelectMany(g => g.Cells).Order(StringComparer.Ordinal));
        var inGroups = alike.Sum(g => g.Cells.Count);
        var withTheirGroup = alike.Sum(g => g.Cells.GroupBy(c => truth[c]).Max(n => n.Count()));
        Assert.True(withTheirGroup >= 0.95 * inGroups, $"{withTheirGroup} of {inGroups} cells read their group's name");

        // The largest group named once (its cells as a scrutineer would tick them): they are shown together under 已录入.
        var first = alike[0];
        var name = first.Cells.GroupBy(c => truth[c]).MaxBy(n => n.Count())!.Key;
        var ticked = first.Cells.Where(c => truth[c] == name).ToList();
        using (var recorded = await s1.PostAsync("/write-ins/decide-many", new FormUrlEncodedContent([.. ticked.Select(c => new KeyValuePair<string, string>("cells", c)), new("name", name)])))
        {
            Assert.True(recorded.StatusCode is System.Net.HttpStatusCode.Redirect or System.Net.HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        }

        var after = Groups(await s1.Http.GetStringAsync("/write-ins"));
        var entered = after.Where(g => g.Entered).SelectMany(g => g.Cells).ToList();
        Assert.Equal(ticked.Order(StringComparer.Ordinal), entered.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(after.Where(g => !g.Entered).SelectMany(g => g.Cells), ticked.Contains);
    }

    private sealed record Shown(string Contest, bool Alike, bool Entered, List<string> Cells);

    /// <summary>The page's groups in order: what each is (by its words) and its cells ("sheet|box", as the tick boxes give them).</summary>
    private static List<Shown> Groups(string html) =>
        [.. html.Split("<div class=\"ink-group\"").Skip(1).Select(part => new Shown(
            Contest().Match(part).Groups[1].Value,
            part.Contains("字迹相近的", StringComparison.Ordinal) && part.Contains("data-tick-group", StringComparison.Ordinal),
            part.Contains("已录入的", StringComparison.Ordinal),
            [.. Cell().Matches(part).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))]))];

    [GeneratedRegex("^ id=\"group-(.+)-[0-9]+\"")]
    private static partial Regex Contest();

    [GeneratedRegex("id=\"cell-[^\"]*\">.*?name=\"cells\" value=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
