using System.Globalization;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Station.Web;

/// <summary>A decision as sent by the sheet page or an API client; the scrutineer is the signed-in person.</summary>
internal sealed record DecisionRequest(string Sheet, AdjudicationKind Kind, string? BoxId, MarkSymbol? Symbol, string? WriteInName, SheetDecision? SheetDecision, string? Reason);

/// <summary>The review queue, the sheet page (image, every box outlined, decisions by keyboard) and second-scrutineer confirmation.</summary>
internal static class ReviewPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/review", ReviewList);
        app.MapGet("/api/review", (CountingStation station) => Results.Json(station.Count().Result.ReviewList, ElectionJson.Options));
        app.MapGet("/review/next", (CountingStation station, string? after) =>
        {
            // The next waiting sheet in reading order after this one (which may have left the list), then from the top.
            var result = station.Count().Result;
            var order = result.Records.Select((r, i) => (r.Sheet, i)).ToDictionary(x => x.Sheet, x => x.i, StringComparer.Ordinal);
            var here = after is not null && order.TryGetValue(after, out var i) ? i : -1;
            var next = result.ReviewList.FirstOrDefault(r => order.GetValueOrDefault(r.Sheet) > here) ?? result.ReviewList.FirstOrDefault(r => r.Sheet != after);
            return Results.Redirect(next is null ? "/review" : SheetLink(next.Sheet));
        });
        app.MapGet("/sheet", SheetPage);
        app.MapGet("/sheet/image", (SheetImages images, string id) => images.Of(id) is { } shown ? Results.Bytes(shown.Png, "image/png") : Results.NotFound());
        app.MapGet("/sheet/crop", (SheetImages images, string id, string box) => images.Crop(id, box) is { } png ? Results.Bytes(png, "image/png") : Results.NotFound());
        app.MapGet("/api/sheet", (CountingStation station, string id) =>
        {
            var sheet = station.Interpretation(id);
            return sheet is null ? Results.NotFound() : Results.Json(new
            {
                interpretation = sheet,
                record = station.Count().Result.Records.FirstOrDefault(r => r.Sheet == id),
                decisions = station.Decisions().Where(d => d.Decision.Sheet == id),
            }, ElectionJson.Options);
        });
        app.MapPost("/api/decisions", Decide).RequireAuthorization(StationApp.ScrutineerPolicy);
        app.MapGet("/confirmations", Confirmations);
        app.MapGet("/api/confirmations", (CountingStation station) => Results.Json(station.Decisions().Where(d => d.AwaitingConfirmation), ElectionJson.Options));
        app.MapPost("/api/decisions/{id:long}/answer", async (HttpContext context, CountingStation station, long id) =>
        {
            var answer = await context.Request.ReadFromJsonAsync<ConfirmationRequest>().ConfigureAwait(false);
            var problem = station.Confirm(id, context.UserName(), answer?.Agree ?? false);
            return problem is null ? Results.Json(new { id, agree = answer?.Agree ?? false }) : Results.BadRequest(new { error = problem });
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
        app.MapPost("/confirmations/{id:long}", async (HttpContext context, CountingStation station, long id) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var problem = station.Confirm(id, context.UserName(), form["agree"] == "yes");
            return problem is null ? Results.Redirect("/confirmations") : Results.BadRequest(problem);
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
    }

    internal sealed record ConfirmationRequest(bool Agree);

    public static string SheetLink(string sheetId) => $"/sheet?id={Uri.EscapeDataString(sheetId)}";

    /// <summary>
    /// A decision posted from a page's form: recorded for the signed-in scrutineer and the browser sent to
    /// <paramref name="then"/>, or the page of what stands in the way with the way back to <paramref name="back"/>.
    /// </summary>
    public static IResult DecideFromForm(HttpContext context, IAntiforgery af, CountingStation station, Adjudication decision, string title, string back, string then)
    {
        try
        {
            station.Decide(decision with { Scrutineer = context.UserName(), At = DateTimeOffset.UtcNow });
            return Results.Redirect(then);
        }
        catch (StationException e)
        {
            return Html.Problem(context, af, title, e.Message, back);
        }
    }

    /// <summary>The zoomed crop of one box of a sheet.</summary>
    public static string CropLink(string sheetId, string boxId) => $"/sheet/crop?id={Uri.EscapeDataString(sheetId)}&box={Uri.EscapeDataString(boxId)}";

    public static string Glyph(MarkSymbol? symbol) => symbol switch
    {
        MarkSymbol.Blank => "空",
        MarkSymbol.Circle => "○",
        MarkSymbol.Cross => "×",
        MarkSymbol.Check => "√",
        MarkSymbol.Other => "?",
        _ => string.Empty,
    };

    private static async Task<IResult> Decide(HttpContext context, CountingStation station)
    {
        DecisionRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<DecisionRequest>(ElectionJson.Options).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Results.BadRequest(new { error = $"Not a decision: {e.Message}" });
        }

        if (request is null)
        {
            return Results.BadRequest(new { error = "Send a decision as JSON." });
        }

        try
        {
            var result = station.Decide(new Adjudication
            {
                Sheet = request.Sheet,
                Kind = request.Kind,
                BoxId = request.BoxId,
                Symbol = request.Symbol,
                WriteInName = request.WriteInName,
                SheetDecision = request.SheetDecision,
                Scrutineer = context.UserName(),
                Reason = request.Reason ?? string.Empty,
                At = DateTimeOffset.UtcNow,
            });
            return Results.Json(result);
        }
        catch (StationException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
    }

    private static IResult ReviewList(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Lang.Of(context);
        var count = station.Count();
        var waiting = station.Decisions().Count(d => d.AwaitingConfirmation);
        var rows = count.Result.ReviewList.Select((r, i) => new[]
        {
            N(i + 1), $"<a href=\"{E(SheetLink(r.Sheet))}\">{E(r.Sheet[..Math.Min(12, r.Sheet.Length)])}…</a>", E(r.Source), E(string.Join(lang.S("；", "; "), r.Items.Select(x => Words.Waiting(lang, station.Layout, station.Definition, x)))),
        });
        var body = $"""
            <p>{E(lang.S($"{count.Result.ReviewList.Count} 张选票待监票人裁定；{waiting} 项裁定待第二位监票人复核。", $"{count.Result.ReviewList.Count} sheet(s) wait for the scrutineers; {waiting} decision(s) wait for a second scrutineer."))}
            {(count.Result.ReviewList.Count > 0 ? $"<a class=\"button primary\" href=\"{E(SheetLink(count.Result.ReviewList[0].Sheet))}\" id=\"start-review\">{E(lang.S("开始审核", "Start"))}</a>" : string.Empty)}
            {(waiting > 0 ? $"<a class=\"button\" href=\"/confirmations\">{E(lang.S("去复核", "Confirm decisions"))}</a>" : string.Empty)}</p>
            {Table(["#", lang.S("选票", "Sheet"), lang.S("文件", "File"), lang.S("待定事项", "Waiting for")], rows, "review-list")}
            """;
        return Page(context, af, lang.S("审核队列", "Review queue"), body);
    }

    private static IResult SheetPage(HttpContext context, IAntiforgery af, CountingStation station, SheetImages images, string id)
    {
        var lang = Lang.Of(context);
        var stored = station.Sheet(id);
        if (stored is null)
        {
            return Page(context, af, lang.S("没有这张选票", "No such sheet"), $"<p>{E(id)}</p>", StatusCodes.Status404NotFound);
        }

        var sheet = JsonSerializer.Deserialize<SheetInterpretation>(stored.Interpretation, ElectionJson.CompactOptions)!;
        var record = station.Count().Result.Records.FirstOrDefault(r => r.Sheet == id);
        var decisions = station.Decisions().Where(d => d.Decision.Sheet == id).ToList();
        var file = station.File(stored.FileId)!;
        var page = station.Layout.Pages[Math.Clamp((sheet.Page ?? 1) - 1, 0, station.Layout.Pages.Count - 1)];
        var readings = sheet.Positions.ToDictionary(p => p.BoxId, StringComparer.Ordinal);
        // A decision counts as made while it stands or awaits its second scrutineer; a rejected one (or one that cannot be
        // applied) is shown in the history only, and its box waits again.
        var latest = decisions.Where(d => d.Decision.BoxId is not null && d.Decision.Kind != AdjudicationKind.Sheet && (d.Effective || d.AwaitingConfirmation))
            .GroupBy(d => d.Decision.BoxId!).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var canDecide = context.IsIn(StationRole.Scrutineer);
        var body = new StringBuilder();

        var status = StatusText(lang, record?.Status);
        body.Append(CultureInfo.InvariantCulture, $"""
            <p class="sheet-head" data-sheet="{E(id)}" data-status="{record?.Status}">
              <strong>{E(status)}</strong> · {E(file.OriginalName)} · <code>{E(id[..Math.Min(16, id.Length)])}…</code>
              {(sheet.SheetReasons.Count > 0 ? $" · <span class=\"reason\">{E(string.Join(", ", sheet.SheetReasons.Select(r => ReasonText(lang, r))))}</span>" : string.Empty)}
              {(sheet.Message is null ? string.Empty : $"<br><span class=\"hint\">{E(Words.SheetMessage(lang, station.Definition, sheet))}</span>")}
            </p>
            """);
        if (record is { Waiting.Count: > 0 })
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"waiting\">{E(lang.S("待定：", "Waiting for: "))}{E(string.Join(lang.S("；", "; "), record.Waiting.Select(x => Words.Waiting(lang, station.Layout, station.Definition, x))))}</p>");
        }

        body.Append("<div class=\"review\"><div class=\"image\">");
        var shown = images.Of(id);
        if (shown is null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\">{E(lang.S("图像无法显示：", "The image cannot be shown: "))}{E(Words.SheetMessage(lang, station.Definition, sheet))}</p>");
        }
        else
        {
            // A sheet fed upside down is shown the right way up (the image itself is untouched).
            var turned = sheet.RotationDegrees is { } rotation && Math.Abs(Math.Abs(rotation) - 180) < 45;
            var turn = turned ? $" transform=\"rotate(180 {N(shown.Width / 2.0, "0.#")} {N(shown.Height / 2.0, "0.#")})\"" : string.Empty;
            IReadOnlyList<(double X, double Y)> Shown(IReadOnlyList<(double X, double Y)> corners) =>
                turned ? [.. corners.Select(c => (shown.Width - c.X, shown.Height - c.Y))] : corners;
            body.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {N(shown.Width)} {N(shown.Height)}\" id=\"sheet-image\" role=\"img\" aria-label=\"{E(lang.S("选票图像", "ballot image"))}\"><image href=\"/sheet/image?id={E(Uri.EscapeDataString(id))}\" width=\"{N(shown.Width)}\" height=\"{N(shown.Height)}\"{turn}/>");
            if (sheet.Accepted && sheet.LayoutToImage is not null)
            {
                foreach (var box in page.Boxes)
                {
                    if (!readings.TryGetValue(box.Id, out var p))
                    {
                        continue;
                    }

                    var corners = Shown(SheetImages.Corners(sheet, box.Box));
                    var points = string.Join(' ', corners.Select(c => $"{N(c.X, "0.#")},{N(c.Y, "0.#")}"));
                    var css = latest.ContainsKey(box.Id) ? "decided" : p.Band == DecisionBand.Review ? "doubt" : "sure";
                    var label = latest.TryGetValue(box.Id, out var d) ? $"{Glyph(p.Symbol)}→{Glyph(d.Decision.Symbol)}{d.Decision.WriteInName}" : $"{Glyph(p.Symbol)} {N(p.Confidence * 100, "0")}%";
                    var size = Math.Max(14, Math.Abs(corners[1].X - corners[0].X) / 3);
                    body.Append(CultureInfo.InvariantCulture, $"<g class=\"box {css}\" data-box=\"{E(box.Id)}\"><polygon points=\"{points}\"/><text x=\"{N(corners[0].X, "0.#")}\" y=\"{N(corners[0].Y - 4, "0.#")}\" font-size=\"{N(size, "0")}\">{E(label)}</text></g>");
                    if (box.Kind == BoxKind.WriteIn)
                    {
                        var cell = Shown(SheetImages.Corners(sheet, box.NameCell));
                        body.Append(CultureInfo.InvariantCulture, $"<polygon class=\"cell {css}\" points=\"{string.Join(' ', cell.Select(c => $"{N(c.X, "0.#")},{N(c.Y, "0.#")}"))}\"/>");
                    }
                }
            }

            body.Append("</svg>");
        }

        if (stored.RescanOf is { } earlier && images.Of(earlier) is { } other)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{E(lang.S("疑似与这张为同一张纸：", "Perhaps the same paper as:"))} <a href=\"{E(SheetLink(earlier))}\">{E(earlier[..12])}…</a></p><img class=\"compare\" src=\"/sheet/image?id={E(Uri.EscapeDataString(earlier))}\" width=\"{N(other.Width)}\" height=\"{N(other.Height)}\" alt=\"\">");
        }

        body.Append("</div><div class=\"panel\">");
        if (canDecide)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <p class="keys">{E(lang.S("点按每行的按钮裁定，或用键盘：↑↓ 选框，1 ○ 赞成，2 × 不赞成，3 空白，4 √，5 其他/无效；Q 整张计入，W 整张作废，E 不计入；N 下一张（输入法输入时按键不作裁定）。", "Tap a row's buttons, or keys: ↑↓ choose a box; 1 ○, 2 ×, 3 blank, 4 √, 5 other/void; Q count the sheet, W void it, E not counted; N next sheet (keys do nothing while an input method composes)."))}</p>
                <label>{E(lang.S("理由", "Reason"))} <input id="reason" value="{E(lang.S("核对图像", "checked on the image"))}"></label>
                <p class="problem" id="decision-problem" hidden></p>
                """);
        }

        var rows = new StringBuilder();
        foreach (var box in page.Boxes)
        {
            readings.TryGetValue(box.Id, out var p);
            var contest = station.Definition.Contests.First(c => c.Id == box.ContestId);
            var attention = p is null || p.Band == DecisionBand.Review || p.Reasons.Count > 0;
            latest.TryGetValue(box.Id, out var decided);
            var who = box.Kind == BoxKind.WriteIn ? lang.S("另选他人", "write-in") : box.CandidateName;
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr tabindex="0" class="item{(attention ? " attention" : string.Empty)}{(decided is null ? string.Empty : " decided")}" id="row-{E(box.Id)}" data-box="{E(box.Id)}" data-kind="{box.Kind}" data-machine="{p?.Symbol}">
                <td>{E(contest.Title)}</td><td>{E(who)}{(attention && sheet.Accepted ? $"<br><a href=\"{E(CropLink(id, box.Id))}\" target=\"_blank\" rel=\"noopener\"><img class=\"crop\" src=\"{E(CropLink(id, box.Id))}\" alt=\"{E(lang.S("此框放大", "this box, zoomed"))}\" loading=\"lazy\"></a>" : string.Empty)}</td>
                <td class="symbol">{E(Glyph(p?.Symbol))} <span class="hint">{(p is null ? string.Empty : N(p.Confidence * 100, "0") + "%")}</span></td>
                <td>{E(p is null ? lang.S("未读", "not read") : string.Join(", ", p.Reasons.Select(r => ReasonText(lang, r)).Concat(p.Guards.Select(g => GuardText(lang, g)))))}</td>
                <td class="decision">{(decided is null ? string.Empty : $"{E(Glyph(decided.Decision.Symbol))} {E(decided.Decision.WriteInName)} <span class=\"hint\">{E(decided.Decision.Scrutineer)}{(decided.AwaitingConfirmation ? lang.S("，待复核", ", awaiting confirmation") : string.Empty)}</span>")}</td>
                <td>{(canDecide && box.Kind == BoxKind.WriteIn ? $"<input class=\"write-in\" list=\"candidates-{E(box.ContestId)}\" placeholder=\"{E(lang.S("写入的姓名", "name written"))}\" value=\"{E(decided?.Decision.WriteInName)}\">" : string.Empty)}{(canDecide ? DecideButtons(lang, box.Kind) : string.Empty)}</td>
                </tr>
                """);
        }

        body.Append(CultureInfo.InvariantCulture, $"<table id=\"boxes\"><thead><tr><th>{E(lang.S("职位", "Contest"))}</th><th>{E(lang.S("候选人", "Candidate"))}</th><th>{E(lang.S("机器读", "Machine"))}</th><th>{E(lang.S("原因", "Why"))}</th><th>{E(lang.S("裁定", "Decided"))}</th><th></th></tr></thead><tbody>{rows}</tbody></table>");
        foreach (var contest in station.Definition.Contests)
        {
            body.Append(CultureInfo.InvariantCulture, $"<datalist id=\"candidates-{E(contest.Id)}\">{string.Concat(contest.Candidates.Select(c => $"<option value=\"{E(c.Name)}\">"))}</datalist>");
        }

        if (canDecide)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <p class="sheet-actions">
                  <button type="button" data-sheet-decision="Count">{E(lang.S("[Q] 整张计入", "[Q] Count the sheet"))}</button>
                  <button type="button" data-sheet-decision="Void">{E(lang.S("[W] 整张作废", "[W] Void the ballot"))}</button>
                  <button type="button" data-sheet-decision="NotCounted">{E(lang.S("[E] 不计入（重扫/非本选举）", "[E] Not counted (rescan / not ours)"))}</button>
                  <a class="button" href="/review/next?after={E(Uri.EscapeDataString(id))}" id="next-sheet">{E(lang.S("[N] 下一张", "[N] Next sheet"))}</a>
                </p>
                """);
        }

        var history = decisions.Select(d => new[]
        {
            N(checked((int)d.Id)), E(Time(d.Decision.At)), E(d.Decision.Scrutineer),
            E(Words.Decision(lang, station.Layout, station.Definition, d.Decision)), E(d.Decision.Reason),
            d.Problem is { } problem ? $"<span class=\"problem\">{E(lang.S("此记录不能采用，未计入：", "This record cannot be applied and is not counted: "))}{E(problem)}</span>" :
            E(d.NeedsConfirmation ? d.Answer is { } a ? $"{(a.Agree ? lang.S("已复核", "confirmed") : lang.S("被驳回", "rejected"))}: {a.Scrutineer}" : lang.S("待复核", "awaiting") : "—"),
        });
        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(lang.S("裁定记录", "Decisions on this sheet"))}</h2>");
        body.Append(Table(["#", TimeHeader(lang), lang.S("监票人", "Scrutineer"), lang.S("裁定", "Decision"), lang.S("理由", "Reason"), lang.S("复核", "Second scrutineer")], history, "history"));
        body.Append("</div></div>");
        return Page(context, af, lang.S("选票", "Sheet"), body.ToString());
    }

    /// <summary>One button per symbol (and, for a write-in cell, one to record the name typed): a tablet or phone decides by touch.</summary>
    private static string DecideButtons(Lang lang, BoxKind kind)
    {
        var buttons = new[] { ("circle", "○", lang.S("赞成", "approve")), ("cross", "×", lang.S("不赞成", "disapprove")), ("blank", "空", lang.S("空白", "blank")), ("check", "√", "√"), ("other", lang.S("其他", "other"), lang.S("其他/无效", "other / void")) }
            .Select(b => $"<button type=\"button\" data-symbol=\"{b.Item1}\" title=\"{E(b.Item3)}\">{E(b.Item2)}</button>");
        var name = kind == BoxKind.WriteIn ? $"<button type=\"button\" data-record-name>{E(lang.S("记录姓名", "Record the name"))}</button>" : string.Empty;
        return $"<div class=\"decide\">{string.Concat(buttons)}{name}</div>";
    }

    public static string StatusText(Lang lang, SheetStatus? status) => status switch
    {
        SheetStatus.Counted => lang.S("有效票，已计入", "counted"),
        SheetStatus.Void => lang.S("无效票", "void"),
        SheetStatus.NotCounted => lang.S("不计入", "not counted"),
        SheetStatus.Pending => lang.S("待裁定", "waiting for the scrutineers"),
        _ => "?",
    };

    public static string ReasonText(Lang lang, ReviewReason reason) => reason switch
    {
        ReviewReason.MarginalMark => lang.S("符号不确定", "uncertain mark"),
        ReviewReason.UnrecognisedSymbol => lang.S("非○×符号", "not ○ or ×"),
        ReviewReason.WriteIn => lang.S("写有姓名", "name written in"),
        ReviewReason.StrayMark => lang.S("笔迹出框", "ink over the border"),
        ReviewReason.Unreadable => lang.S("框不可读", "box unreadable"),
        ReviewReason.ExcessSkew => lang.S("歪斜过大", "skewed"),
        ReviewReason.WrongElection => lang.S("非本选举选票", "another election"),
        ReviewReason.LayoutMismatch => lang.S("版式不符", "other print version"),
        ReviewReason.UnknownStyleOrPage => lang.S("未知票样", "unknown style or page"),
        ReviewReason.NotABallot => lang.S("不是选票", "not a ballot"),
        ReviewReason.Unlocatable => lang.S("无法定位", "cannot be placed"),
        ReviewReason.Duplicate => lang.S("重复文件", "same file again"),
        ReviewReason.PossibleRescan => lang.S("疑似重复扫描", "possibly scanned twice"),
        ReviewReason.IdenticalPage => lang.S("与同一文件中另一页完全相同", "pixel for pixel another page of the file"),
        ReviewReason.NoSeal => lang.S("印章区没有选举委员会印章", "no seal in the seal area"),
        _ => reason.ToString(),
    };

    /// <summary>Why the shape of a mark sent it to a person, in words (the symbol guard it failed).</summary>
    public static string GuardText(Lang lang, SymbolGuard guard) => guard switch
    {
        SymbolGuard.CircleOpen => lang.S("像○但未闭合", "like ○ but not closed"),
        SymbolGuard.CircleNotSmooth => lang.S("像○但有棱角或拖尾", "like ○ but with corners or a tail"),
        SymbolGuard.CirclePolygon => lang.S("像○但是多边形（方形、三角形等）", "like ○ but a polygon (square, triangle…)"),
        SymbolGuard.CircleInkInside => lang.S("像○但圈内另有笔迹（如笑脸、圆点、字）", "like ○ but with other ink inside (a face, a dot, a letter)"),
        SymbolGuard.CrossOneStroke => lang.S("像×但只有一笔", "like × but one stroke"),
        SymbolGuard.CrossNotDiagonal => lang.S("像×但笔画横竖（可能是＋或十）", "like × but upright (a + or 十?)"),
        SymbolGuard.CrossNotAtMiddles => lang.S("像×但两笔不在中部相交", "like × but not crossing at the middles"),
        SymbolGuard.CheckEqualLegs => lang.S("像√但两笔等长（可能是V）", "like √ but equal legs (a V?)"),
        SymbolGuard.CheckNotAVertex => lang.S("像√但两笔不在下端相接", "like √ but the strokes do not meet low"),
        SymbolGuard.CheckLeavesBox => lang.S("像√但笔迹出框", "like √ but leaving the box"),
        SymbolGuard.CheckAtBorder => lang.S("像√但压在框线上（可能是×）", "like √ but on the border (a ×?)"),
        SymbolGuard.Scribble => lang.S("笔画来回，像涂改", "back-and-forth strokes, like a scribble"),
        SymbolGuard.NotTwoStrokes => lang.S("不是两道直笔", "not two straight strokes"),
        SymbolGuard.ScatteredInk => lang.S("笔迹断续成点", "ink broken into dots"),
        SymbolGuard.UnlikeFitted => lang.S("与已知符号都不相像", "unlike any known mark"),
        _ => guard.ToString(),
    };

    /// <summary>What the machine read where a decision is made, for the second scrutineer to weigh it against.</summary>
    private static string MachineReading(Lang lang, CountingStation station, Adjudication decision)
    {
        var sheet = station.Interpretation(decision.Sheet);
        if (decision.BoxId is { } box && sheet?.Positions.FirstOrDefault(p => p.BoxId == box) is { } p)
        {
            return $"{Glyph(p.Symbol)} {N(p.Confidence * 100, "0")}%";
        }

        return sheet is null ? string.Empty : sheet.Accepted ? lang.S("整张已识别", "sheet placed") : lang.S($"未识别：{Words.SheetMessage(lang, station.Definition, sheet)}", $"not placed: {sheet.Message}");
    }

    private static IResult Confirmations(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Lang.Of(context);
        var me = context.UserName();
        var canAnswer = context.IsIn(StationRole.Scrutineer);
        var rows = station.Decisions().Where(d => d.AwaitingConfirmation).Select(d => new[]
        {
            N(checked((int)d.Id)),
            $"<a href=\"{E(SheetLink(d.Decision.Sheet))}\">{(d.Decision.BoxId is { } b ? $"<img class=\"crop\" src=\"{E(CropLink(d.Decision.Sheet, b))}\" alt=\"{E(b)}\" loading=\"lazy\">" : E(d.Decision.Sheet[..12]) + "…")}</a>",
            E(MachineReading(lang, station, d.Decision)),
            E(Words.Decision(lang, station.Layout, station.Definition, d.Decision)), E(d.Decision.Scrutineer), E(d.Decision.Reason),
            !canAnswer || d.Decision.Scrutineer == me ? E(lang.S("须由另一位监票人复核", "for another scrutineer")) :
                $"<form method=\"post\" action=\"/confirmations/{N(checked((int)d.Id))}\" class=\"inline\">{Token(context, af)}<button name=\"agree\" value=\"yes\" class=\"primary\">{E(lang.S("同意", "Agree"))}</button> <button name=\"agree\" value=\"no\">{E(lang.S("驳回", "Reject"))}</button></form>",
        }).ToList();
        var body = $"""
            <p>{E(station.Options.SecondScrutineer
                ? lang.S("改变计票结果的裁定须经第二位监票人同意后生效。", "A decision that changes a count takes effect when a second scrutineer agrees.")
                : lang.S("本次计票未要求第二位监票人复核。", "This count does not ask for a second scrutineer."))}</p>
            {Table(["#", lang.S("图像", "Image"), lang.S("机器读", "Machine"), lang.S("裁定", "Decision"), lang.S("监票人", "Scrutineer"), lang.S("理由", "Reason"), string.Empty], rows, "confirmations")}
            """;
        return Page(context, af, lang.S("复核", "Confirmations"), body);
    }
}
