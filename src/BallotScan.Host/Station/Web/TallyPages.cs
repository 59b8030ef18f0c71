using System.Globalization;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Reconciliation;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static BallotScan.Host.Station.Web.Html;
using static BallotScan.Host.Text.Shown;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Host.Station.Web;

/// <summary>The hand tally (shaped like the 选举结果报告单), the reconciliation, the results with a chart, the downloads and the audit log.</summary>
internal static class TallyPages
{
    private static readonly LineKind[] s_meetingFigures = [LineKind.Due, LineKind.Present, LineKind.Issued, LineKind.Returned, LineKind.Valid, LineKind.Void];

    /// <summary>The files a count gives, as `./ballotscan count` writes them, and its archive.</summary>
    private static readonly Dictionary<string, string> s_downloads = new(CountFolder.ContentTypes, StringComparer.Ordinal) { ["archive.zip"] = "application/zip" };

    /// <summary>More rows than a report has are not read.</summary>
    private const int MaxFormLines = 2000;

    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/hand-tally", HandTallyPage);
        pages.MapPost("/hand-tally", EnterFromForm).RequireAuthorization(StationApp.ScrutineerPolicy);
        api.MapPost("/hand-tally", EnterFromCsv).RequireAuthorization(StationApp.ScrutineerPolicy).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(2 * 1024 * 1024));
        pages.MapGet("/reconciliation", Reconciliation);
        api.MapGet("/reconciliation", (CountingStation station) => TypedResults.Json(station.Results.Count().Reconciliation, ElectionJson.Options));
        pages.MapGet("/results", ResultsPage);
        pages.MapPost("/results/official", (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            try
            {
                station.Results.MarkOfficial(context.UserName());
                return TypedResults.Redirect("/results");
            }
            catch (StationException e)
            {
                return Html.Problem(context, af, Html.LangOf(context).T("结果"), Html.LangOf(context).Say(e.Said), "/results");
            }
        }).RequireAuthorization(StationApp.ChiefScrutineerPolicy);
        api.MapPost("/official", Results<JsonHttpResult<OfficialMark>, ProblemHttpResult> (HttpContext context, CountingStation station) =>
        {
            try
            {
                return TypedResults.Json(station.Results.MarkOfficial(context.UserName()), ElectionJson.Options);
            }
            catch (StationException e)
            {
                return Html.ApiProblem(context, ProblemWords.Say(Html.LangOf(context), e));
            }
        }).RequireAuthorization(StationApp.ChiefScrutineerPolicy);
        pages.MapPost("/results/next-round", NextRoundFromForm).RequireAuthorization(StationApp.ChiefScrutineerPolicy);
        api.MapPost("/next-round", Results<ContentHttpResult, ProblemHttpResult> (HttpContext context, CountingStation station, NextRoundRequest? request) =>
        {
            var lang = Html.LangOf(context);
            try
            {
                return station.Results.DrawNextRound(context.UserName(), request?.Stand, out var problems) is { } round
                    ? TypedResults.Content(ElectionJson.Serialize(round.Definition), "application/json; charset=utf-8")
                    : Html.ApiProblem(context, string.Join(lang.T("；"), problems.Select(p => ProblemWords.Say(lang, p))));
            }
            catch (StationException e)
            {
                return Html.ApiProblem(context, lang.Say(e.Said));
            }
        }).RequireAuthorization(StationApp.ChiefScrutineerPolicy);
        api.MapPost("/next-round/start", Results<JsonHttpResult<RoundStartedResponse>, ProblemHttpResult> (HttpContext context, CountingStation station, NextRoundRequest? request) =>
        {
            try
            {
                var round = station.StartNextRound(context.UserName(), request?.Stand);
                return TypedResults.Json(new RoundStartedResponse(round.Context.Definition.Id, round.Number));
            }
            catch (StationException e)
            {
                return Html.ApiProblem(context, Html.LangOf(context).Say(e.Said));
            }
        }).RequireAuthorization(StationApp.ChiefScrutineerPolicy);
        api.MapGet("/rounds", (CountingStation station) =>
            TypedResults.Json(station.Rounds.Select(r => r.Results.Official is null ? null : r.Results.Outcome()).ToList(), ElectionJson.Options));
        api.MapGet("/results", (CountingStation station) =>
        {
            var count = station.Results.Count();
            return TypedResults.Json(new { adjudicated = count.Result.Adjudicated, machineOnly = count.Result.MachineOnly, lines = ResultLines.Of(count.Result.Adjudicated) }, ElectionJson.Options);
        });
        pages.MapGet("/downloads/{name}", (CountingStation station, string name) => Download(station.Results, name));
        // An earlier round's files (第一轮 after a 另行选举 started here): official, as they were.
        pages.MapGet("/rounds/{round:int}/downloads/{name}", (CountingStation station, int round, string name) =>
            station.Rounds.FirstOrDefault(r => r.Number == round) is { } earlier ? Download(earlier.Results, name) : TypedResults.NotFound());
        pages.MapGet("/audit", AuditPage);
        api.MapGet("/audit", (CountingStation station, int? limit, long? before) =>
        {
            // A page at a time, the latest first; "next" is the `before` of the following page (null after the oldest row).
            var entries = station.Audit.AuditLog(limit ?? AuditPageSize, before);
            // Each row's facts by name (the same JSON it is stored as); a row of an earlier version keeps its sentence as text.
            var rows = entries.Select(AuditLogRow.Of).ToList();
            return TypedResults.Json(new { entries = rows, next = entries.Count == Math.Clamp(limit ?? AuditPageSize, 1, 1000) ? entries[^1].Id : (long?)null });
        });
    }

    private static async Task<IResult> EnterFromForm(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var lines = new List<TallyLine>();
        var problems = new List<string>();
        foreach (var row in HandTallyFormRow.Read(form, MaxFormLines))
        {
            if (row.Kind is not { } kind)
            {
                problems.Add(Html.LangOf(context).T("第 {0} 行不是报告单上的一行", row.Index + 1));
                continue;
            }

            if (row.Count.Length == 0 || (kind == LineKind.WriteIn && row.Name is null))
            {
                continue;
            }

            if (!int.TryParse(row.Count, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                problems.Add(Html.LangOf(context).T("「{0}」（{1}）不是票数", row.Count, row.Name));
                continue;
            }

            lines.Add(new TallyLine(kind, row.Contest, row.Name, n));
        }

        if (problems.Count > 0)
        {
            return HandTallyPage(context, af, station, string.Join(Html.LangOf(context).T("；"), problems));
        }

        try
        {
            station.HandTally.EnterHandTally(lines, context.UserName());
        }
        catch (StationException e)
        {
            return HandTallyPage(context, af, station, Html.LangOf(context).Say(e.Said));
        }

        return TypedResults.Redirect("/reconciliation");
    }

    private static async Task<IResult> EnterFromCsv(HttpContext context, CountingStation station)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
        try
        {
            // As the counters' spreadsheet saved it: UTF-8 or GB18030.
            var lines = HandTally.ParseCsv(body.ToArray(), station.Definition);
            station.HandTally.EnterHandTally(lines, context.UserName());
            return TypedResults.Json(new { lines = lines.Count });
        }
        catch (Exception e) when (e is HandTallyException or StationException)
        {
            return Html.ApiProblem(context, ProblemWords.Say(Html.LangOf(context), e));
        }
    }

    private static IResult Download(StationResults results, string name)
    {
        if (!s_downloads.TryGetValue(name, out var type))
        {
            return TypedResults.NotFound();
        }

        if (name != "archive.zip")
        {
            return results.CountFiles().TryGetValue(name, out var bytes) ? TypedResults.File(bytes, type, name) : TypedResults.NotFound();
        }

        var folder = Directory.CreateTempSubdirectory("ballotscan-download-");
        try
        {
            var path = Path.Combine(folder.FullName, name);
            results.ExportArchive(path);
            return TypedResults.File(File.ReadAllBytes(path), type, name);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string ContestTitle(CountingStation station, string? contest) =>
        contest is null ? string.Empty : station.Definition.Contests.FirstOrDefault(c => c.Id == contest)?.Title ?? contest;

    private static IResult HandTallyPage(HttpContext context, IAntiforgery af, CountingStation station, string? problem = null)
    {
        var entered = station.HandTally.HandTallyLines() ?? [];
        var value = entered.ToDictionary(l => l.Key, l => l.Count);
        // The lines of the report, never the machine's numbers: the hand count is made without seeing them. Each row is
        // numbered across the whole form (its fields k, c and n), as the handler reads them back.
        var index = 0;
        HandTallyRow Row(TallyLine l) =>
            new(index++, l.Kind, l.Name, value.TryGetValue(l.Key, out var v) && (l.Kind != LineKind.WriteIn || l.Name is { Length: > 0 }) ? v : null);
        var sections = new List<HandTallySection> { new(null, string.Empty, [.. s_meetingFigures.Select(k => Row(new TallyLine(k, null, null, 0)))]) };
        foreach (var contest in station.Definition.Contests)
        {
            var lines = contest.Candidates.SelectMany(c => new[] { LineKind.Approve, LineKind.Disapprove, LineKind.Abstain, LineKind.CandidateVoid }.Select(k => new TallyLine(k, contest.Id, c.Name, 0)))
                .Concat(entered.Where(l => l.Kind == LineKind.WriteIn && l.Contest == contest.Id))
                .Concat(Enumerable.Repeat(new TallyLine(LineKind.WriteIn, contest.Id, string.Empty, 0), 3));
            sections.Add(new(contest.Id, contest.Title, [.. lines.Select(Row)]));
        }

        var state = station.HandTally.HandTallies();
        return Component<Components.HandTallyPage>(problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, new Dictionary<string, object?>
        {
            [nameof(Components.HandTallyPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.HandTallyPage.Problem)] = problem,
            [nameof(Components.HandTallyPage.NotApplied)] = state.NotApplied.Select(x => (x.Tally.EnteredBy, Time(x.Tally.At), ProblemWords.Say(Html.LangOf(context), x.Problem))).ToList(),
            [nameof(Components.HandTallyPage.InEffect)] = state.InEffect is { } h ? (h.EnteredBy, Time(h.At)) : null,
            [nameof(Components.HandTallyPage.Sections)] = sections,
            [nameof(Components.HandTallyPage.CanSave)] = context.IsIn(Storage.StationRole.Scrutineer),
        });
    }

    private static IResult Reconciliation(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Html.LangOf(context);
        var count = station.Results.Count();
        var report = count.Reconciliation;
        return Component<Components.ReconciliationPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.ReconciliationPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ReconciliationPage.PendingSheets)] = count.Result.Adjudicated.Provisional ? count.Result.Adjudicated.PendingSheets : 0,
            [nameof(Components.ReconciliationPage.HandTallyProblems)] = count.Hand is null ? [] : HandTally.Inconsistencies(count.Hand, station.Definition).Select(p => ProblemWords.Say(lang, p)).ToList(),
            [nameof(Components.ReconciliationPage.Differences)] = report?.Differences.Select(d => new ReconciliationRow(
                ContestTitle(station, d.Line.Contest), d.Line.Name, d.Line.Kind, d.Hand, d.Machine, d.Delta,
                [.. d.Suspects.Take(5).Select(s => new ReconciliationSuspect(s.Sheet, Path.GetFileName(s.Source) ?? Short(s.Sheet), Words.Suspect(lang, station.Layout, station.Definition, s)))])).ToList(),
            [nameof(Components.ReconciliationPage.LinesCompared)] = report?.LinesCompared ?? 0,
        });
    }

    /// <summary>The chief scrutineer takes the 另行选举's definition (a file to print and count, as `election next-round` writes it).</summary>
    private static async Task<IResult> NextRoundFromForm(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Html.LangOf(context);
        var form = await context.Request.ReadFormAsync();
        var stand = form["stand"].Select(x => x ?? string.Empty).Where(x => x.Length > 0).Take(50).ToList();
        try
        {
            if (form["start"] == "1")
            {
                // The 另行选举 counted at this station from now on: the results page shows it, with the rounds before.
                station.StartNextRound(context.UserName(), stand);
                return TypedResults.Redirect("/results");
            }

            return station.Results.DrawNextRound(context.UserName(), stand, out var problems) is { } round
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ElectionJson.Serialize(round.Definition)), "application/json", $"{round.Definition.Id}.json")
                : Html.Problem(context, af, lang.T("另行选举"), string.Join(lang.T("；"), problems.Select(p => ProblemWords.Say(lang, p))), "/results");
        }
        catch (StationException e)
        {
            return Html.Problem(context, af, lang.T("另行选举"), lang.Say(e.Said), "/results");
        }
    }

    private static IResult ResultsPage(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var official = station.Results.Official;
        var lang = Html.LangOf(context);
        // Once official, the 另行选举 the result calls for: who stands (or, where the meeting decides a tie, whom to choose from).
        var (next, nextProblems) = official is null ? (null, []) : station.Results.NextRound();
        return Component<Components.ResultsPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.ResultsPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ResultsPage.Tally)] = station.Results.Count().Result.Adjudicated,
            [nameof(Components.ResultsPage.OfficialBy)] = official?.By,
            [nameof(Components.ResultsPage.OfficialAt)] = official is null ? null : Time(official.At),
            [nameof(Components.ResultsPage.CanMakeOfficial)] = context.IsIn(StationRole.ChiefScrutineer),
            [nameof(Components.ResultsPage.Downloads)] = DownloadLinks(lang, s_downloads.Keys.Where(n => n != (station.Results.Count().Reconciliation is null ? "reconciliation.csv" : "hand-tally-template.csv"))),
            [nameof(Components.ResultsPage.EarlierRounds)] = station.Results.EarlierRounds,
            [nameof(Components.ResultsPage.NextRound)] = next,
            [nameof(Components.ResultsPage.TiedForTheMeeting)] = nextProblems.Where(p => p.Code == NextRoundProblemCode.TieForTheMeeting).ToList(),
            [nameof(Components.ResultsPage.NoNextRound)] = official is null || nextProblems.Any(p => p.Code == NextRoundProblemCode.TieForTheMeeting) ? null : string.Join(lang.T("；"), nextProblems.Select(p => ProblemWords.Say(lang, p))),
        });
    }

    /// <summary>The count's files in words, grouped as an office uses them, in this order; only those the count has.</summary>
    private static List<DownloadLink> DownloadLinks(Lang lang, IEnumerable<string> present)
    {
        var have = present.ToHashSet(StringComparer.Ordinal);
        (DownloadGroup Group, string File, string Label)[] all =
        [
            (DownloadGroup.Report, "result.pdf", "选举结果报告单（PDF，打印签字）"),
            (DownloadGroup.Report, "result.xlsx", "计票结果工作簿（Excel：结果、当选人名单、核对、分批）"),
            (DownloadGroup.Report, "result.csv", "计票结果表（CSV）"),
            (DownloadGroup.Report, "reconciliation.csv", "手工计票与机器计票核对表"),
            (DownloadGroup.Report, "hand-tally-template.csv", "手工计票录入表（空白）"),
            (DownloadGroup.Archive, "archive.zip", "选票档案（全部图像和计票记录）"),
            (DownloadGroup.Archive, "archive-root.txt", "档案校验码"),
            (DownloadGroup.Archive, "cast-vote-records.csv", "每张选票的计票记录"),
            (DownloadGroup.Archive, "review-list.csv", "待监票人裁定的清单"),
            (DownloadGroup.Technical, "result.json", "计票结果（程序读取）"),
            (DownloadGroup.Technical, "cast-vote-records.json", "计票记录（程序读取）"),
            (DownloadGroup.Technical, "adjudications.json", "监票人的裁定"),
            (DownloadGroup.Technical, "interpretations.jsonl", "机器的识别结果"),
            (DownloadGroup.Technical, "definition.json", "选举定义"),
            (DownloadGroup.Technical, "calibration.json", "识别校准"),
        ];
        return [.. all.Where(d => have.Contains(d.File) && s_downloads.ContainsKey(d.File)).Select(d => new DownloadLink(d.Group, lang.T(d.Label), d.File))];
    }

    private const int AuditPageSize = 100;

    private static IResult AuditPage(HttpContext context, IAntiforgery af, CountingStation station, long? before)
    {
        var lang = Html.LangOf(context);
        var entries = station.Audit.AuditLog(AuditPageSize, before);
        return Component<Components.AuditLogPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.AuditLogPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.AuditLogPage.PageSize)] = AuditPageSize,
            [nameof(Components.AuditLogPage.Rows)] = entries
                .Select(a => (IReadOnlyList<string>)[a.Id.ToString(CultureInfo.InvariantCulture), Time(a.At), AuditLogWords.Actor(lang, a), AuditLogWords.Event(lang, a), AuditLogWords.Detail(lang, station.Layout, station.Definition, a)])
                .ToList(),
            [nameof(Components.AuditLogPage.OlderThan)] = entries.Count == AuditPageSize ? entries[^1].Id : null,
        });
    }
}

