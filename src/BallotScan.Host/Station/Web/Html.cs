using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

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

    public static IResult Page(HttpContext context, IAntiforgery antiforgery, string title, string body, int status = 200)
    {
        var lang = Lang.Of(context);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        var role = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        var token = antiforgery.GetAndStoreTokens(context).RequestToken;
        var nav = new StringBuilder();
        if (user is not null)
        {
            foreach (var (href, zh, en) in new[]
            {
                ("/", "收票", "Intake"), ("/review", "审核", "Review"), ("/write-ins", "另选", "Write-ins"), ("/set-aside", "不计入", "Set aside"), ("/confirmations", "复核", "Confirm"), ("/hand-tally", "手工计票", "Hand tally"),
                ("/reconciliation", "核对", "Reconcile"), ("/results", "结果", "Results"), ("/spot-check", "抽查", "Spot-check"), ("/election", "选举定义", "Definition"), ("/audit", "日志", "Audit log"),
            })
            {
                nav.Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\">{E(lang.S(zh, en))}</a>");
            }

            nav.Append(CultureInfo.InvariantCulture, $"<span class=\"who\">{E(user)} ({E(RoleName(lang, role))})</span>");
            nav.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/logout\" class=\"inline\">{Token(context, antiforgery)}<button type=\"submit\">{E(lang.S("退出", "Sign out"))}</button></form>");
        }

        nav.Append(lang.English ? "<a href=\"/lang/zh\">中文</a>" : "<a href=\"/lang/en\">English</a>");
        var html = $"""
            <!DOCTYPE html>
            <html lang="{(lang.English ? "en" : "zh-CN")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="{E(token)}">
            <title>{E(title)} · BallotScan</title>
            <link rel="stylesheet" href="/assets/station.css">
            <script src="/assets/station.js" defer></script>
            </head>
            <body>
            <header><strong>BallotScan</strong><nav>{nav}</nav></header>
            <main>
            <h1>{E(title)}</h1>
            {body}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

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
