using System.Net;
using System.Text.RegularExpressions;

namespace BallotScan.Station.Tests;

/// <summary>
/// Pages written as Razor components (issue 19): the frame and the sign-in page speak Chinese by default and English from the
/// station's resources when chosen, and every value they show is encoded by Razor.
/// </summary>
public sealed partial class PageLocalisationTests
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    /// <summary>Takes in and reads <paramref name="sheets"/> synthetic ballots at <paramref name="server"/>; an observer signed in there.</summary>
    private static async Task<StationClient> ReadBatchAsync(StationServer server, int seed, int sheets)
    {
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(SyntheticBatch.Make(seed, sheets).Files))
        {
        }

        await server.ReadAllAsync();
        return await server.SignInAsync("obs");
    }

    /// <summary>The page at <paramref name="path"/> as <paramref name="client"/> sees it in Chinese (the default), then in English (the client keeps English).</summary>
    private static async Task<(string Chinese, string English)> InBothLanguagesAsync(StationServer server, StationClient client, string path)
    {
        var chinese = await client.Http.GetStringAsync(path);
        client.Cookies.Add(server.Address, new Cookie("lang", "en"));
        return (chinese, await client.Http.GetStringAsync(path));
    }

    [Fact]
    public async Task The_sign_in_page_is_chinese_by_default_and_english_when_chosen()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);

        var chinese = await client.Http.GetStringAsync("/login");
        Assert.Contains("<html lang=\"zh-CN\">", chinese, StringComparison.Ordinal);
        Assert.Contains("<title>登录 · BallotScan</title>", chinese, StringComparison.Ordinal);
        Assert.Contains("用户名", chinese, StringComparison.Ordinal);
        Assert.Contains("账户由工作站管理员在命令行创建", chinese, StringComparison.Ordinal);

        client.Cookies.Add(server.Address, new Cookie("lang", "en"));
        var english = await client.Http.GetStringAsync("/login");
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<title>Sign in · BallotScan</title>", english, StringComparison.Ordinal);
        Assert.Contains(">Name <input", english, StringComparison.Ordinal);
        Assert.Contains(">Password <input", english, StringComparison.Ordinal);
        // The only Chinese on the English page is the link back to Chinese.
        Assert.Equal(["中", "文"], Chinese().Matches(english).Select(m => m.Value));
    }

    [Fact]
    public async Task A_page_the_role_may_not_see_says_so_in_the_reader_s_language_with_403()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);

        using var chinese = await client.Http.GetAsync("/denied");
        Assert.Equal(HttpStatusCode.Forbidden, chinese.StatusCode);
        Assert.Contains("您的角色不能进行此操作。", await chinese.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        client.Cookies.Add(server.Address, new Cookie("lang", "en"));
        using var english = await client.Http.GetAsync("/denied");
        Assert.Equal(HttpStatusCode.Forbidden, english.StatusCode);
        Assert.Contains("Your role cannot do this.", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_is_a_page_of_its_entries_in_the_reader_s_language()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var observer = await server.SignInAsync("obs");

        var (chinese, english) = await InBothLanguagesAsync(server, observer, "/audit");
        Assert.Contains("<h1>操作日志</h1>", chinese, StringComparison.Ordinal);
        Assert.Contains("<th>时间（北京时间）</th><th>人员</th><th>操作</th><th>内容</th>", chinese, StringComparison.Ordinal);
        // The observer's own sign-in is the latest entry, its action in words, each cell labelled for a phone.
        Assert.Contains("<td data-label=\"人员\">obs</td><td data-label=\"操作\">登录</td>", chinese, StringComparison.Ordinal);

        Assert.Contains("<h1>Audit log</h1>", english, StringComparison.Ordinal);
        Assert.Contains("<th>Time (Beijing)</th><th>Who</th><th>Action</th><th>Detail</th>", english, StringComparison.Ordinal);
        Assert.Contains("100 a page, the latest first", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_spot_check_shows_an_observer_findings_and_votes_in_words_and_boxes_by_no_internal_id()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var observer = await ReadBatchAsync(server, seed: 7302, sheets: 12);
        const string draw = "/spot-check?seed=20261203&n=5";

        var (chinese, english) = await InBothLanguagesAsync(server, observer, draw);
        Assert.Equal(5, chinese.Split("<tr id=\"draw-").Length - 1);
        Assert.Equal(5, chinese.Split(">未查</td>").Length - 1);
        Assert.Contains("赞成○", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("/spot-check/record", chinese, StringComparison.Ordinal);
        // Issue 36: each post's check in plain words first; the statistics (SHA-256, Kaplan-Markov, μ, o₁ …) only under 详细.
        Assert.Contains("各职位的结果是否已经确认", chinese, StringComparison.Ordinal);
        var details = chinese.IndexOf("<details id=\"risk-details\">", StringComparison.Ordinal);
        Assert.True(details > 0, "no details");
        foreach (var term in new[] { "SHA-256", "Kaplan-Markov", "μ", "o₁" })
        {
            Assert.True(chinese.IndexOf(term, StringComparison.Ordinal) > details, $"{term} shown before the details");
        }


        Assert.Equal(5, english.Split(">not yet looked at</td>").Length - 1);
        Assert.Contains("approve ○", english, StringComparison.Ordinal);
        foreach (var html in new[] { chinese, english })
        {
            // Before the page was a component: "Open" for a finding, and every counted mark followed by its box id.
            Assert.DoesNotContain(">Open<", html, StringComparison.Ordinal);
            Assert.DoesNotContain("member/", html, StringComparison.Ordinal);
            Assert.DoesNotContain("director/", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_bar_of_the_results_chart_is_titled_in_the_reader_s_language()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var observer = await ReadBatchAsync(server, seed: 7303, sheets: 8);
        var candidate = server.Station.Definition.Contests[0].Candidates[0].Name;

        var (chinese, english) = await InBothLanguagesAsync(server, observer, "/results");
        Assert.Matches($"<title>{candidate} 赞成 \\d+</title>", chinese);
        // Before the page was a component, each bar was titled by its style's English name ("approve", "void").
        Assert.DoesNotMatch("<title>[^<]* (approve|disapprove|abstain|void) \\d+</title>", chinese);

        Assert.Matches($"<title>{candidate} approve \\d+</title>", english);
        Assert.Contains("<th>Name</th><th>approve</th><th>disapprove</th><th>abstain</th><th>void</th>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_address_with_markup_comes_back_encoded_on_a_refused_sign_in()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);
        await client.RefreshTokenAsync();
        const string hostile = "/review?x=\"><script>alert(1)</script>";

        using var refused = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "s1", ["password"] = "not the password", ["returnUrl"] = hostile,
        }));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/review?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", html, StringComparison.Ordinal);
    }
}
