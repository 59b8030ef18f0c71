using System.Globalization;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BallotScan.Host.Station.Web;

/// <summary>The interface language: Chinese first (zh-CN), English as a choice (cookie `lang`).</summary>
internal readonly record struct Lang(bool English)
{
    public static Lang Of(HttpContext context) => new(context.Request.Cookies["lang"] == "en");

    /// <summary>The text in the reader's language.</summary>
    public string S(string chinese, string english) => English ? english : chinese;

    /// <summary>A message written Chinese first with the English after " / " (the station's refusals), in the reader's language.</summary>
    public string Say(string message) => message.Split(" / ", 2) is [var chinese, var english] ? S(chinese, english) : message;
}

/// <summary>What the pages share: numbers and times as shown, a page as a Razor component with its status, a message page, a role in words.</summary>
internal static class Html
{
    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The start of a long id (a sheet's, a file's SHA-256) as shown, with "…".</summary>
    public static string Short(string id, int length = 12) => id[..Math.Min(length, id.Length)] + "…";

    /// <summary>China Standard Time: UTC+8 all year (no daylight saving since 1991), so no time-zone data is needed.</summary>
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    /// <summary>A time stored in UTC (ISO 8601), shown in Beijing time as "yyyy-MM-dd HH:mm:ss": the venue's own clock.</summary>
    public static string Time(string storedUtc) =>
        DateTimeOffset.TryParse(storedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToOffset(s_beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : storedUtc;

    /// <summary>A time shown in Beijing time.</summary>
    public static string Time(DateTimeOffset time) => time.ToOffset(s_beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A page written as a component, rendered on the server (every value encoded by Razor), with its status.</summary>
    public static IResult Component<TComponent>(int status, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent => new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    /// <summary>A request that could not be carried out: what is wrong, and the way back (400).</summary>
    public static IResult Problem(HttpContext context, IAntiforgery antiforgery, string title, string problem, string back) =>
        Message(context, antiforgery, title, problem, StatusCodes.Status400BadRequest, back, isProblem: true);

    /// <summary>A page of one message in the station's frame (<see cref="Components.MessagePage"/>).</summary>
    public static IResult Message(HttpContext context, IAntiforgery antiforgery, string title, string text, int status, string? back = null, bool isProblem = false) =>
        Component<Components.MessagePage>(status, new Dictionary<string, object?>
        {
            [nameof(Components.MessagePage.Title)] = title,
            [nameof(Components.MessagePage.Frame)] = PageFrame.Of(context, antiforgery),
            [nameof(Components.MessagePage.Text)] = text,
            [nameof(Components.MessagePage.IsProblem)] = isProblem,
            [nameof(Components.MessagePage.Back)] = back,
        });

    public static string RoleName(Lang lang, string? role) => role switch
    {
        nameof(StationRole.Operator) => lang.S("操作员", "operator"),
        nameof(StationRole.Scrutineer) => lang.S("监票人", "scrutineer"),
        nameof(StationRole.Observer) => lang.S("观察员", "observer"),
        nameof(StationRole.Auditor) => lang.S("审计员", "auditor"),
        nameof(StationRole.ChiefScrutineer) => lang.S("总监票人", "chief scrutineer"),
        _ => role ?? string.Empty,
    };
}
