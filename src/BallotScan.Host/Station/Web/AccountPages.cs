using BallotScan.Host.Station.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Station.Web;

/// <summary>Signing in and out, the language, the antiforgery token for API clients.</summary>
internal static class AccountPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/login", (HttpContext context, IAntiforgery af, string? returnUrl) => LoginPage(context, af, returnUrl, null)).AllowAnonymous();
        app.MapPost("/login", Login).AllowAnonymous();
        app.MapPost("/logout", async (HttpContext context, CountingStation station) =>
        {
            station.Store.Audit(context.UserName(), "logout", string.Empty);
            await context.SignOutAsync().ConfigureAwait(false);
            return Results.Redirect("/login");
        });
        app.MapGet("/lang/{code}", (HttpContext context, string code) =>
        {
            context.Response.Cookies.Append("lang", code == "en" ? "en" : "zh", new CookieOptions { SameSite = SameSiteMode.Strict, HttpOnly = true, MaxAge = TimeSpan.FromDays(365) });
            return Results.Redirect(context.Request.Headers.Referer.FirstOrDefault() is { } back && Uri.TryCreate(back, UriKind.Absolute, out var u) ? u.PathAndQuery : "/");
        }).AllowAnonymous();
        app.MapGet("/denied", (HttpContext context, IAntiforgery af) =>
            Page(context, af, Lang.Of(context).S("无权操作", "Not allowed"), $"<p>{E(Lang.Of(context).S("您的角色不能进行此操作。", "Your role cannot do this."))}</p>", StatusCodes.Status403Forbidden)).AllowAnonymous();

        // For API clients: the token to send as X-CSRF-TOKEN with every POST (with the cookie this call sets).
        app.MapGet("/api/antiforgery", (HttpContext context, IAntiforgery af) => Results.Json(new { token = af.GetAndStoreTokens(context).RequestToken, header = "X-CSRF-TOKEN" })).AllowAnonymous();
        app.MapGet("/api/me", (HttpContext context) => Results.Json(new { name = context.UserName(), role = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value }));
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery af, string? returnUrl, string? problem)
    {
        var lang = Lang.Of(context);
        var body = $"""
            {(problem is null ? string.Empty : $"<p class=\"problem\">{E(problem)}</p>")}
            <form method="post" action="/login" class="card narrow">
              {Token(context, af)}
              <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
              <label>{E(lang.S("用户名", "Name"))} <input name="name" autocomplete="username" required autofocus></label>
              <label>{E(lang.S("密码", "Password"))} <input name="password" type="password" autocomplete="current-password" required></label>
              <button type="submit" class="primary">{E(lang.S("登录", "Sign in"))}</button>
            </form>
            <p class="hint">{E(lang.S("账户由工作站管理员在命令行创建：./ballotscan station user add 姓名 --role operator|scrutineer|observer", "Accounts are made at the station's command line: ./ballotscan station user add NAME --role operator|scrutineer|observer"))}</p>
            """;
        return Page(context, af, lang.S("登录", "Sign in"), body, problem is null ? 200 : StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> Login(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        var user = name.Length == 0 ? null : station.Store.User(name);
        if (user is null || !Passwords.Verify(user, password))
        {
            station.Store.Audit(name.Length == 0 ? "?" : name, "login failed", context.Connection.RemoteIpAddress?.ToString() ?? string.Empty);
            return LoginPage(context, af, form["returnUrl"], Lang.Of(context).S("用户名或密码不对。", "Wrong name or password."));
        }

        await StationApp.SignInAsync(context, user).ConfigureAwait(false);
        station.Store.Audit(user.Name, "login", user.Role.ToString());
        var returnUrl = form["returnUrl"].ToString();
        // Only a path on this station: never a redirect elsewhere.
        return Results.Redirect(IsLocalPath(returnUrl) ? returnUrl : "/");
    }

    /// <summary>A path on this station (not `//host` or `/\host`, which browsers take for another site).</summary>
    public static bool IsLocalPath(string url) => url.StartsWith('/') && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
