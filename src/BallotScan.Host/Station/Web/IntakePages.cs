using System.Globalization;
using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Host.Station.Intake;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Station.Web;

/// <summary>Taking sheets in: upload (also a phone's camera), the scanner's feeder through SANE, the watched folder; live progress.</summary>
internal static class IntakePages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/", Dashboard);
        app.MapGet("/api/progress", (CountingStation station) => Results.Json(station.Progress()));
        app.MapGet("/api/files", (CountingStation station) => Results.Json(station.Files()));
        app.MapPost("/api/intake", async (HttpContext context, CountingStation station) => Results.Json(await Upload(context, station).ConfigureAwait(false)))
            .RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/intake/upload", async (HttpContext context, IAntiforgery af, CountingStation station) =>
            Taken(context, af, await Upload(context, station).ConfigureAwait(false), null)).RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/api/scan", async (HttpContext context, CountingStation station) => Results.Json(await Scan(context, station).ConfigureAwait(false)))
            .RequireAuthorization(StationApp.OperatorPolicy);
        app.MapGet("/api/batches", (CountingStation station) => Results.Json(BatchRows(station), ElectionJson.Options));
        app.MapPost("/api/batches", async (HttpContext context, CountingStation station) =>
        {
            var request = await context.Request.ReadFromJsonAsync<BatchRequest>(ElectionJson.Options).ConfigureAwait(false);
            return Act(() => station.OpenBatch(request?.Name ?? string.Empty, context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/api/batches/close", (HttpContext context, CountingStation station) => Act(() => station.CloseBatch(context.UserName())))
            .RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/api/batches/{id:long}/issued", async (HttpContext context, CountingStation station, long id) =>
        {
            var request = await context.Request.ReadFromJsonAsync<IssuedRequest>(ElectionJson.Options).ConfigureAwait(false);
            return Act(() => station.EnterIssued(id, request?.Issued ?? -1, context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/intake/batch", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            return Form(context, af, () => station.OpenBatch(form["name"].ToString(), context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/intake/batch/close", (HttpContext context, IAntiforgery af, CountingStation station) => Form(context, af, () => station.CloseBatch(context.UserName())))
            .RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/intake/batch/{id:long}/issued", async (HttpContext context, IAntiforgery af, CountingStation station, long id) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            return Form(context, af, () => station.EnterIssued(id, int.TryParse(form["issued"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, context.UserName()));
        }).RequireAuthorization(StationApp.OperatorPolicy);
        app.MapPost("/intake/scan", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var run = await Scan(context, station).ConfigureAwait(false);
            return Taken(context, af, run.Taken, run.Problem);
        }).RequireAuthorization(StationApp.OperatorPolicy);
    }

    internal sealed record BatchRequest(string? Name);

    internal sealed record IssuedRequest(int? Issued);

    /// <summary>A batch as the intake page and the API show it: as opened, and what came back from it.</summary>
    internal sealed record BatchRow(long Id, string Name, bool Open, string OpenedAt, string OpenedBy, BatchFigures Figures);

    internal static List<BatchRow> BatchRows(CountingStation station)
    {
        var figures = station.Count().Batches.ToDictionary(b => b.Batch, StringComparer.Ordinal);
        return [.. station.Batches().Select(b => new BatchRow(b.Id, b.Name, b.ClosedAt is null, b.OpenedAt, b.OpenedBy,
            figures.GetValueOrDefault(b.Name) ?? new BatchFigures(b.Name, 0, 0, 0, 0, 0, b.Issued)))];
    }

    private static IResult Act(Action action)
    {
        try
        {
            action();
            return Results.Json(new { ok = true });
        }
        catch (StationException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
    }

    private static IResult Form(HttpContext context, IAntiforgery af, Action action)
    {
        try
        {
            action();
            return Results.Redirect("/");
        }
        catch (StationException e)
        {
            return Html.Problem(context, af, Lang.Of(context).S("批次", "Batches"), e.Message, "/");
        }
    }

    /// <summary>Takes in every file of a multipart upload; each is stored under its SHA-256, never under the name the client gave.</summary>
    private static async Task<IReadOnlyList<IntakeResult>> Upload(HttpContext context, CountingStation station)
    {
        if (!context.Request.HasFormContentType)
        {
            return [new IntakeResult(string.Empty, string.Empty, false, "Send the files as multipart/form-data (field 'files').")];
        }

        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var results = new List<IntakeResult>();
        foreach (var file in form.Files)
        {
            if (file.Length > station.Options.MaxFileBytes)
            {
                results.Add(new IntakeResult(Path.GetFileName(file.FileName), string.Empty, false, $"Larger than {station.Options.MaxFileBytes / (1024 * 1024)} MB: not taken in."));
                continue;
            }

            using var memory = new MemoryStream((int)file.Length);
            await file.CopyToAsync(memory).ConfigureAwait(false);
            results.Add(station.TakeIn(memory.ToArray(), file.FileName, "upload", context.UserName()));
        }

        return results;
    }

    private static async Task<ScanRun> Scan(HttpContext context, CountingStation station)
    {
        if (station.Options.SaneDevice is not { } device)
        {
            return new ScanRun(0, [], "No scanner is set up: start the station with --sane-device <device> (scanimage -L lists them).");
        }

        var pages = 200;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            pages = int.TryParse(form["pages"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1000 ? p : pages;
        }

        return await SaneScanner.ScanAsync(station, device, pages, context.UserName(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>What became of one file, in the reader's language: its message is Chinese first with the English after " / ".</summary>
    private static string IntakeNote(Lang lang, IntakeResult r) =>
        r.Message.Split(" / ", 2) is [var zh, var en] ? lang.S(zh, en) : r.Message;

    private static IResult Taken(HttpContext context, IAntiforgery af, IReadOnlyList<IntakeResult> results, string? problem)
    {
        var lang = Lang.Of(context);
        var rows = results.Select(r => new[] { E(r.OriginalName), r.Sha256.Length > 0 ? $"<code>{E(r.Sha256[..12])}…</code>" : string.Empty, E(r.IsNew ? lang.S("已收", "taken in") : lang.S("未新增", "not added")), E(IntakeNote(lang, r)) });
        var body = $"""
            {(problem is null ? string.Empty : $"<p class=\"problem\">{E(problem)}</p>")}
            <p>{E(lang.S($"新收 {results.Count(r => r.IsNew)} 个文件，共 {results.Count} 个。", $"{results.Count(r => r.IsNew)} of {results.Count} file(s) taken in."))} <a href="/">{E(lang.S("返回收票", "Back to intake"))}</a></p>
            {Table([lang.S("文件", "File"), "SHA-256", lang.S("结果", "Result"), lang.S("说明", "Note")], rows, "taken")}
            """;
        return Page(context, af, lang.S("收票结果", "Intake"), body);
    }

    private static IResult Dashboard(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Lang.Of(context);
        var p = station.Progress();
        var count = station.Count();
        var tally = count.Result.Adjudicated;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <p class="election">{E(station.Definition.Title)} <span class="hint">({E(station.StorageDescription)})</span></p>
            <section class="figures" id="progress">
              <div><span data-progress="files">{N(p.Files)}</span>{E(lang.S("个文件", "files"))}</div>
              <div><span data-progress="queued">{N(p.Queued)}</span>{E(lang.S("待读", "waiting to be read"))}</div>
              <div><span data-progress="sheets">{N(p.Sheets)}</span>{E(lang.S("张已读", "sheets read"))}</div>
              <div><span data-progress="accepted">{N(p.Accepted)}</span>{E(lang.S("张选票", "ballots"))}</div>
              <div><a href="/set-aside"><span data-progress="rejected">{N(p.Rejected)}</span>{E(lang.S("张未识别", "not placed"))}</a></div>
              <div><span data-progress="needReview">{N(p.NeedReview)}</span>{E(lang.S("张需审核", "need a look"))}</div>
              <div><span data-progress="possibleRescans">{N(p.PossibleRescans)}</span>{E(lang.S("张疑似重扫", "possible rescans"))}</div>
            </section>
            <p>{E(lang.S($"目前：有效票 {tally.ValidBallots}，无效票 {tally.VoidBallots}，待监票人裁定 {tally.PendingSheets} 张。", $"So far: {tally.ValidBallots} valid, {tally.VoidBallots} void, {tally.PendingSheets} waiting for the scrutineers."))} <a href="/review">{E(lang.S("去审核", "Go to review"))}</a></p>
            """);
        if (context.IsIn(Storage.StationRole.Operator))
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <section class="card">
                  <h2>{E(lang.S("上传扫描件或照片", "Upload scans or photos"))}</h2>
                  <form method="post" action="/intake/upload" enctype="multipart/form-data" id="upload">
                    {Token(context, af)}
                    <input type="file" name="files" multiple accept="image/*,.tif,.tiff" capture="environment">
                    <button type="submit" class="primary">{E(lang.S("上传", "Upload"))}</button>
                  </form>
                  <p class="hint">{E(lang.S($"每个文件不超过 {station.Options.MaxFileBytes / (1024 * 1024)} MB；同一文件重复上传只计一次。", $"At most {station.Options.MaxFileBytes / (1024 * 1024)} MB a file; the same file twice counts once."))}</p>
                </section>
                """);
            if (station.Options.SaneDevice is { } device)
            {
                body.Append(CultureInfo.InvariantCulture, $"""
                    <section class="card">
                      <h2>{E(lang.S("从扫描仪进纸", "Scan from the feeder"))} <span class="hint">({E(device)})</span></h2>
                      <form method="post" action="/intake/scan">{Token(context, af)}<label>{E(lang.S("最多页数", "Pages at most"))} <input name="pages" type="number" min="1" max="1000" value="50"></label> <button type="submit">{E(lang.S("开始扫描", "Scan"))}</button></form>
                    </section>
                    """);
            }
        }

        body.Append(BatchSection(context, af, station, lang));
        if (station.Options.WatchFolder is { } folder)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">{E(lang.S("正在监视扫描文件夹：", "Watching the scanner's folder: "))}<code>{E(Path.GetFullPath(folder))}</code></p>");
        }

        var problems = station.IntakeProblems();
        if (problems.Count > 0)
        {
            var rows = problems.Take(50).Select(p => new[] { E(Time(p.At)), E(p.Name), E(ProblemText(lang, p)) });
            body.Append(CultureInfo.InvariantCulture, $"<h2 class=\"problem\">{E(lang.S($"扫描文件夹中有 {problems.Count} 项未收入", $"{problems.Count} entries of the scanner's folder not taken in"))}</h2>");
            body.Append(Table([TimeHeader(lang), lang.S("文件", "File"), lang.S("原因与处理", "Why, and what to do")], rows, "intake-problems"));
        }

        var recent = station.Files().TakeLast(20).Reverse().Select(f => new[]
        {
            E(Time(f.ReceivedAt)), E(f.OriginalName), E(Words.Channel(lang, f.Channel)), E(f.ReceivedBy), $"<code>{E(f.Sha256[..12])}…</code>",
            E(f.Status == "queued" ? lang.S("待读", "queued") : lang.S("已读", "read")),
        });
        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(lang.S("最近收到", "Latest received"))}</h2>");
        body.Append(Table([TimeHeader(lang), lang.S("文件", "File"), lang.S("来源", "Channel"), lang.S("收件人", "By"), "SHA-256", lang.S("状态", "Status")], recent, "recent"));
        return Page(context, af, lang.S("收票与读票", "Intake and reading"), body.ToString());
    }

    public static string ProblemText(Lang lang, IntakeProblem problem) => problem.Kind switch
    {
        IntakeProblemKind.Link => lang.S($"这是一个链接（指向 {problem.Detail}），不会跟随：请把扫描件本身放进文件夹。", $"A link (to {problem.Detail}), never followed: put the scan itself into the folder."),
        IntakeProblemKind.EmptyOrNotAFile => lang.S("空文件，或不是普通文件（管道、设备）：未打开。请重新保存扫描件。", "Empty, or not a regular file (a pipe, a device): not opened. Save the scan again."),
        IntakeProblemKind.TooLarge => lang.S($"文件太大（{problem.Detail} MB）：不可能是一张扫描件。", $"Too large ({problem.Detail} MB) to be a scan."),
        IntakeProblemKind.NotAScan => lang.S("不是扫描图像或 PDF（文件名像扫描件，内容不是）：未收入。", "Named like a scan but not an image or a PDF: not taken in."),
        IntakeProblemKind.NameNotUtf8 => lang.S("文件名不是 UTF-8 编码（可能是 GBK）：无法按此名打开。请在扫描软件中改用 UTF-8 或英文文件名。", "The name is not UTF-8 (GBK?): it cannot be opened by it. Have the scanner software save UTF-8 or plain names."),
        _ => lang.S($"系统拒绝读取（{problem.Detail}）：请检查文件权限。", $"The system refused to read it ({problem.Detail}): check the file's permissions."),
    };

    /// <summary>The batches: the one open now (every file taken in goes into it), and what came back from each, beside the ballots issued for its box.</summary>
    private static string BatchSection(HttpContext context, IAntiforgery af, CountingStation station, Lang lang)
    {
        var rows = BatchRows(station);
        var open = rows.FirstOrDefault(r => r.Open);
        var operatorHere = context.IsIn(Storage.StationRole.Operator);
        var text = new StringBuilder("<section class=\"card\" id=\"batches\">");
        text.Append(CultureInfo.InvariantCulture, $"<h2>{E(lang.S("批次（票箱或一次扫描）", "Batches (a ballot box or a scanner run)"))}</h2>");
        text.Append(CultureInfo.InvariantCulture, $"<p>{(open is null
            ? $"<span class=\"problem\">{E(lang.S("没有打开的批次：现在收入的选票不属于任何批次，事后难以找到纸质选票。请先打开一个批次。", "No batch is open: sheets taken in now belong to none, and their paper will be hard to find. Open a batch first."))}</span>"
            : E(lang.S($"当前批次：{open.Name}。这一批的纸质选票请按扫描顺序放在一起，装入写有批次名称的信封。", $"Open batch: {open.Name}. Keep this batch's paper together, in scan order, in an envelope labelled with its name.")))}</p>");
        if (operatorHere)
        {
            text.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/intake/batch\" class=\"inline\">{Token(context, af)}<label>{E(lang.S("新批次名称", "New batch"))} <input name=\"name\" maxlength=\"{N(CountingStation.MaxBatchName)}\" placeholder=\"{E(lang.S("中心会场、流动票箱1…", "中心会场, 流动票箱1…"))}\" required></label> <button type=\"submit\">{E(lang.S("打开批次", "Open batch"))}</button></form>");
            if (open is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" <form method=\"post\" action=\"/intake/batch/close\" class=\"inline\">{Token(context, af)}<button type=\"submit\">{E(lang.S("关闭当前批次", "Close the batch"))}</button></form>");
            }
        }

        var table = rows.Select(r => new[]
        {
            E(r.Name) + (r.Open ? $" <strong>({E(lang.S("当前", "open"))})</strong>" : string.Empty), N(r.Figures.Sheets), N(r.Figures.Counted), N(r.Figures.Void), N(r.Figures.Pending), N(r.Figures.SetAside),
            operatorHere
                ? $"<form method=\"post\" action=\"/intake/batch/{r.Id.ToString(CultureInfo.InvariantCulture)}/issued\" class=\"inline\">{Token(context, af)}<input name=\"issued\" type=\"number\" min=\"0\" value=\"{(r.Figures.Issued is { } i ? N(i) : string.Empty)}\" aria-label=\"{E(lang.S("发出票数", "Issued"))}\"> <button type=\"submit\">{E(lang.S("保存", "Save"))}</button></form>"
                : r.Figures.Issued is { } n ? N(n) : "—",
            r.Figures.Missing switch
            {
                null => "—",
                0 => E(lang.S("相符", "all back")),
                > 0 and var m => $"<span class=\"problem\">{E(lang.S($"少 {m} 张", $"{m} missing"))}</span>",
                var m => $"<span class=\"problem\">{E(lang.S($"多 {-m} 张", $"{-m} more than issued"))}</span>",
            },
        });
        text.Append(Table([lang.S("批次", "Batch"), lang.S("图像", "Sheets"), lang.S("计入", "Counted"), lang.S("废票", "Void"), lang.S("待定", "Waiting"), lang.S("不计", "Set aside"), lang.S("发出", "Issued"), lang.S("收回核对", "Back?")], table, "batch-figures"));
        return text.Append("</section>").ToString();
    }
}