/// <summary>Whom a download is for: the township's report, the archive, or the technical files behind them.</summary>
public enum DownloadGroup
{
    /// <summary>上报: what is signed, posted and sent to the township.</summary>
    Report,

    /// <summary>存档: what is kept for complaints and audits.</summary>
    Archive,

    /// <summary>技术文件: the records programs read.</summary>
    Technical,
}

/// <summary>One of the count's files on the results page: its group, what it is in words, and its file name.</summary>
public sealed record DownloadLink(DownloadGroup Group, string Label, string File);

/// <summary>The 另行选举 started at the station: its election id and round.</summary>
public sealed record RoundStartedResponse(string Election, int Round);

/// <summary>What the chief scrutineer posts to take the 另行选举: who stands among those tied, where the meeting decides.</summary>
public sealed record NextRoundRequest(IReadOnlyList<string>? Stand);

/// <summary>A row of the log as the API gives it: its facts by name as stored, or the sentence an earlier version wrote.</summary>
/// <param name="Id">The row's number in the log.</param>
/// <param name="At">When, in UTC (ISO 8601).</param>
/// <param name="Actor">Who: a sign-in name, or the station's own actor.</param>
/// <param name="Action">The event's stored code.</param>
/// <param name="Facts">What the row records (null for an event that records none, or a row of an earlier version).</param>
/// <param name="Text">The detail as written by an earlier version (null when the row has facts).</param>
public sealed record AuditLogRow(long Id, string At, string Actor, string Action, JsonElement? Facts, string? Text)
{
    internal static AuditLogRow Of(AuditEntry e) => AuditFacts.Read(e.Event, e.Detail) is null
        ? new(e.Id, e.At, e.Actor, e.Action, null, e.Detail.Length == 0 ? null : e.Detail)
        : new(e.Id, e.At, e.Actor, e.Action, JsonDocument.Parse(e.Detail).RootElement.Clone(), null);
}

