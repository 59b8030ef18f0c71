using BallotScan.Engine.Problems;
using System.Globalization;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Host.Station.Intake;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;
using static BallotScan.Host.Text.Shown;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>Taking sheets in: upload (also a phone's camera), the scanner's feeder through SANE, the watched folder; live progress.</summary>
internal static class IntakePages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/", Dashboard);
        api.MapGet("/progress", (CountingStation station) => TypedResults.Json(station.Intake.Progress()));
        api.MapGet("/files", (CountingStation station) => TypedResults.Json(station.Intake.Files()));
        api.MapPost("/intake", async (HttpContext context, CountingStation station) => TypedResults.Json(Answers(Html.LangOf(context), await Upload(context, station).ConfigureAwait(false))))
            .RequireAuthorization(StationApp.OperatorPolicy);
        pages.MapPost("/intake/upload", async (HttpContext context, IAntiforgery af, CountingStation station) =>
            Taken(context, af, await Upload(context, station).ConfigureAwait(false), null)).RequireAuthorization(StationApp.OperatorPolicy);
        api.MapPost("/scan", async (HttpContext context, CountingStation station) => TypedResults.Json(await Scan(context, station).ConfigureAwait(false)))
            .RequireAuthorization(StationApp.OperatorPolicy);
        api.MapGet("/batches", (CountingStation station) => TypedResults.Json(BatchRows(station), ElectionJson.Options));
        api.MapPost("/batches", async (HttpContext context, CountingStation station) =>
        {
            var request = await context.Request.ReadFromJsonAsync<BatchRequest>(ElectionJson.Options).ConfigureAwait(false);
            return Act(context, () => station.Intake.OpenBatch(request?.Name ?? string.Empty, context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        api.MapPost("/batches/close", (HttpContext context, CountingStation station) => Act(context, () => station.Intake.CloseBatch(context.UserName())))
            .RequireAuthorization(StationApp.OperatorPolicy);
        api.MapPost("/batches/{id:long}/issued", async (HttpContext context, CountingStation station, long id) =>
        {
            var request = await context.Request.ReadFromJsonAsync<IssuedRequest>(ElectionJson.Options).ConfigureAwait(false);
            return Act(context, () => station.Intake.EnterIssued(id, request?.Issued ?? -1, context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        pages.MapPost("/intake/batch", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            return Form(context, af, () => station.Intake.OpenBatch(form["name"].ToString(), context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        pages.MapPost("/intake/batch/close", (HttpContext context, IAntiforgery af, CountingStation station) => Form(context, af, () => station.Intake.CloseBatch(context.UserName())))
            .RequireAuthorization(StationApp.OperatorPolicy);
        pages.MapPost("/intake/batch/{id:long}/issued", async (HttpContext context, IAntiforgery af, CountingStation station, long id) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            return Form(context, af, () => station.Intake.EnterIssued(id, int.TryParse(form["issued"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        pages.MapPost("/intake/scan", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var run = await Scan(context, station).ConfigureAwait(false);
            return Taken(context, af, run.Taken, run.Problem);
        }).RequireAuthorization(StationApp.OperatorPolicy);
    }

    internal sealed record BatchRequest(string? Name);

    internal sealed record IssuedRequest(int? Issued);

    /// <summary>A batch as the intake page and the API show it: as opened, and what came back from it.</summary>

    internal static List<BatchRow> BatchRows(CountingStation station)
    {
        var figures = station.Results.Count().Batches.ToDictionary(b => b.Batch, StringComparer.Ordinal);
        return [.. station.Intake.Batches().Select(b => new BatchRow(b.Id, b.Name, b.ClosedAt is null, b.OpenedAt, b.OpenedBy,
            figures.GetValueOrDefault(b.Name) ?? new BatchFigures(b.Name, 0, 0, 0, 0, 0, b.Issued)))];
    }

    private static IResult Act(HttpContext context, Action action)
    {
        try
        {
            action();
            return TypedResults.Json(new { ok = true });
        }
        catch (StationException e)
        {
            return Html.ApiProblem(context, Html.LangOf(context).Say(e.Said));
        }
    }

    private static IResult Form(HttpContext context, IAntiforgery af, Action action)
    {
        try
        {
            action();
            return TypedResults.Redirect("/");
        }
        catch (StationException e)
        {
            return Html.Problem(context, af, Html.LangOf(context).T("批次"), Html.LangOf(context).Say(e.Said), "/");
        }
    }

    /// <summary>Takes in every file of a multipart upload; each is stored under its SHA-256, never under the name the client gave.</summary>
    private static async Task<IReadOnlyList<IntakeResult>> Upload(HttpContext context, CountingStation station)
    {
        if (!context.Request.HasFormContentType)
        {
            return [new IntakeResult(string.Empty, string.Empty, false, new Said("请以 multipart/form-data 上传文件（字段 files）。"))];
        }

        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var results = new List<IntakeResult>();
        foreach (var file in form.Files)
        {
            if (file.Length > station.Options.MaxFileBytes)
            {
                results.Add(new IntakeResult(Path.GetFileName(file.FileName), string.Empty, false, new Said("文件超过 {0} MB，未收入。", station.Options.MaxFileBytes / (1024 * 1024))));
                continue;
            }

            using var memory = new MemoryStream((int)file.Length);
            await file.CopyToAsync(memory).ConfigureAwait(false);
            results.Add(station.Intake.TakeIn(memory.ToArray(), file.FileName, "upload", context.UserName()));
        }

        return results;
    }

    private static async Task<ScanRun> Scan(HttpContext context, CountingStation station)
    {
        if (station.Options.SaneDevice is not { } device)
        {
            return new ScanRun(0, [], new Said("没有设置扫描仪：启动计票站时加 --sane-device <设备>（scanimage -L 列出设备）。"));
        }

        var pages = 200;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            pages = int.TryParse(form["pages"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1000 ? p : pages;
        }

        return await SaneScanner.ScanAsync(station, device, pages, context.UserName(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>What /api/intake answers: the files taken in, each with what became of it in the reader's words.</summary>
    private static List<IntakeAnswer> Answers(Lang lang, IReadOnlyList<IntakeResult> results) => [.. results.Select(r => new IntakeAnswer(r.OriginalName, r.Sha256, r.IsNew, lang.Say(r.Message)))];

    /// <summary>The files taken in, each with what became of it in the reader's words.</summary>
    private static List<TakenFile> TakenFiles(Lang lang, IReadOnlyList<IntakeResult> results) => [.. results.Select(r => new TakenFile(r.OriginalName, r.Sha256, r.IsNew, lang.Say(r.Message)))];

    private static IResult Taken(HttpContext context, IAntiforgery af, IReadOnlyList<IntakeResult> results, Said? problem)
    {
        var lang = Html.LangOf(context);
        return Component<Components.IntakeResultPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.IntakeResultPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.IntakeResultPage.Problem)] = problem is null ? null : lang.Say(problem),
            [nameof(Components.IntakeResultPage.Files)] = TakenFiles(lang, results),
        });
    }

    private static IResult Dashboard(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Html.LangOf(context);
        var p = station.Intake.Progress();
        var tally = station.Results.Count().Result.Adjudicated;
        var problems = station.Intake.IntakeProblems();
        var view = new IntakeView(
            station.Definition.Title, station.Storage.Shared ? lang.T("共享数据库 {0}", station.Storage.Location) : lang.T("数据文件 {0}", station.Storage.Location),
            [("files", p.Files), ("queued", p.Queued), ("sheets", p.Sheets), ("accepted", p.Accepted), ("rejected", p.Rejected), ("needReview", p.NeedReview), ("possibleRescans", p.PossibleRescans)],
            tally.ValidBallots, tally.VoidBallots, tally.PendingSheets, station.Options.MaxFileBytes / (1024 * 1024), station.Options.SaneDevice,
            station.Options.WatchFolder is { } folder ? Path.GetFullPath(folder) : null,
            BatchRows(station), problems.Count, [.. problems.Take(50).Select(x => new IntakeProblemRow(Time(x.At), x.Name, ProblemText(lang, x)))],
            [.. station.Intake.Files().TakeLast(20).Reverse().Select(f => new ReceivedFile(Time(f.ReceivedAt), f.OriginalName, Words.Channel(lang, f.Channel), AuditLogWords.Actor(lang, f.ReceivedBy), f.Sha256, f.Status == "queued"))]);
        return Component<Components.IntakePage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.IntakePage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.IntakePage.Intake)] = view,
            [nameof(Components.IntakePage.IsOperator)] = context.IsIn(Storage.StationRole.Operator),
        });
    }

    public static string ProblemText(Lang lang, IntakeProblem problem) => problem.Kind switch
    {
        IntakeProblemKind.Link => lang.T("这是一个链接（指向 {0}），不会跟随：请把扫描件本身放进文件夹。", problem.Detail),
        IntakeProblemKind.EmptyOrNotAFile => lang.T("空文件，或不是普通文件（管道、设备）：未打开。请重新保存扫描件。"),
        IntakeProblemKind.TooLarge => lang.T("文件太大（{0} MB）：不可能是一张扫描件。", problem.Detail),
        IntakeProblemKind.NotAScan => lang.T("不是扫描图像或 PDF（文件名像扫描件，内容不是）：未收入。"),
        IntakeProblemKind.NameNotUtf8 => lang.T("文件名不是 UTF-8 编码（可能是 GBK）：无法按此名打开。请在扫描软件中改用 UTF-8 或英文文件名。"),
        _ => lang.T("系统拒绝读取（{0}）：请检查文件权限。", problem.Detail),
    };
}

/// <summary>A batch as the intake page and the API show it: as opened, and what came back from it.</summary>
public sealed record BatchRow(long Id, string Name, bool Open, string OpenedAt, string OpenedBy, BatchFigures Figures);

/// <summary>What one file taken in became: its name as given, its SHA-256, whether it was new, and what happened, in words.</summary>
public sealed record TakenFile(string Name, string Sha256, bool IsNew, string Note);

/// <summary>One file of an upload to /api/intake: its name as sent, its SHA-256 (empty when refused), whether it is new, and what became of it in words.</summary>
public sealed record IntakeAnswer(string OriginalName, string Sha256, bool IsNew, string Message);

/// <summary>The intake dashboard: the figures so far, the batches, the scanner folder's problems and the latest files.</summary>
/// <param name="Election">The election's title.</param>
/// <param name="Storage">Where the station keeps its data.</param>
/// <param name="Progress">Each figure by its name for the page's script (files, queued…), in order.</param>
/// <param name="Valid">Valid ballots so far.</param>
/// <param name="Void">Void ballots so far.</param>
/// <param name="Pending">Sheets waiting for the scrutineers.</param>
/// <param name="MaxFileMegabytes">The largest file taken in.</param>
/// <param name="Scanner">The SANE device, if one is set up.</param>
/// <param name="WatchFolder">The watched folder's full path, if one is watched.</param>
/// <param name="Batches">Every batch, as opened.</param>
/// <param name="ProblemCount">How many entries of the folder were not taken in (only the first 50 are listed).</param>
/// <param name="Problems">The first 50 of them, the latest first.</param>
/// <param name="Recent">The 20 files received last, the latest first.</param>
public sealed record IntakeView(
    string Election, string Storage, IReadOnlyList<(string Name, int Value)> Progress, int Valid, int Void, int Pending, long MaxFileMegabytes,
    string? Scanner, string? WatchFolder, IReadOnlyList<BatchRow> Batches, int ProblemCount, IReadOnlyList<IntakeProblemRow> Problems, IReadOnlyList<ReceivedFile> Recent);

/// <summary>An entry of the watched folder not taken in: when, its name, why and what to do.</summary>
public sealed record IntakeProblemRow(string At, string Name, string Why);

/// <summary>A file received: when, as what, by which channel (in words), by whom, its SHA-256, and whether it waits to be read.</summary>
public sealed record ReceivedFile(string At, string Name, string Channel, string By, string Sha256, bool Queued);
