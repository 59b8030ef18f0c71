using System.Net;
using System.Text;
using BallotScan.Engine.Elections;

namespace BallotScan.Station.Tests;

/// <summary>
/// The township office's form at the station (选举定义): a definition made from a candidate list saved by Excel or WPS on
/// Chinese Windows and a few facts, checked, and its ballot printed, with no JSON typed by hand.
/// </summary>
public sealed class ElectionFormTests
{
    private static readonly string s_list = "示例村第十二届村民委员会候选人名单\r\n姓名,性别,职位,应选人数\r\n王建华,男,主任,1\r\n孙立平,男,主任,1\r\n刘玉兰,女,副主任,1\r\n何春生,男,副主任,1\r\n"
        + "李红梅,女,委员,3\r\n张国庆,男,委员,3\r\n马晓燕,女,委员,3\r\n吴德明,男,委员,3\r\n";

    private static MultipartFormDataContent Form(byte[] list, string date = "2026年12月20日", string electorate = "1260", string title = "示例村第十二届村民委员会选举")
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(list), "candidates", "候选人名单.csv");
        foreach (var (name, value) in new[] { ("type", "villagersCommittee"), ("title", title), ("township", "示例镇"), ("village", "示例村"), ("date", date), ("electorate", electorate), ("preset", string.Empty), ("paper", "A4"), ("requireSeal", "1") })
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static byte[] Gb18030(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(text);
    }

    [Fact]
    public async Task A_GB18030_candidate_list_becomes_a_checked_definition_and_its_ballot_prints()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");

        using var made = await op.PostAsync("/election/new", Form(Gb18030(s_list)));
        var page = await made.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Contains("id=\"definition-ok\"", page, StringComparison.Ordinal);
        Assert.Contains("示例村第十二届村民委员会选举选票", page, StringComparison.Ordinal);
        Assert.Contains("马晓燕、李红梅、吴德明、张国庆", page, StringComparison.Ordinal); // ballot order: 姓氏笔画

        // The downloads post the checked definition back; it is read and validated again.
        var json = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"definition\" value=\"([^\"]*)\"").Groups[1].Value);
        var definition = ElectionJson.Parse(json);
        Assert.Equal((ElectionType.VillagersCommittee, new DateOnly(2026, 12, 20), 1260, true), (definition.Type, definition.Date, definition.Electorate.Registered!.Value, definition.RuleProfile.RequireSeal));
        using var pdf = await op.PostAsync("/election/ballot.pdf", new FormUrlEncodedContent(new Dictionary<string, string> { ["definition"] = json }));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        using var file = await op.PostAsync("/election/definition.json", new FormUrlEncodedContent(new Dictionary<string, string> { ["definition"] = json }));
        Assert.Equal(definition, ElectionJson.Parse(await file.Content.ReadAsStringAsync()), new DefinitionComparer());

        // A definition edited by hand into something invalid is refused, never printed.
        using var forged = await op.PostAsync("/election/ballot.pdf", new FormUrlEncodedContent(new Dictionary<string, string> { ["definition"] = json.Replace("\"seats\": 3", "\"seats\": 9", StringComparison.Ordinal) }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Every_problem_of_the_form_is_said_at_once_in_Chinese_and_the_form_kept()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");

        using var bad = await op.PostAsync("/election/new", Form(Gb18030(s_list), date: "12月20日", electorate: "很多", title: "示例村选举"));
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("「12月20日」不是日期", page, StringComparison.Ordinal);
        Assert.Contains("「很多」不是人数", page, StringComparison.Ordinal);
        Assert.Contains("value=\"示例村选举\"", page, StringComparison.Ordinal); // what was typed stays

        using var noName = await op.PostAsync("/election/new", Form(Gb18030("职位,应选人数,姓名\r\n主任,1,\r\n主任,1,孙立平\r\n")));
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("id=\"definition-problems\"", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_s_problems_are_said_in_the_reader_s_language_only()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        var json = (await File.ReadAllTextAsync(StationServer.VillagersExample)).Replace("\"id\": \"example-village-2026\"", "\"id\": \"示例 村\"", StringComparison.Ordinal);
        Assert.Contains("示例 村", json, StringComparison.Ordinal);

        async Task<string> Refused()
        {
            using var refused = await op.PostAsync("/election/ballot.pdf", new FormUrlEncodedContent(new Dictionary<string, string> { ["definition"] = json }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            return WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        }

        var chinese = await Refused();
        Assert.Contains("选举编号须是", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("The election id must", chinese, StringComparison.Ordinal);

        op.Cookies.Add(server.Address, new Cookie("lang", "en"));
        var english = await Refused();
        Assert.Contains("The election id must", english, StringComparison.Ordinal);
        Assert.DoesNotContain("选举编号须是", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrutineer_cannot_make_definitions()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var s1 = await server.SignInAsync("s1");
        using var response = await s1.Http.GetAsync("/election");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Definitions compared by their stored JSON (records with lists compare by reference).</summary>
    private sealed class DefinitionComparer : IEqualityComparer<ElectionDefinition>
    {
        public bool Equals(ElectionDefinition? x, ElectionDefinition? y) => ElectionJson.Serialize(x!) == ElectionJson.Serialize(y!);

        public int GetHashCode(ElectionDefinition obj) => ElectionJson.Serialize(obj).GetHashCode(StringComparison.Ordinal);
    }
}
