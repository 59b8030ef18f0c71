using System.Net;
using System.Text.Json.Nodes;

namespace BallotScan.Station.Tests;

/// <summary>
/// A legal name with a rare character (𠮷, CJK Extension B) at the station: the pages show it, and the station serves the
/// face that draws it (a tablet's own fonts often lack it), fetched by the browser only for such characters.
/// </summary>
public sealed class RareCharacterTests
{
    [Fact]
    public async Task A_name_with_an_extension_B_character_is_shown_and_its_face_served()
    {
        var folder = Directory.CreateTempSubdirectory("ballotscan-rare-").FullName;
        var json = JsonNode.Parse(File.ReadAllText(StationServer.VillagersExample), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        json["contests"]![0]!["candidates"]![0]!["name"] = "\U00020BB7明";
        var definition = Path.Combine(folder, "election.json");
        File.WriteAllText(definition, json.ToJsonString());
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { DefinitionFile = definition }, Path.Combine(folder, "data"));
        using var op = await server.SignInAsync("op");

        var handTally = await op.Http.GetStringAsync("/hand-tally");
        Assert.True(handTally.Contains("\U00020BB7明", StringComparison.Ordinal) || handTally.Contains("&#x20BB7;明", StringComparison.OrdinalIgnoreCase), "the name is on the hand-tally form");

        var css = await op.Http.GetStringAsync("/assets/station.css");
        Assert.Contains("@font-face", css, StringComparison.Ordinal);
        Assert.Contains("U+20000-3FFFF", css, StringComparison.Ordinal);
        using var font = await op.Http.GetAsync("/assets/rare-1.ttf");
        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
        Assert.Equal("font/ttf", font.Content.Headers.ContentType?.MediaType);
        var bytes = await font.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, bytes[..4]); // a TrueType face
        using var none = await op.Http.GetAsync("/assets/rare-9.ttf");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }
}
