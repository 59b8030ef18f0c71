using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace BallotScan.Host.Station.Web;

/// <summary>The station's languages: zh-CN first, en by the reader's choice (the texts themselves are <see cref="Text.Texts"/>).</summary>
internal static class StationText
{
    /// <summary>The cultures the station speaks: zh-CN first, then en.</summary>
    public static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>The reader's culture from the station's own language cookie (set by /lang/zh and /lang/en): zh-CN unless it says en.</summary>
    public static Task<ProviderCultureResult?> FromCookie(HttpContext context) =>
        Task.FromResult<ProviderCultureResult?>(new(Html.LangOf(context).English ? "en" : "zh-CN"));
}

/// <summary>Which station serves the pages: the counting station, or the township's (registered by the township's application).</summary>
internal sealed record StationSite(bool Township);

/// <summary>
/// What the frame around every page shows of the request: who is signed in, their role, the language, the antiforgery token
/// and whose station it is (the township's has its own navigation).
/// </summary>
public sealed record PageFrame(string? User, string? Role, bool English, string TokenField, string Token, bool Township = false)
{
    public static PageFrame Of(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        return new(user, context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, Html.LangOf(context).English, tokens.FormFieldName, tokens.RequestToken ?? string.Empty,
            context.RequestServices.GetService(typeof(StationSite)) is StationSite { Township: true });
    }
}
