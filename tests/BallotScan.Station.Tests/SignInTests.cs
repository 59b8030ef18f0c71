using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Station.Tests;

/// <summary>Issue 18, defects 7 and 8 (and the sign-in part of 10): sign-in, redirects, cookies and the audit log under hostile requests.</summary>
public sealed class SignInTests
{
    private static async Task<HttpResponseMessage> PostLogin(StationClient client, string name, string password, string? returnUrl = null)
    {
        await client.RefreshTokenAsync();
        var fields = new Dictionary<string, string> { ["name"] = name, ["password"] = password };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return await client.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task After_repeated_wrong_passwords_a_name_is_held_back_even_with_the_right_password()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var attacker = new StationClient(server.Address);
        for (var i = 0; i < 12; i++)
        {
            using var wrong = await PostLogin(attacker, "s1", $"guess {i}");
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }

        using var right = await PostLogin(attacker, "s1", StationServer.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("稍后", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_takes_as_long_to_refuse_as_a_known_one()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);
        using (await PostLogin(client, "warm-up", "x"))
        {
        }

        async Task<double> Time(string name)
        {
            var clock = Stopwatch.StartNew();
            using var response = await PostLogin(client, name, "not the password");
            return clock.Elapsed.TotalMilliseconds;
        }

        var known = new List<double>();
        var unknown = new List<double>();
        foreach (var name in new[] { "s1", "s2", "op", "obs", "aud" })
        {
            known.Add(await Time(name));
            unknown.Add(await Time($"nobody-{name}"));
        }

        var (k, u) = (known.Order().ElementAt(2), unknown.Order().ElementAt(2));
        Assert.True(u > 0.3 * k, $"an unknown name was refused in {u:0} ms, a known one in {k:0} ms: names can be discovered");
    }

    [Fact]
    public async Task An_anonymous_request_cannot_write_a_large_row_into_the_audit_log()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);
        try
        {
            using var response = await PostLogin(client, new string('名', 200_000), new string('p', 100_000));
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The station refuses the oversized form (413) and closes the connection while the client is still sending it.
        }

        Assert.All(server.Station.Store.AuditLog(100), a => Assert.True(a.Actor.Length + a.Detail.Length <= 1024, $"an audit row of {a.Actor.Length + a.Detail.Length} characters"));
    }

    [Fact]
    public async Task The_audit_log_is_given_a_page_at_a_time()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        for (var i = 0; i < 250; i++)
        {
            server.Station.Store.Audit(AuditFacts.Row("test", AuditEvent.BallotsIssued, new BallotsIssued($"box {i}", i)));
        }

        using var observer = await server.SignInAsync("obs");
        var first = await observer.GetJsonAsync<JsonElement>("/api/audit?limit=100");
        Assert.Equal(100, first.GetProperty("entries").GetArrayLength());
        var before = first.GetProperty("next").GetInt64();
        var second = await observer.GetJsonAsync<JsonElement>($"/api/audit?limit=100&before={before}");
        Assert.Equal(100, second.GetProperty("entries").GetArrayLength());
        Assert.True(second.GetProperty("entries")[0].GetProperty("id").GetInt64() < before);
        // Each row's facts by name, as stored.
        var facts = second.GetProperty("entries")[0].GetProperty("facts");
        Assert.StartsWith("box ", facts.GetProperty("Batch").GetString(), StringComparison.Ordinal);
        var page = await observer.Http.GetStringAsync("/audit");
        Assert.True(page.Split("<tr>").Length - 2 <= 200, "the audit page holds every row at once");

        // Times in Beijing time, labelled (issue 19): stored in UTC, shown eight hours on.
        var latest = server.Station.Store.AuditLog(1)[0];
        var shown = DateTimeOffset.Parse(latest.At, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime().AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("北京时间", page, StringComparison.Ordinal);
        Assert.Contains(shown, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\r\n/evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task A_return_address_off_the_station_is_not_followed_after_sign_in(string returnUrl)
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);
        using var response = await PostLogin(client, "s1", StationServer.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(server.Address, response.Headers.Location!);
        Assert.Equal(server.Address.Authority, target.Authority);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_return_address_in_chinese_on_the_station_is_followed()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);
        using var response = await PostLogin(client, "s1", StationServer.Password, "/sheet?id=选票");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sheet?id=%E9%80%89%E7%A5%A8", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("http://evil.example//evil.example/x")]
    [InlineData("http://evil.example/review")]
    public async Task Choosing_the_language_never_sends_the_browser_off_the_station(string referer)
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var client = new StationClient(server.Address);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lang/en");
        request.Headers.Referrer = new Uri(referer);
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_signed_out_session_cookie_no_longer_opens_the_station()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var s1 = await server.SignInAsync("s1");
        var cookie = s1.Cookies.GetCookies(server.Address)["ballotscan.session"]!.Value;
        using (var signedIn = await s1.Http.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        using (var logout = await s1.PostAsync("/logout", new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        // Someone who copied the cookie before sign-out tries it again.
        using var thief = new StationClient(server.Address);
        thief.Cookies.Add(server.Address, new Cookie("ballotscan.session", cookie));
        using var replay = await thief.Http.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_signs_in_no_more_its_session_ends_at_once_and_a_reset_password_replaces_the_old()
    {
        // Issue 19: accounts can be disabled and their passwords reset, not only added.
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var s1 = await server.SignInAsync("s1");
        Assert.True(server.Station.Store.Accounts.Disable("s1"));
        using (var me = await s1.Http.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        using var again = new StationClient(server.Address);
        Assert.False(await again.SignInAsync("s1", StationServer.Password));
        Assert.Contains(server.Station.Store.Accounts.Users(), u => u.Name == "s1" && u.DisabledAt is not null);

        Assert.True(server.Station.Store.Accounts.Enable("s1"));
        Assert.True(server.Station.Store.Accounts.SetPassword("s1", BallotScan.Host.Station.Accounts.Passwords.Hash("a new long password")));
        Assert.False(await again.SignInAsync("s1", StationServer.Password));
        Assert.True(await again.SignInAsync("s1", "a new long password"));
    }

    [Fact]
    public async Task Over_https_every_cookie_is_marked_secure()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        // As a browser behind a proxy on this machine that ends HTTPS: the browser keeps Secure cookies, so they are passed by hand here.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var tokenResponse = await http.GetAsync("/api/antiforgery");
        var antiforgeryCookies = tokenResponse.Headers.GetValues("Set-Cookie").ToList();
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "s1", ["password"] = StationServer.Password }),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        request.Headers.Add("Cookie", string.Join("; ", antiforgeryCookies.Select(c => c.Split(';')[0])));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = antiforgeryCookies.Concat(response.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("ballotscan.session=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("ballotscan.af=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
