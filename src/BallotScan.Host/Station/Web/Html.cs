using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BallotScan.Host.Station.Web;

/// <summary>What the pages share: a page as a Razor component with its status, a message page, a role in words, the reader's language.</summary>
internal static class Html
{
    /// <summary>The language the request asks for (the station's `lang` cookie; Chinese without it).</summary>
    public static Lang LangOf(HttpContext context) => new(context.Request.Cookies["lang"] == "en");

    /// <summary>A page written as a component, rendered on the server (every value encoded by Razor), with its status.</summary>
    public static IResult Component<TComponent>(int status, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent => new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    /// <summary>
    /// An API request that could not be carried out: RFC 9457 problem details (400) whose detail says what is wrong in the
    /// reader's language.
    /// </summary>
    public static ProblemHttpResult ApiProblem(HttpContext context, string detail)
    {
        var lang = LangOf(context);
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: lang.T("请求未能执行"));
    }

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
        nameof(StationRole.Operator) => lang.T("操作员"),
        nameof(StationRole.Scrutineer) => lang.T("监票人"),
        nameof(StationRole.Observer) => lang.T("观察员"),
        nameof(StationRole.Auditor) => lang.T("审计员"),
        nameof(StationRole.ChiefScrutineer) => lang.T("总监票人"),
        _ => role ?? string.Empty,
    };
}
