using System.Globalization;
using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Reconciliation;
using BallotScan.Host.Commands;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Station.Web;

/// <summary>The hand tally (shaped like the 选举结果报告单), the reconciliation, the results with a chart, the downloads and the audit log.</summary>
internal static class TallyPages
{
    private static readonly LineKind[] s_meetingFigures = [LineKind.Due, LineKind.Present, LineKind.Issued, LineKind.Returned, LineKind.Valid, LineKind.Void];

    /// <summary>The files a count gives, as `./ballotscan count` writes them, and its archive.</summary>
    private static readonly Dictionary<string, string> s_downloads = new(CountFolder.ContentTypes, StringComparer.Ordinal) { ["archive.zip"] = "application/zip" };

    /// <summary>More rows than a report has are not read.</summary>
    private const int MaxFormLines = 2000;

    public static void Map(WebApplication app)
    {
        app.MapGet("/hand-tally", HandTallyPage);
        app.MapPost("/hand-tally", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var lines = new List<TallyLine>();
            var problems = new List<string>();
            for (var i = 0; form.ContainsKey($"k{i}") && i < MaxFormLines; i++)
            {
                var key = form[$"k{i}"].ToString().Split('|');
                var text = form[$"c{i}"].ToString().Trim();
                if (key.Length != 3 || !EnumNames.TryParse<LineKind>(key[0], out var kind))
                {
                    problems.Add(Lang.Of(context).S($"第 {i + 1} 行不是报告单上的一行", $"row {i + 1} is not a line of the report"));
                    continue;
                }

                var name = key[2].Length > 0 ? key[2] : form[$"n{i}"].ToString().Trim();
                if (text.Length == 0 || (kind == LineKind.WriteIn && name.Length == 0))
                {
                    continue;
                }

                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    problems.Add(Lang.Of(context).S($"「{text}」（{name}）不是票数", $"'{text}' ({name}) is not a count"));
                    continue;
                }

                lines.Add(new TallyLine(kind, key[1].Length == 0 ? null : key[1], name.Length == 0 ? null : name, n));
            }

            if (problems.Count > 0)
            {
                return HandTallyPage(context, af, station, string.Join("; ", problems));
            }

            try
            {
                station.EnterHandTally(lines, context.UserName());
            }
            catch (StationException e)
            {
                return HandTallyPage(context, af, station, e.Message);
            }

            return Results.Redirect("/reconciliation");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
        app.MapPost("/api/hand-tally", async (HttpContext context, CountingStation station) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
            try
            {
                // As the counters' spreadsheet saved it: UTF-8 or GB18030.
                var lines = HandTally.ParseCsv(body.ToArray(), station.Definition);
                station.EnterHandTally(lines, context.UserName());
                return Results.Json(new { lines = lines.Count });
            }
            catch (Exception e) when (e is HandTallyException or StationException)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        }).RequireAuthorization(StationApp.ScrutineerPolicy).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(2 * 1024 * 1024));
        app.MapGet("/reconciliation", Reconciliation);
        app.MapGet("/api/reconciliation", (CountingStation station) => Results.Json(station.Count().Reconciliation, ElectionJson.Options));
        app.MapGet("/results", ResultsPage);
        app.MapPost("/results/official", (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            try
            {
                station.MarkOfficial(context.UserName());
                return Results.Redirect("/results");
            }
            catch (StationException e)
            {
                return Html.Problem(context, af, Lang.Of(context).S("结果", "Results"), e.Message, "/results");
            }
        }).RequireAuthorization(StationApp.ChiefScrutineerPolicy);
        app.MapPost("/api/official", (HttpContext context, CountingStation station) =>
        {
            try
            {
                return Results.Json(station.MarkOfficial(context.UserName()), ElectionJson.Options);
            }
            catch (StationException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        }).RequireAuthorization(StationApp.ChiefScrutineerPolicy);
        app.MapGet("/api/results", (CountingStation station) =>
        {
            var count = station.Count();
            return Results.Json(new { adjudicated = count.Result.Adjudicated, machineOnly = count.Result.MachineOnly, lines = ResultLines.Of(count.Result.Adjudicated) }, ElectionJson.Options);
        });
        app.MapGet("/downloads/{name}", (CountingStation station, string name) =>
        {
            if (!s_downloads.TryGetValue(name, out var type))
            {
                return Results.NotFound();
            }

            if (name != "archive.zip")
            {
                return station.CountFiles().TryGetValue(name, out var bytes) ? Results.File(bytes, type, name) : Results.NotFound();
            }

            var folder = Directory.CreateTempSubdirectory("ballotscan-download-");
            try
            {
                var path = Path.Combine(folder.FullName, name);
                station.ExportArchive(path);
                return Results.File(File.ReadAllBytes(path), type, name);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        });
        app.MapGet("/audit", AuditPage);
        app.MapGet("/api/audit", (CountingStation station, int? limit, long? before) =>
        {
            // A page at a time, the latest first; "next" is the `before` of the following page (null after the oldest row).
            var entries = station.AuditLog(limit ?? AuditPageSize, before);
            return Results.Json(new { entries, next = entries.Count == Math.Clamp(limit ?? AuditPageSize, 1, 1000) ? entries[^1].Id : (long?)null });
        });
    }

    private static string ContestTitle(CountingStation station, string? contest) =>
        contest is null ? string.Empty : station.Definition.Contests.FirstOrDefault(c => c.Id == contest)?.Title ?? contest;

    private static IResult HandTallyPage(HttpContext context, IAntiforgery af, CountingStation station, string? problem = null)
    {
        var lang = Lang.Of(context);
        var entered = station.HandTallyLines() ?? [];
        var value = entered.ToDictionary(l => l.Key, l => l.Count);
        // The lines of the report, never the machine's numbers: the hand count is made without seeing them.
        var lines = new List<TallyLine>(s_meetingFigures.Select(k => new TallyLine(k, null, null, 0)));
        foreach (var contest in station.Definition.Contests)
        {
            foreach (var candidate in contest.Candidates)
            {
                lines.AddRange([.. new[] { LineKind.Approve, LineKind.Disapprove, LineKind.Abstain, LineKind.CandidateVoid }.Select(k => new TallyLine(k, contest.Id, candidate.Name, 0))]);
            }

            var writeIns = entered.Where(l => l.Kind == LineKind.WriteIn && l.Contest == contest.Id).ToList();
            lines.AddRange(writeIns);
            lines.AddRange(Enumerable.Repeat(new TallyLine(LineKind.WriteIn, contest.Id, string.Empty, 0), 3));
        }

        var rows = new StringBuilder();
        string? section = null;
        string? sectionContest = null;
        void EndSection()
        {
            if (sectionContest is not null)
            {
                // More written-in names than empty rows: the page adds rows (station.js).
                rows.Append(CultureInfo.InvariantCulture, $"<tr class=\"add\"><td colspan=\"3\"><button type=\"button\" data-add-write-in=\"{E(sectionContest)}\" data-placeholder=\"{E(lang.S("另选他人姓名", "written-in name"))}\">{E(lang.S("另加一个姓名", "Add a written-in name"))}</button></td></tr>");
            }
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            var title = l.Contest is null ? lang.S("选票情况", "Ballots") : ContestTitle(station, l.Contest);
            if (title != section)
            {
                EndSection();
                rows.Append(CultureInfo.InvariantCulture, $"<tr class=\"section\"><th colspan=\"3\">{E(title)}</th></tr>");
                section = title;
                sectionContest = l.Contest;
            }

            var known = value.TryGetValue(l.Key, out var v) && (l.Kind != LineKind.WriteIn || l.Name is { Length: > 0 });
            var nameCell = l.Kind == LineKind.WriteIn && string.IsNullOrEmpty(l.Name)
                ? $"<input name=\"n{N(i)}\" placeholder=\"{E(lang.S("另选他人姓名", "written-in name"))}\">"
                : E(l.Name ?? string.Empty);
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{nameCell}<input type="hidden" name="k{N(i)}" value="{E($"{l.Kind}|{l.Contest}|{l.Name}")}"></td><td>{E(ResultLines.Chinese[l.Kind])}</td>
                <td><input name="c{N(i)}" inputmode="numeric" pattern="[0-9]*" class="count" value="{(known ? N(v) : string.Empty)}" data-line="{E($"{l.Kind}|{l.Contest}|{l.Name}")}"></td></tr>
                """);
        }

        EndSection();

        var state = station.HandTallies();
        var last = state.InEffect;
        var notApplied = string.Concat(state.NotApplied.Select(x => $"<p class=\"problem\">{E(lang.S($"{x.Tally.EnteredBy} 于 {Time(x.Tally.At)} 录入的手工计票不能采用，未计入：", $"The hand tally entered by {x.Tally.EnteredBy} at {Time(x.Tally.At)} cannot be applied and is not used: "))}{E(x.Problem)}</p>"));
        var body = $"""
            {(problem is null ? string.Empty : $"<p class=\"problem\">{E(problem)}</p>")}
            {notApplied}
            <p>{E(lang.S("按选举结果报告单填写唱票、计票的结果；不填的行不参加核对。", "Enter the hand count (唱票/计票) as on the result report; lines left empty are not compared."))}
            {(last is { } h ? E(lang.S($"在用的一份由 {h.EnteredBy} 于 {Time(h.At)} 录入。", $"The one in effect was entered by {h.EnteredBy} at {Time(h.At)}.")) : string.Empty)}</p>
            <form method="post" action="/hand-tally" id="hand-tally">{Token(context, af)}
            <table class="report"><thead><tr><th>{E(lang.S("姓名/项目", "Name / figure"))}</th><th>{E(lang.S("项目", "Line"))}</th><th>{E(lang.S("票数", "Count"))}</th></tr></thead><tbody>{rows}</tbody></table>
            {(context.IsIn(Storage.StationRole.Scrutineer) ? $"<button type=\"submit\" class=\"primary\">{E(lang.S("保存并核对", "Save and reconcile"))}</button>" : string.Empty)}
            </form>
            """;
        return Page(context, af, lang.S("手工计票录入", "Hand tally"), body, problem is null ? 200 : 400);
    }

    private static IResult Reconciliation(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Lang.Of(context);
        var count = station.Count();
        var report = count.Reconciliation;
        return Component<Components.ReconciliationPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.ReconciliationPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ReconciliationPage.PendingSheets)] = count.Result.Adjudicated.Provisional ? count.Result.Adjudicated.PendingSheets : 0,
            [nameof(Components.ReconciliationPage.HandTallyProblems)] = count.Hand is null ? [] : HandTally.Inconsistencies(count.Hand, station.Definition).ToList(),
            [nameof(Components.ReconciliationPage.Differences)] = report?.Differences.Select(d => new ReconciliationRow(
                ContestTitle(station, d.Line.Contest), d.Line.Name, d.Line.Kind, d.Hand, d.Machine, d.Delta,
                [.. d.Suspects.Take(5).Select(s => new ReconciliationSuspect(s.Sheet, Path.GetFileName(s.Source) ?? s.Sheet[..12], Words.Suspect(lang, station.Layout, station.Definition, s)))])).ToList(),
            [nameof(Components.ReconciliationPage.LinesCompared)] = report?.LinesCompared ?? 0,
        });
    }

    private static IResult ResultsPage(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var official = station.Official;
        return Component<Components.ResultsPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.ResultsPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ResultsPage.Tally)] = station.Count().Result.Adjudicated,
            [nameof(Components.ResultsPage.OfficialBy)] = official?.By,
            [nameof(Components.ResultsPage.OfficialAt)] = official is null ? null : Time(official.At),
            [nameof(Components.ResultsPage.CanMakeOfficial)] = context.IsIn(StationRole.ChiefScrutineer),
            [nameof(Components.ResultsPage.Downloads)] = s_downloads.Keys.ToList(),
        });
    }

    private const int AuditPageSize = 100;

    private static IResult AuditPage(HttpContext context, IAntiforgery af, CountingStation station, long? before)
    {
        var lang = Lang.Of(context);
        var entries = station.AuditLog(AuditPageSize, before);
        return Component<Components.AuditLogPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.AuditLogPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.AuditLogPage.PageSize)] = AuditPageSize,
            [nameof(Components.AuditLogPage.Rows)] = entries
                .Select(a => (IReadOnlyList<string>)[a.Id.ToString(CultureInfo.InvariantCulture), Time(a.At), a.Actor, Words.AuditAction(lang, a.Action), a.Detail])
                .ToList(),
            [nameof(Components.AuditLogPage.OlderThan)] = entries.Count == AuditPageSize ? entries[^1].Id : null,
        });
    }
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

