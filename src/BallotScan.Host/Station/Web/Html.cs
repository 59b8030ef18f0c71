using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
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
}

/// <summary>Pages as HTML, every value encoded; one frame around each page.</summary>
internal static class Html
{
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes text for HTML (element content and quoted attributes).</summary>
    public static string E(string? text) => text is null ? string.Empty : s_encoder.Encode(text);

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>China Standard Time: UTC+8 all year (no daylight saving since 1991), so no time-zone data is needed.</summary>
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    /// <summary>A time stored in UTC (ISO 8601), shown in Beijing time as "yyyy-MM-dd HH:mm:ss": the venue's own clock.</summary>
    public static string Time(string storedUtc) =>
        DateTimeOffset.TryParse(storedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToOffset(s_beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : storedUtc;

    /// <summary>A time shown in Beijing time.</summary>
    public static string Time(DateTimeOffset time) => time.ToOffset(s_beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The label of a time column.</summary>
    public static string TimeHeader(Lang lang) => lang.S("时间（北京时间）", "Time (Beijing)");

    public static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The hidden antiforgery field for a form.</summary>
    public static string Token(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>A page still written as encoded HTML, in the station's frame (<see cref="Components.StationFrame"/>).</summary>
    public static IResult Page(HttpContext context, IAntiforgery antiforgery, string title, string body, int status = 200) =>
        Component<Components.StationFrame>(status, new Dictionary<string, object?>
        {
            [nameof(Components.StationFrame.Title)] = title,
            [nameof(Components.StationFrame.Frame)] = PageFrame.Of(context, antiforgery),
            [nameof(Components.StationFrame.Body)] = new MarkupString(body),
        });

    /// <summary>A page written as a component, rendered on the server (every value encoded by Razor), with its status.</summary>
    public static IResult Component<TComponent>(int status, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent => new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    /// <summary>A request that could not be carried out: what is wrong, and the way back (400).</summary>
    public static IResult Problem(HttpContext context, IAntiforgery antiforgery, string title, string problem, string back) =>
        Page(context, antiforgery, title, $"<p class=\"problem\">{E(problem)}</p><p><a href=\"{E(back)}\">{E(Lang.Of(context).S("返回", "Back"))}</a></p>", StatusCodes.Status400BadRequest);

    public static string RoleName(Lang lang, string? role) => role switch
    {
        nameof(StationRole.Operator) => lang.S("操作员", "operator"),
        nameof(StationRole.Scrutineer) => lang.S("监票人", "scrutineer"),
        nameof(StationRole.Observer) => lang.S("观察员", "observer"),
        nameof(StationRole.Auditor) => lang.S("审计员", "auditor"),
        nameof(StationRole.ChiefScrutineer) => lang.S("总监票人", "chief scrutineer"),
        _ => role ?? string.Empty,
    };

    /// <summary>A table from a header and rows of already-encoded cells.</summary>
    public static string Table(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows, string? id = null)
    {
        // On a phone each row becomes a card, each cell labelled by its column (station.css, data-label).
        var labels = header.ToList();
        var text = new StringBuilder(id is null ? "<table class=\"cards\">" : $"<table class=\"cards\" id=\"{E(id)}\">");
        text.Append("<thead><tr>").AppendJoin(string.Empty, labels.Select(h => $"<th>{E(h)}</th>")).Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            text.Append("<tr>").AppendJoin(string.Empty, row.Select((c, i) => $"<td data-label=\"{E(i < labels.Count ? labels[i] : string.Empty)}\">{c}</td>")).Append("</tr>");
        }

        return text.Append("</tbody></table>").ToString();
    }
}
