using System.Globalization;
using System.Text;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

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
    private const int MaxListBytes = 2 * 1024 * 1024;

    private static readonly string[] s_listExtensions = [".xlsx", ".xls", ".csv"];

    public static void Map(WebApplication app)
    {
        var limit = new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxListBytes + (64 * 1024));
        app.MapGet("/election", (HttpContext context, IAntiforgery af) => NewPage(context, af, null, null)).RequireAuthorization(StationApp.DefinitionPolicy);
        app.MapPost("/election/new", async (HttpContext context, IAntiforgery af) => await Make(context, af).ConfigureAwait(false))
            .RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
        app.MapPost("/election/check", async (HttpContext context, IAntiforgery af) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var file = form.Files.GetFile("definition");
            if (file is null || file.Length == 0 || file.Length > MaxListBytes)
            {
                return Problem(context, af, Lang.Of(context).S("检查选举定义", "Check a definition"), Lang.Of(context).S("请选择一个选举定义文件（.json）。", "Choose a definition file (.json)."), "/election");
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return Checked(context, af, await reader.ReadToEndAsync().ConfigureAwait(false), Path.GetFileName(file.FileName));
        }).RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
        app.MapPost("/election/definition.json", async (HttpContext context, IAntiforgery af) =>
            await Download(context, af, (definition, json) => Results.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"{definition.Id}.json")).ConfigureAwait(false))
            .RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
        app.MapPost("/election/ballot.pdf", async (HttpContext context, IAntiforgery af) =>
            await Download(context, af, (definition, _) =>
            {
                var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
                return Results.File(BallotPdfWriter.Write(layout, BallotWording.Title(definition)), "application/pdf", $"{definition.Id}-{definition.BallotStyle}.pdf");
            }).ConfigureAwait(false)).RequireAuthorization(StationApp.DefinitionPolicy).WithMetadata(limit);
    }

    /// <summary>The form: the candidate list and the facts, each field as the office knows it; or a definition file to check.</summary>
    /// <param name="context">The request.</param>
    /// <param name="af">Antiforgery.</param>
    /// <param name="given">The form as it was filled in, to fill it in again; null for an empty form.</param>
    /// <param name="problems">What was wrong with it (encoded), shown above it.</param>
    private static IResult NewPage(HttpContext context, IAntiforgery af, IFormCollection? given, string? problems)
    {
        var lang = Lang.Of(context);
        string Value(string name) => E(given?[name].ToString() ?? string.Empty);
        string Selected(string name, string value, bool byDefault = false) =>
            (given is null ? byDefault : given[name] == value) ? " selected" : string.Empty;
        var types = new (ElectionType Type, string Zh, string En)[]
        {
            (ElectionType.VillagersCommittee, "村民委员会", "villagers' committee"), (ElectionType.ResidentsCommittee, "居民委员会", "residents' committee"),
            (ElectionType.PartyCommittee, "党组织委员会", "party committee"), (ElectionType.SupervisionCommittee, "村务监督委员会", "supervision committee"),
        };
        var typeOptions = string.Concat(types.Select(t => $"<option value=\"{EnumNames.Name(t.Type)}\"{Selected("type", EnumNames.Name(t.Type), t.Type == ElectionType.VillagersCommittee)}>{E(lang.S(t.Zh, t.En))}</option>"));
        var presetOptions = $"<option value=\"\">{E(lang.S("按选举类型（默认）", "the type's (default)"))}</option>"
            + string.Concat(RulePresets.All.Keys.Select(p => $"<option value=\"{E(p)}\"{Selected("preset", p)}>{E(Words.Preset(lang, p))}</option>"));
        var body = $"""
            {problems}
            <p>{E(lang.S("由候选人名单（Excel、WPS 或 CSV：职位、应选人数、姓名、性别，列的顺序不限，表头在哪一行都可以）和下面几项信息生成选举定义，检查后打印选票。本页不改变本计票站正在计票的选举。", "Make a definition from the candidate list (Excel, WPS or CSV: 职位, 应选人数, 姓名, 性别, any column order, the header on any row) and the facts below, check it, and print its ballot. Nothing here changes the election this station counts."))}</p>
            <form method="post" action="/election/new" enctype="multipart/form-data" id="election-new" class="stacked">{Token(context, af)}
            <label>{E(lang.S("候选人名单", "Candidate list"))} <input type="file" name="candidates" accept=".xlsx,.xls,.csv" required></label>
            <label>{E(lang.S("选举类型", "Election"))} <select name="type">{typeOptions}</select></label>
            <label>{E(lang.S("选票标题", "Ballot title"))} <input name="title" maxlength="60" required value="{Value("title")}" placeholder="{E(lang.S("例如 示例村第十二届村民委员会选举", "e.g. 示例村第十二届村民委员会选举"))}"></label>
            <label>{E(lang.S("乡镇（街道）", "Township"))} <input name="township" maxlength="30" required value="{Value("township")}"></label>
            <label>{E(lang.S("村（社区）", "Village or community"))} <input name="village" maxlength="30" required value="{Value("village")}"></label>
            <label>{E(lang.S("选举日期", "Date"))} <input name="date" maxlength="20" required value="{Value("date")}" placeholder="2026-12-20 / 2026年12月20日"></label>
            <label>{E(lang.S("登记选民数（党组织选举：应到会有选举权的人数）", "Registered voters (party: members due to attend)"))} <input name="electorate" inputmode="numeric" maxlength="9" required value="{Value("electorate")}"></label>
            <label>{E(lang.S("计票规则", "Rules"))} <select name="preset">{presetOptions}</select></label>
            <label>{E(lang.S("纸张", "Paper"))} <select name="paper"><option value="A4"{Selected("paper", "A4", true)}>A4</option><option value="A3"{Selected("paper", "A3")}>{E(lang.S("A3（放大印刷）", "A3 (enlarged)"))}</option></select></label>
            <label><input type="checkbox" name="sealArea" value="1"{(given?["sealArea"].ToString() == "1" ? " checked" : string.Empty)}> {E(lang.S("印印章区（选举委员会在每张选票上盖章）", "Print a seal area (the committee stamps each ballot)"))}</label>
            <label><input type="checkbox" name="requireSeal" value="1"{(given?["requireSeal"].ToString() == "1" ? " checked" : string.Empty)}> {E(lang.S("没有印章的选票交监票人裁定", "A ballot without the seal goes to the scrutineers"))}</label>
            <button type="submit">{E(lang.S("生成并检查", "Make and check"))}</button>
            </form>
            <h2>{E(lang.S("检查已有的选举定义", "Check a definition file"))}</h2>
            <form method="post" action="/election/check" enctype="multipart/form-data" id="election-check">{Token(context, af)}
            <input type="file" name="definition" accept=".json" required> <button type="submit">{E(lang.S("检查", "Check"))}</button>
            </form>
            """;
        return Page(context, af, lang.S("选举定义", "Election definition"), body, problems is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> Make(HttpContext context, IAntiforgery af)
    {
        var lang = Lang.Of(context);
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var problems = new List<string>();
        var file = form.Files.GetFile("candidates");
        var extension = Path.GetExtension(file?.FileName ?? string.Empty).ToLowerInvariant();
        if (file is null || file.Length == 0)
        {
            problems.Add(lang.S("请选择候选人名单文件。", "Choose the candidate list file."));
        }
        else if (file.Length > MaxListBytes || !s_listExtensions.Contains(extension))
        {
            problems.Add(lang.S("候选人名单须是 2 MB 以内的 .xlsx、.xls 或 .csv 文件。", "The candidate list must be an .xlsx, .xls or .csv file of at most 2 MB."));
        }

        if (!EnumNames.TryParse<ElectionType>(form["type"].ToString(), out var type))
        {
            problems.Add(lang.S("请选择选举类型。", "Choose the election type."));
        }

        var dateText = form["date"].ToString();
        if (!ChineseDateConverter.TryParse(dateText, out var date))
        {
            problems.Add(lang.S($"「{dateText}」不是日期：写作 2026-12-20 或 2026年12月20日。", $"'{dateText}' is not a date: write 2026-12-20 or 2026年12月20日."));
        }

        var electorateText = Engine.Spreadsheets.SpreadsheetFiles.Clean(form["electorate"].ToString()).TrimEnd('人', '名');
        if (!int.TryParse(electorateText, NumberStyles.None, CultureInfo.InvariantCulture, out var electorate) || electorate <= 0)
        {
            problems.Add(lang.S($"「{form["electorate"]}」不是人数。", $"'{form["electorate"]}' is not a number of people."));
        }

        var preset = form["preset"].ToString();
        if (preset.Length > 0 && !RulePresets.All.ContainsKey(preset))
        {
            problems.Add(lang.S($"没有计票规则「{preset}」。", $"There is no rules preset '{preset}'."));
        }

        string Text(string name) => form[name].ToString().Trim() is { Length: > 0 and <= 60 } text ? text : string.Empty;
        var (title, township, village) = (Text("title"), Text("township"), Text("village"));
        if (title.Length == 0 || township.Length == 0 || village.Length == 0)
        {
            problems.Add(lang.S("选票标题、乡镇（街道）和村（社区）都须填写（各 60 字以内）。", "The title, township and village are needed (60 characters at most each)."));
        }

        if (problems.Count > 0)
        {
            return Result(context, af, lang.S("选举定义", "Election definition"), problems, form);
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
            return Result(context, af, lang.S("选举定义", "Election definition"), [.. e.Problems.Select(p => p.Message)], form);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A definition's text read and validated: every problem at once, or the ballot's contests and the downloads.</summary>
    private static IResult Checked(HttpContext context, IAntiforgery af, string json, string source)
    {
        var lang = Lang.Of(context);
        var title = lang.S("选举定义", "Election definition");
        ElectionDefinition definition;
        IReadOnlyList<DefinitionProblem> notes;
        try
        {
            (definition, notes) = ElectionJson.Read(json);
        }
        catch (ElectionDefinitionException e)
        {
            return Result(context, af, title, [.. e.Problems.Select(p => p.Message)], null);
        }

        var problems = ElectionValidator.Validate(definition);
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Message).ToList();
        if (errors.Count > 0)
        {
            return Result(context, af, title, errors, null);
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        var stored = ElectionJson.Serialize(definition);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"ok\" id=\"definition-ok\">{E(lang.S($"「{source}」检查通过：{definition.Contests.Count} 个职位，{definition.Contests.Sum(c => c.Candidates.Count)} 名候选人，选票 {layout.Pages.Count} 页。", $"'{source}' passes the checks: {definition.Contests.Count} contests, {definition.Contests.Sum(c => c.Candidates.Count)} candidates, a ballot of {layout.Pages.Count} page(s)."))}</p>");
        foreach (var note in notes.Concat(problems))
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"warning\">{E(note.Message)}</p>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(BallotWording.Title(definition))}</h2><p>{E(BallotWording.Subtitle(definition))}</p>");
        body.Append(Table([lang.S("职位", "Contest"), lang.S("应选", "Seats"), lang.S("候选人（选票上的顺序）", "Candidates (in ballot order)"), lang.S("另选他人栏", "Write-in cells")],
            layout.Contests.Select(c => new[] { E(c.Title), N(c.Seats), E(string.Join("、", c.Candidates)), N(c.WriteIns) }), "definition-contests"));
        foreach (var (action, label) in new[] { ("/election/ballot.pdf", lang.S("下载选票 PDF（打印前请用“印刷校对”核对）", "Download the ballot PDF (proof the print before election day)")), ("/election/definition.json", lang.S("下载选举定义（.json）", "Download the definition (.json)")) })
        {
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}\" class=\"inline\">{Token(context, af)}<input type=\"hidden\" name=\"definition\" value=\"{E(stored)}\"><button type=\"submit\">{E(label)}</button></form> ");
        }

        return Page(context, af, title, body.ToString());
    }

    /// <summary>A download of a definition posted back from the checked page: read and validated again, never trusted.</summary>
    private static async Task<IResult> Download(HttpContext context, IAntiforgery af, Func<ElectionDefinition, string, IResult> make)
    {
        var lang = Lang.Of(context);
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var json = form["definition"].ToString();
        try
        {
            var definition = ElectionJson.Parse(json);
            var errors = ElectionValidator.Validate(definition).Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Message).ToList();
            return errors.Count > 0 ? Result(context, af, lang.S("选举定义", "Election definition"), errors, null) : make(definition, ElectionJson.Serialize(definition));
        }
        catch (ElectionDefinitionException e)
        {
            return Result(context, af, lang.S("选举定义", "Election definition"), [.. e.Problems.Select(p => p.Message)], null);
        }
    }

    /// <summary>Every problem at once (400), with the form again as it was filled in.</summary>
    private static IResult Result(HttpContext context, IAntiforgery af, string title, List<string> problems, IFormCollection? form)
    {
        var lang = Lang.Of(context);
        var list = string.Concat(problems.Select(p => $"<li>{E(p)}</li>"));
        var page = $"<div class=\"problem\" id=\"definition-problems\"><p>{E(lang.S($"发现 {problems.Count} 个问题：", $"{problems.Count} problem(s):"))}</p><ul>{list}</ul></div>";
        return form is null
            ? Page(context, af, title, page + $"<p><a href=\"/election\">{E(lang.S("返回", "Back"))}</a></p>", StatusCodes.Status400BadRequest)
            : NewPage(context, af, form, page);
    }
}