/// <summary>A line where the hand count and the machine's differ, as the reconciliation page shows it.</summary>
/// <param name="Contest">The contest's title (or the ballots' line).</param>
/// <param name="Name">The candidate's or written-in name (null on a ballots line).</param>
/// <param name="Kind">Which figure of the report.</param>
/// <param name="Hand">The hand count's figure (null: not in the hand tally).</param>
/// <param name="Machine">The machine's figure (null: no such line in the count).</param>
/// <param name="Delta">Hand less machine.</param>
/// <param name="Suspects">The sheets most likely behind it, the first five.</param>
public sealed record ReconciliationRow(string Contest, string? Name, LineKind Kind, int? Hand, int? Machine, int Delta, IReadOnlyList<ReconciliationSuspect> Suspects);

/// <summary>A sheet that may explain a difference: its file's name and why, in words.</summary>
public sealed record ReconciliationSuspect(string Sheet, string Label, string Why);

/// <summary>A section of the hand-tally form: the meeting's figures (no contest) or one contest's lines.</summary>
public sealed record HandTallySection(string? Contest, string Title, IReadOnlyList<HandTallyRow> Rows);

/// <summary>One line of the hand-tally form: its number in the form, which figure, whose, and the count entered (null: none).</summary>
public sealed record HandTallyRow(int Index, LineKind Kind, string? Name, int? Count);

/// <summary>
/// One row of the hand-tally form as posted: which line of the report it is (kind, contest, the printed or written name) and
/// the count as written. A kind that is not a defined name is null (the row is refused in words).
/// </summary>
internal sealed record HandTallyFormRow(int Index, LineKind? Kind, string? Contest, string? Name, string Count)
{
    /// <summary>The rows kind0, kind1, … until one is missing, at most <paramref name="max"/>.</summary>
    public static IEnumerable<HandTallyFormRow> Read(IFormCollection form, int max)
    {
        for (var i = 0; i < max && form.ContainsKey($"kind{i}"); i++)
        {
            var kind = EnumNames.TryParse<LineKind>(form[$"kind{i}"].ToString(), out var k) ? k : (LineKind?)null;
            yield return new HandTallyFormRow(i, kind, Given(form[$"contest{i}"]), Given(form[$"name{i}"]), form[$"c{i}"].ToString().Trim());
        }

        static string? Given(Microsoft.Extensions.Primitives.StringValues value) => value.ToString().Trim() is { Length: > 0 } text ? text : null;
    }
}
