using System.Net;
using System.Net.Http.Headers;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 36: a request the station's pages cannot read — an empty POST without a Content-Type, a JSON body where a form is
/// expected, a workbook that inflates to a gigabyte posted as a candidate list — is answered in words (4xx, never 500),
/// and the station goes on answering.
/// </summary>
public sealed class HostileRequestTests
{
    [Theory]
    [InlineData("/hand-tally")]
    [InlineData("/election/check")]
    [InlineData("/election/new")]
    public async Task A_post_that_is_not_a_form_is_refused_in_words(string path)
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        using var s1 = await server.SignInAsync("s1");
        var client = path == "/hand-tally" ? s1 : op;

        using (var empty = await client.PostAsync(path, new ByteArrayContent([])))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, empty.StatusCode);
            Assert.Contains("不是表单", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var json = new StringContent("{\"name\":\"x\"}");
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using (var asJson = await client.PostAsync(path, json))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, asJson.StatusCode);
        }

        using var page = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_candidate_list_that_inflates_to_a_gigabyte_is_refused_and_the_station_goes_on()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        var folder = Directory.CreateTempSubdirectory("ballotscan-bomb-").FullName;
        try
        {
            var bomb = Path.Combine(folder, "候选人.xlsx");
            Lab.Synthesis.HostileFiles.InflatingWorkbook(bomb, 1L << 30);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("测试选举"), "title" },
                { new StringContent("某镇"), "township" },
                { new StringContent("某村"), "village" },
                { new StringContent("villagersCommittee"), "type" },
                { new StringContent("2026-12-20"), "date" },
                { new StringContent("100"), "electorate" },
                { new ByteArrayContent(await File.ReadAllBytesAsync(bomb)), "candidates", "候选人.xlsx" },
            };
            using var refused = await op.PostAsync("/election/new", form);
            Assert.NotEqual(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Contains("太大", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var page = await op.Http.GetAsync("/election");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
