using BallotScan.Host.Station.Accounts;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using BallotScan.Host.Station.Storage;
using static BallotScan.Host.Station.Web.Html;

using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>Signing in and out, the language, the antiforgery token for API clients.</summary>
internal static class AccountPages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/login", (HttpContext context, IAntiforgery af, string? returnUrl) => LoginPage(context, af, returnUrl, null)).AllowAnonymous();
        pages.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(SignInThrottle.AddressPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxSignInRequestBytes));
        pages.MapPost("/logout", async (HttpContext context, SignInAccounts accounts) =>
        {
            accounts.SignOut(context.UserName(), context.User.FindFirst(StationApp.SessionClaim)?.Value);

            await context.SignOutAsync().ConfigureAwait(false);
            return TypedResults.Redirect("/login");
        });
        pages.MapGet("/lang/{code}", (HttpContext context, string code) =>
        {
            context.Response.Cookies.Append("lang", code == "en" ? "en" : "zh", new CookieOptions { SameSite = SameSiteMode.Strict, HttpOnly = true, MaxAge = TimeSpan.FromDays(365), Secure = context.Request.IsHttps });
            // Back to the page the choice was made on, if it is a page of this station.
            var back = context.Request.Headers.Referer.FirstOrDefault() is { } referer && Uri.TryCreate(referer, UriKind.Absolute, out var u)
                && string.Equals(u.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase) ? u.PathAndQuery : null;
            return TypedResults.Redirect(LocalRedirect(back));
        }).AllowAnonymous();
        pages.MapGet("/denied", (HttpContext context, IAntiforgery af, IStringLocalizer<Texts> l) =>
            Message(context, af, l["无权操作"], l["您的角色不能进行此操作。"], StatusCodes.Status403Forbidden)).AllowAnonymous();

        // For API clients: the token to send as X-CSRF-TOKEN with every POST (with the cookie this call sets).
        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery af) => TypedResults.Json(new { token = af.GetAndStoreTokens(context).RequestToken, header = "X-CSRF-TOKEN" })).AllowAnonymous();
        api.MapGet("/me", (HttpContext context) => TypedResults.Json(new { name = context.UserName(), role = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value }));
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery af, string? returnUrl, string? problem, int status = StatusCodes.Status401Unauthorized) =>
        Component<Components.SignInPage>(problem is null ? StatusCodes.Status200OK : status, new Dictionary<string, object?>
        {
            [nameof(Components.SignInPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.SignInPage.Problem)] = problem,
            [nameof(Components.SignInPage.ReturnUrl)] = IsLocalPath(returnUrl) ? returnUrl : null,
        });

    /// <summary>A sign-in form is small: a larger request is refused before it is read.</summary>
    private const int MaxSignInRequestBytes = 16 * 1024;

    private const int MaxNameLength = 64;

    private static async Task<IResult> Login(HttpContext context, IAntiforgery af, SignInAccounts accounts, SignInThrottle throttle)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var lang = Html.LangOf(context);
        var name = StationStore.Cut(form["name"].ToString().Trim(), MaxNameLength + 1);
        var password = form["password"].ToString();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
        if (!throttle.MayTry(name))
        {
            accounts.SignInRefused(name, address, heldBack: true);
            return LoginPage(context, af, form["returnUrl"], lang.T("此用户名密码错误次数过多，请稍后再试（几分钟后）。"), StatusCodes.Status429TooManyRequests);
        }

        // A disabled account is treated as no account (the same work, the same answer).
        var user = name.Length is 0 or > MaxNameLength ? null : accounts.User(name) is { DisabledAt: null } active ? active : null;
        // Verify runs the hasher for a name without an account too: a wrong name takes as long to refuse as a wrong password.
        if (!Passwords.Verify(user, password))
        {
            throttle.Failed(name);
            accounts.SignInRefused(name, address, heldBack: false);
            return LoginPage(context, af, form["returnUrl"], lang.T("用户名或密码不对。"));
        }

        await StationApp.SignInAsync(context, user!, accounts.SignIn(user!)).ConfigureAwait(false);
        return TypedResults.Redirect(LocalRedirect(form["returnUrl"].ToString()));
    }

    /// <summary>
    /// Where to send the browser: <paramref name="url"/> if it is a path on this station, encoded for the Location header;
    /// otherwise the start page. Not `//host`, `/\host`, nor anything with a control character or space that a browser would
    /// drop (`/&lt;TAB&gt;/host` is `//host` to a browser).
    /// </summary>
    public static string LocalRedirect(string? url)
    {
        if (!IsLocalPath(url))
        {
            return "/";
        }

        var absolute = new Uri(new Uri("http://station.invalid"), url);
        return absolute.Host == "station.invalid" ? absolute.PathAndQuery + absolute.Fragment : "/";
    }

    /// <summary>A path on this station (as <c>IUrlHelper.IsLocalUrl</c>): starts with one '/', not `//` or `/\`, no control characters or spaces.</summary>
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}
