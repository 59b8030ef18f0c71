using System.Globalization;
using System.Text;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// 选举定义 (the township office's form): a definition made from the candidate list an office keeps in Excel, WPS or a CSV
/// and the election's few facts, checked, and its ballot printed, with no JSON typed by hand. A definition file can be
/// checked and printed the same way. Nothing here changes the election this station counts: the office downloads the
/// definition and the ballot PDF.
/// </summary>
internal static class ElectionPages
{
    /// <summary>A candidate list or a definition: far less than this.</summary>
    internal const int MaxListBytes = 2 * 1024 * 1024;

    internal static readonly string[] ListExtensions = [".xlsx", ".xls", ".csv", ".txt"];

    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        var limit = new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxListBytes + (64 * 1024));
        pages.MapGet("/election", (HttpContext context, IAntiforgery af) => NewPage(context, af, null, null)).RequireAuthorization(StationApp.DefinitionPolicy);
        pages.MapPost("/election/new", async (HttpContext context, IAntiforgery af) => await Make(context, af).ConfigureAwait(false))
            .RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
        pages.MapPost("/election/check", async (HttpContext context, IAntiforgery af) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var file = form.Files.GetFile("definition");
            if (file is null || file.Length == 0 || file.Length > MaxListBytes)
            {
                return Problem(context, af, Html.LangOf(context).T("检查选举定义"), Html.LangOf(context).T("请选择一个选举定义文件（.json）。"), "/election");
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return Checked(context, af, await reader.ReadToEndAsync().ConfigureAwait(false), Path.GetFileName(file.FileName));
        }).RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
        pages.MapPost("/election/definition.json", async (HttpContext context, IAntiforgery af) =>
            await Download(context, af, (definition, json) => TypedResults.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"{definition.Id}.json")).ConfigureAwait(false))
            .RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
        pages.MapPost("/election/ballot.pdf", async (HttpContext context, IAntiforgery af) =>
            await Download(context, af, (definition, _) =>
            {
                var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
                return TypedResults.File(BallotPdfWriter.Write(layout, BallotWording.Title(definition)), "application/pdf", $"{definition.Id}-{definition.BallotStyle}.pdf");
            }).ConfigureAwait(false)).RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
    }

    /// <summary>The form: the candidate list and the facts, each field as the office knows it; or a definition file to check.</summary>
    /// <param name="context">The request.</param>
    /// <param name="af">Antiforgery.</param>
    /// <param name="given">The form as it was filled in, to fill it in again; null for an empty form.</param>
    /// <param name="problems">What was wrong with it, shown above it (null: nothing).</param>
    private static IResult NewPage(HttpContext context, IAntiforgery af, IFormCollection? given, IReadOnlyList<string>? problems)
    {
        var lang = Html.LangOf(context);
        var form = new ElectionForm(
            given?.Keys.ToDictionary(k => k, k => given[k].ToString(), StringComparer.Ordinal) ?? [],
            [.. Choices.ElectionTypes.Select(t => new Choice(t.Name, lang.T(t.Chinese[0])))],
            [new Choice(string.Empty, lang.T("按选举类型（默认）")), .. RulePresets.All.Keys.Select(p => new Choice(p, Words.Preset(lang, p)))],
            problems);
        return Component<Components.ElectionFormPage>(problems is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, new Dictionary<string, object?>
        {
            [nameof(Components.ElectionFormPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ElectionFormPage.Form)] = form,
        });
    }

    private static async Task<IResult> Make(HttpContext context, IAntiforgery af)
    {
        var lang = Html.LangOf(context);
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var problems = new List<string>();
        var file = form.Files.GetFile("candidates");
        var extension = Path.GetExtension(file?.FileName ?? string.Empty).ToLowerInvariant();
        if (file is null || file.Length == 0)
        {
            problems.Add(lang.T("请选择候选人名单文件。"));
        }
        else if (file.Length > MaxListBytes || !ListExtensions.Contains(extension))
        {
            problems.Add(lang.T("候选人名单须是 2 MB 以内的 .xlsx、.xls、.csv 或 .txt（Unicode 文本）文件。"));
        }

        if (!EnumNames.TryParse<ElectionType>(form["type"].ToString(), out var type))
        {
            problems.Add(lang.T("请选择选举类型。"));
        }

        var dateText = form["date"].ToString();
        if (!ChineseDateConverter.TryParse(dateText, out var date))
        {
            problems.Add(lang.T("「{0}」不是日期：写作 2026-12-20 或 2026年12月20日。", dateText));
        }

        var electorateText = Engine.Spreadsheets.SpreadsheetFiles.Clean(form["electorate"].ToString()).TrimEnd('人', '名');
        if (!int.TryParse(electorateText, NumberStyles.None, CultureInfo.InvariantCulture, out var electorate) || electorate <= 0)
        {
            problems.Add(lang.T("「{0}」不是人数。", form["electorate"].ToString()));
        }

        var preset = form["preset"].ToString();
        if (preset.Length > 0 && !RulePresets.All.ContainsKey(preset))
        {
            problems.Add(lang.T("没有计票规则「{0}」。", preset));
        }

        string Text(string name) => form[name].ToString().Trim() is { Length: > 0 and <= 60 } text ? text : string.Empty;
        var (title, township, village) = (Text("title"), Text("township"), Text("village"));
        if (title.Length == 0 || township.Length == 0 || village.Length == 0)
        {
            problems.Add(lang.T("选票标题、乡镇（街道）和村（社区）都须填写（各 60 字以内）。"));
        }

        if (problems.Count > 0)
        {
            return Result(context, af, lang.T("选举定义"), problems, form);
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"ballotscan-candidates-{Guid.NewGuid():N}{extension}");
        try
        {
            await using (var stream = File.Create(temporary))
            {
                await file!.CopyToAsync(stream).ConfigureAwait(false);
            }

            var made = CandidateList.Read(temporary, new ElectionFacts
            {
                Type = type, Title = title, Township = township, Village = village, Date = date, Electorate = electorate, Preset = preset.Length > 0 ? preset : null,
            });
            made = made with
            {
                Paper = form["paper"] == "A3" ? PaperSize.A3 : PaperSize.A4,
                Rules = made.Rules with { SealArea = form["sealArea"] == "1" ? true : null, RequireSeal = form["requireSeal"] == "1" ? true : null },
            };
            return Checked(context, af, ElectionJson.Serialize(made), Path.GetFileName(file.FileName));
        }
        catch (ElectionDefinitionException e)
        {
            return Result(context, af, lang.T("选举定义"), [.. e.Problems.Select(p => ProblemWords.Say(lang, p))], form);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A definition's text read and validated: every problem at once, or the ballot's contests and the downloads.</summary>
    private static IResult Checked(HttpContext context, IAntiforgery af, string json, string source)
    {
        var lang = Html.LangOf(context);
        var title = lang.T("选举定义");
        ElectionDefinition definition;
        IReadOnlyList<DefinitionProblem> notes;
        try
        {
            (definition, notes) = ElectionJson.Read(json);
        }
        catch (ElectionDefinitionException e)
        {
            return Result(context, af, title, [.. e.Problems.Select(p => ProblemWords.Say(lang, p))], null);
        }

        var problems = ElectionValidator.Validate(definition);
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => ProblemWords.Say(lang, p)).ToList();
        if (errors.Count > 0)
        {
            return Result(context, af, title, errors, null);
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        var view = new CheckedDefinition(
            source, definition.Contests.Count, definition.Contests.Sum(c => c.Candidates.Count), layout.Pages.Count,
            [.. notes.Concat(problems).Select(p => ProblemWords.Say(lang, p))], BallotWording.Title(definition), BallotWording.Subtitle(definition),
            [.. layout.Contests.Select(c => new ContestOnBallot(c.Title, c.Seats, string.Join("、", c.Candidates), c.WriteIns))], ElectionJson.Serialize(definition));
        return Component<Components.ElectionCheckedPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.ElectionCheckedPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ElectionCheckedPage.Definition)] = view,
        });
    }

    /// <summary>A download of a definition posted back from the checked page: read and validated again, never trusted.</summary>
    private static async Task<IResult> Download(HttpContext context, IAntiforgery af, Func<ElectionDefinition, string, IResult> make)
    {
        var lang = Html.LangOf(context);
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var json = form["definition"].ToString();
        try
        {
            var definition = ElectionJson.Parse(json);
            var errors = ElectionValidator.Validate(definition).Where(p => p.Severity == ProblemSeverity.Error).Select(p => ProblemWords.Say(lang, p)).ToList();
            return errors.Count > 0 ? Result(context, af, lang.T("选举定义"), errors, null) : make(definition, ElectionJson.Serialize(definition));
        }
        catch (ElectionDefinitionException e)
        {
            return Result(context, af, lang.T("选举定义"), [.. e.Problems.Select(p => ProblemWords.Say(lang, p))], null);
        }
    }

    /// <summary>Every problem at once (400), with the form again as it was filled in, or (for a definition file) the way back.</summary>
    private static IResult Result(HttpContext context, IAntiforgery af, string title, List<string> problems, IFormCollection? form) =>
        form is not null ? NewPage(context, af, form, problems) : Component<Components.ElectionProblemsPage>(StatusCodes.Status400BadRequest, new Dictionary<string, object?>
        {
            [nameof(Components.ElectionProblemsPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ElectionProblemsPage.Title)] = title,
            [nameof(Components.ElectionProblemsPage.Problems)] = problems,
        });
}

/// <summary>A choice of a select list: the value sent, and the text shown.</summary>
public sealed record Choice(string Value, string Text);

/// <summary>The definition form: what was typed (to fill it in again), the choices, and what was wrong (null: nothing yet).</summary>
public sealed record ElectionForm(IReadOnlyDictionary<string, string> Given, IReadOnlyList<Choice> Types, IReadOnlyList<Choice> Presets, IReadOnlyList<string>? Problems);

/// <summary>A definition that passed the checks: its figures, the notes to heed, the ballot's heading and contests, and the definition itself to post back for the downloads.</summary>
public sealed record CheckedDefinition(
    string Source, int Contests, int Candidates, int Pages, IReadOnlyList<string> Notes, string Title, string Subtitle, IReadOnlyList<ContestOnBallot> OnBallot, string Stored);

/// <summary>A contest as printed: its title, seats, candidates in ballot order, and write-in cells.</summary>
public sealed record ContestOnBallot(string Title, int Seats, string Candidates, int WriteIns);
