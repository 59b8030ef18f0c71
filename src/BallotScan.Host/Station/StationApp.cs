using BallotScan.Engine.Problems;
using System.Security.Claims;
using BallotScan.Host.Station.Intake;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Station.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using BallotScan.Host.Station.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BallotScan.Host.Station;

/// <summary>
/// The scrutineer station (计票工作站): an ASP.NET Core application over one <see cref="CountingStation"/>. Pages for
/// people, the same actions as a JSON API; cookie sign-in with three roles; antiforgery on every POST.
/// </summary>
internal static class StationApp
{
    public const string OperatorPolicy = "operator";
    public const string ScrutineerPolicy = "scrutineer";
    public const string ChiefScrutineerPolicy = "chief scrutineer";

    /// <summary>Who makes, checks and prints election definitions at the station: an operator or the 总监票人.</summary>
    public const string DefinitionPolicy = "definition";

    public static WebApplication Build(StationOptions options, CountingStation station, Action<ILoggingBuilder>? logging = null)
    {
        var builder = Builder(options.Urls, options.DataFolder, "BallotScan station", options.MaxUploadBytes, logging);
        builder.Services.AddSingleton(station);
        builder.Services.AddTransient<SignInAccounts>(s => s.GetRequiredService<CountingStation>().Accounts);
        builder.Services.AddSingleton<SheetImages>();
        builder.Services.AddHostedService<ReadQueue>();
        builder.Services.AddHostedService<WatchedFolder>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.RequireRole(nameof(StationRole.Operator)))
            .AddPolicy(ScrutineerPolicy, p => p.RequireRole(nameof(StationRole.Scrutineer), nameof(StationRole.ChiefScrutineer)))
            .AddPolicy(ChiefScrutineerPolicy, p => p.RequireRole(nameof(StationRole.ChiefScrutineer)))
            .AddPolicy(DefinitionPolicy, p => p.RequireRole(nameof(StationRole.Operator), nameof(StationRole.ChiefScrutineer)))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return Pages(builder.Build(), AccountPages.Map, IntakePages.Map, ReviewPages.Map, MarkReviewPages.Map, SetAsidePages.Map, ElectionPages.Map, WriteInPages.Map, TallyPages.Map, SpotCheckPages.Map, Assets.Map);
    }

    /// <summary>
    /// What every station's web application has (the counting station's and the township's): Kestrel on <paramref name="urls"/>
    /// with the upload bound, the sign-in keys in the data folder, the sign-in rate limit, Razor pages that encode every value,
    /// the languages, antiforgery and cookie sign-in checked against an open session (<see cref="SignInAccounts"/>, registered by the caller).
    /// </summary>
    public static WebApplicationBuilder Builder(string urls, string dataFolder, string applicationName, long maxUploadBytes, Action<ILoggingBuilder>? logging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "BallotScan.Host", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxUploadBytes);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // The keys live with the data in its folder (below); on the venue's laptop they are not encrypted at rest, and
        // the warning that says so at every start is not the operator's to act on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        logging?.Invoke(builder.Logging);
        // The keys that protect sign-in cookies and antiforgery tokens live with the data, so a restart keeps people signed in.
        builder.Services.AddDataProtection().SetApplicationName(applicationName).PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = maxUploadBytes);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.AddPolicy(SignInThrottle.AddressPolicy, context => RateLimitPartition.GetSlidingWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
            r.OnRejected = async (rejected, cancel) =>
                await rejected.HttpContext.Response.WriteAsync(Web.Html.LangOf(rejected.HttpContext).Say(new Said("登录尝试过于频繁，请稍后再试。")), cancel).ConfigureAwait(false);
        });
        // Behind a reverse proxy on this machine that terminates HTTPS, the request counts as HTTPS (cookies are then Secure).
        builder.Services.Configure<ForwardedHeadersOptions>(f => f.ForwardedHeaders = ForwardedHeaders.XForwardedProto);
        // Razor encodes every value: markup characters escaped, Chinese written as itself (not as &#x…;).
        builder.Services.AddWebEncoders(e => e.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorComponents();
        builder.Services.AddLocalization(l => l.ResourcesPath = "Resources");
        builder.Services.AddAntiforgery(a =>
        {
            a.HeaderName = "X-CSRF-TOKEN";
            a.Cookie.Name = "ballotscan.af";
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(c =>
        {
            c.Cookie.Name = "ballotscan.session";
            c.Cookie.HttpOnly = true;
            c.Cookie.SameSite = SameSiteMode.Strict;
            c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            c.LoginPath = "/login";
            c.AccessDeniedPath = "/denied";
            c.ExpireTimeSpan = TimeSpan.FromHours(12);
            c.Events.OnRedirectToLogin = e => ApiOrRedirect(e, StatusCodes.Status401Unauthorized);
            c.Events.OnRedirectToAccessDenied = e => ApiOrRedirect(e, StatusCodes.Status403Forbidden);
            c.Events.OnValidatePrincipal = ValidateSession;
        });
        return builder;
    }

    /// <summary>The middleware every station runs, in order, then its pages at "/" and its API at "/api" (refusals as ProblemDetails, in the reader's language).</summary>
    public static WebApplication Pages(WebApplication app, params Action<RouteGroupBuilder, RouteGroupBuilder>[] maps)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(maps);
        app.Use(UnreadableRequests);
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestLocalization(l =>
        {
            l.SetDefaultCulture(StationText.Cultures[0]).AddSupportedCultures(StationText.Cultures).AddSupportedUICultures(StationText.Cultures);
            l.RequestCultureProviders = [new CustomRequestCultureProvider(StationText.FromCookie)];
        });
        app.Use(ValidateAntiforgery);
        var pages = app.MapGroup(string.Empty);
        var api = app.MapGroup("/api");
        foreach (var map in maps)
        {
            map(pages, api);
        }

        return app;
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> e, int status)
    {
        if (e.Request.Path.StartsWithSegments("/api"))
        {
            e.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        e.Response.Redirect(e.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A request whose body cannot be read (a page's POST that is not a form, a form value with a NUL, a malformed multipart
    /// body, one too large) is answered 415, 400 or 413 in words, and one the database refuses 503, never 500: whatever a client sends, the station answers and goes on.
    /// </summary>
    private static async Task UnreadableRequests(HttpContext context, Func<Task> next)
    {
        // Every page's POST is a form (the API's take JSON under /api): anything else is said to be so, before it is read.
        if (HttpMethods.IsPost(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api") && !context.Request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Web.Html.LangOf(context).Say(new Said("请求不是表单，未处理：请从计票站的页面提交。"))).ConfigureAwait(false);
            return;
        }

        try
        {
            await next().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Web.Html.LangOf(context).Say(new Said("请求无法读取，未处理：{0}", e.Message))).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e) when (!context.Response.HasStarted)
        {
            // Each action and its audit row are one transaction: when the database refuses, nothing of it was recorded.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Web.Html.LangOf(context).Say(new Said("数据库未能记录，此操作没有生效，请重试。（{0}）", e.Message))).ConfigureAwait(false);
        }
    }

    private static async Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        await next().ConfigureAwait(false);
    }

    /// <summary>Every request that changes something carries the antiforgery token (form field or X-CSRF-TOKEN header).</summary>
    private static async Task ValidateAntiforgery(HttpContext context, Func<Task> next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            try
            {
                await antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(Web.Html.LangOf(context).Say(new Said("请求缺少本页的防伪标记，未处理：请刷新页面后重试。"))).ConfigureAwait(false);
                return;
            }
        }

        await next().ConfigureAwait(false);
    }

    /// <summary>The signed-in person's name.</summary>
    public static string UserName(this HttpContext context) => context.User.Identity?.Name ?? "?";

    /// <summary>Whether the signed-in person has <paramref name="role"/> (the chief scrutineer is a scrutineer too).</summary>
    public static bool IsIn(this HttpContext context, StationRole role) =>
        context.User.IsInRole(role.ToString()) || (role == StationRole.Scrutineer && context.User.IsInRole(nameof(StationRole.ChiefScrutineer)));

    /// <summary>The claim holding the sign-in session's id (<see cref="AccountStore.StartSession"/>).</summary>
    public const string SessionClaim = "ballotscan/session";

    /// <summary>Signs a person in with their role and the session as claims.</summary>
    public static Task SignInAsync(HttpContext context, StationUser user, string session)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role.ToString()), new Claim(SessionClaim, session)], CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>A cookie opens the station only while its session is open: signing out ends it on the server, not only in the browser.</summary>
    private static async Task ValidateSession(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<SignInAccounts>();
        var session = context.Principal?.FindFirst(SessionClaim)?.Value;
        var name = context.Principal?.Identity?.Name;
        if (session is null || name is null || !accounts.SessionOpen(session, name))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }
}
