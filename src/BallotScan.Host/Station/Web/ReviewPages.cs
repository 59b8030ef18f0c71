using BallotScan.Engine.Problems;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static BallotScan.Host.Station.Web.Html;
using static BallotScan.Host.Text.Shown;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>A decision as sent by the sheet page or an API client; the scrutineer is the signed-in person.</summary>
internal sealed record DecisionRequest(string Sheet, AdjudicationKind Kind, string? BoxId, MarkSymbol? Symbol, string? WriteInName, SheetDecision? SheetDecision, string? Reason);

/// <summary>The review queue, the sheet page (image, every box outlined, decisions by keyboard) and second-scrutineer confirmation.</summary>
internal static class ReviewPages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/review", ReviewList);
        api.MapGet("/review", (CountingStation station) => TypedResults.Json(station.Results.Count().Result.ReviewList, ElectionJson.Options));
        pages.MapGet("/review/next", (CountingStation station, string? after) =>
        {
            // The next waiting sheet in reading order after this one (which may have left the list), then from the top.
            var result = station.Results.Count().Result;
            var order = result.Records.Select((r, i) => (r.Sheet, i)).ToDictionary(x => x.Sheet, x => x.i, StringComparer.Ordinal);
            var here = after is not null && order.TryGetValue(after, out var i) ? i : -1;
            var next = result.ReviewList.FirstOrDefault(r => order.GetValueOrDefault(r.Sheet) > here) ?? result.ReviewList.FirstOrDefault(r => r.Sheet != after);
            return TypedResults.Redirect(next is null ? "/review" : SheetLink(next.Sheet));
        });
        pages.MapGet("/sheet", SheetPage);
        pages.MapGet("/sheet/image", Results<FileContentHttpResult, NotFound> (SheetImages images, string id) => images.Of(id) is { } shown ? TypedResults.Bytes(shown.Png, "image/png") : TypedResults.NotFound());
        pages.MapGet("/sheet/crop", Results<FileContentHttpResult, NotFound> (SheetImages images, string id, string box) => images.Crop(id, box) is { } png ? TypedResults.Bytes(png, "image/png") : TypedResults.NotFound());
        api.MapGet("/sheet", IResult (CountingStation station, string id) =>
        {
            var sheet = station.Reading.Interpretation(id);
            return sheet is null ? TypedResults.NotFound() : TypedResults.Json(new
            {
                interpretation = sheet,
                record = station.Results.Count().Result.Records.FirstOrDefault(r => r.Sheet == id),
                decisions = station.Results.Decisions().Where(d => d.Decision.Sheet == id),
            }, ElectionJson.Options);
        });
        api.MapPost("/decisions", Decide).RequireAuthorization(StationApp.ScrutineerPolicy);
        pages.MapGet("/confirmations", Confirmations);
        api.MapGet("/confirmations", (CountingStation station) => TypedResults.Json(station.Results.Decisions().Where(d => d.AwaitingConfirmation), ElectionJson.Options));
        api.MapPost("/decisions/{id:long}/answer", async Task<IResult> (HttpContext context, CountingStation station, long id) =>
        {
            var answer = await context.Request.ReadFromJsonAsync<ConfirmationRequest>().ConfigureAwait(false);
            var problem = station.Review.Confirm(id, context.UserName(), answer?.Agree ?? false);
            return problem is null ? TypedResults.Json(new { id, agree = answer?.Agree ?? false }) : Html.ApiProblem(context, Html.LangOf(context).Say(problem));
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
        pages.MapPost("/confirmations/{id:long}", async (HttpContext context, IAntiforgery af, CountingStation station, long id) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var problem = station.Review.Confirm(id, context.UserName(), form["agree"] == "yes");
            return problem is null ? TypedResults.Redirect("/confirmations") : Html.Problem(context, af, Html.LangOf(context).T("复核"), Html.LangOf(context).Say(problem), "/confirmations");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
    }

    internal sealed record ConfirmationRequest(bool Agree);

    public static string SheetLink(string sheetId) => $"/sheet?id={Uri.EscapeDataString(sheetId)}";

    /// <summary>A sheet's image as shown (PNG).</summary>
    public static string ImageLink(string sheetId) => $"/sheet/image?id={Uri.EscapeDataString(sheetId)}";

    /// <summary>
    /// A decision posted from a page's form: recorded for the signed-in scrutineer and the browser sent to
    /// <paramref name="then"/>, or the page of what stands in the way with the way back to <paramref name="back"/>.
    /// </summary>
    public static IResult DecideFromForm(HttpContext context, IAntiforgery af, CountingStation station, Adjudication decision, string title, string back, string then) =>
        TryDecide(context, station, decision) is { } problem ? Html.Problem(context, af, title, problem, back) : TypedResults.Redirect(then);

    /// <summary>The boxes ticked in a form's <paramref name="field"/> (each sent as "sheet|box"), once each, in the order sent.</summary>
    public static List<(string Sheet, string Box)> Ticked(IFormCollection form, string field) =>
        [.. form[field].Select(c => (c ?? string.Empty).Split('|', 2)).Where(p => p.Length == 2).Select(p => (Sheet: p[0], Box: p[1])).Distinct()];

    /// <summary>
    /// One decision per ticked box, by <paramref name="record"/> (each its own decision with its own audit row, as if made one
    /// by one): the browser sent back to <paramref name="back"/> when every one is recorded, else the page saying how many
    /// were and what stood in the way of the others (<paramref name="unit"/>: how the page counts them, 栏 / cell(s)).
    /// </summary>
    public static IResult DecideEach(HttpContext context, IAntiforgery af, IReadOnlyList<(string Sheet, string Box)> ticked, Func<(string Sheet, string Box), string?> record,
        string title, string back, string unit)
    {
        var lang = Html.LangOf(context);
        var problems = ticked.Select(record).OfType<string>().ToList();
        var recorded = ticked.Count - problems.Count;
        return problems.Count == 0
            ? TypedResults.Redirect(back)
            : Html.Problem(context, af, title, lang.T("{0} {1}已记录，{2} {1}未能记录：", recorded, new Said(unit), problems.Count) + string.Join(lang.T("；"), problems.Distinct()), back);
    }

    /// <summary>Records <paramref name="decision"/> for the signed-in scrutineer, now; what stands in the way in the reader's language, or null.</summary>
    public static string? TryDecide(HttpContext context, CountingStation station, Adjudication decision)
    {
        try
        {
            station.Review.Decide(decision with { Scrutineer = context.UserName(), At = DateTimeOffset.UtcNow });
            return null;
        }
        catch (StationException e)
        {
            return Html.LangOf(context).Say(e.Said);
        }
    }

    /// <summary>The zoomed crop of one box of a sheet.</summary>
    public static string CropLink(string sheetId, string boxId) => $"/sheet/crop?id={Uri.EscapeDataString(sheetId)}&box={Uri.EscapeDataString(boxId)}";

    /// <summary>A mark as a symbol: ○ × √, blank as a word, anything else as "?".</summary>
    public static string Glyph(Lang lang, MarkSymbol? symbol) => symbol switch
    {
        MarkSymbol.Blank => lang.T("空"),
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
            return Html.ApiProblem(context, Html.LangOf(context).T("不是一项裁定：{0}", e.Message));
        }

        if (request is null)
        {
            return Html.ApiProblem(context, Html.LangOf(context).T("请以 JSON 发送一项裁定。"));
        }

        try
        {
            var result = station.Review.Decide(new Adjudication
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
            return TypedResults.Json(result);
        }
        catch (StationException e)
        {
            return Html.ApiProblem(context, Html.LangOf(context).Say(e.Said));
        }
    }

    private static IResult ReviewList(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Html.LangOf(context);
        var rows = station.Results.Count().Result.ReviewList.Select(r => new WaitingSheet(
            r.Sheet, r.Source ?? string.Empty, string.Join(lang.T("；"), r.Items.Select(x => Words.Waiting(lang, station.Layout, station.Definition, x))))).ToList();
        return Component<Components.ReviewListPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.ReviewListPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ReviewListPage.Sheets)] = rows,
            [nameof(Components.ReviewListPage.AwaitingConfirmation)] = station.Results.Decisions().Count(d => d.AwaitingConfirmation),
            [nameof(Components.ReviewListPage.MarksWaiting)] = MarkReviewPages.Waiting(station).Count,
        });
    }

    private static IResult SheetPage(HttpContext context, IAntiforgery af, CountingStation station, SheetImages images, string id)
    {
        var lang = Html.LangOf(context);
        var stored = station.Reading.Sheet(id);
        if (stored is null)
        {
            return Message(context, af, lang.T("没有这张选票"), id, StatusCodes.Status404NotFound);
        }

        var sheet = JsonSerializer.Deserialize<SheetInterpretation>(stored.Interpretation, ElectionJson.CompactOptions)!;
        var record = station.Results.Count().Result.Records.FirstOrDefault(r => r.Sheet == id);
        var decisions = station.Results.Decisions().Where(d => d.Decision.Sheet == id).ToList();
        var file = station.Intake.File(stored.FileId)!;
        var page = station.Layout.PageOf(sheet.Page);
        var readings = sheet.Positions.ToDictionary(p => p.BoxId, StringComparer.Ordinal);
        // A decision counts as made while it stands or awaits its second scrutineer; a rejected one (or one that cannot be
        // applied) is shown in the history only, and its box waits again.
        var latest = decisions.Where(d => d.Decision.BoxId is not null && d.Decision.Kind != AdjudicationKind.Sheet && (d.Effective || d.AwaitingConfirmation))
            .GroupBy(d => d.Decision.BoxId!).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        SheetPicture? picture = null;
        if (images.Of(id) is { } shown)
        {
            // A sheet fed upside down is shown the right way up (the image itself is untouched).
            var turned = sheet.RotationDegrees is { } rotation && Math.Abs(Math.Abs(rotation) - 180) < 45;
            IReadOnlyList<(double X, double Y)> Shown(IReadOnlyList<(double X, double Y)> corners) =>
                turned ? [.. corners.Select(c => (shown.Width - c.X, shown.Height - c.Y))] : corners;
            static string Points(IEnumerable<(double X, double Y)> corners) => string.Join(' ', corners.Select(c => $"{N(c.X, "0.#")},{N(c.Y, "0.#")}"));
            var outlines = new List<BoxOutline>();
            if (sheet.Accepted && sheet.LayoutToImage is not null)
            {
                foreach (var box in page.Boxes.Where(b => readings.ContainsKey(b.Id)))
                {
                    var p = readings[box.Id];
                    var corners = Shown(SheetImages.Corners(sheet, box.Box));
                    var label = latest.TryGetValue(box.Id, out var d) ? $"{Glyph(lang, p.Symbol)}→{Glyph(lang, d.Decision.Symbol)}{d.Decision.WriteInName}" : $"{Glyph(lang, p.Symbol)} {N(p.Confidence * 100, "0")}%";
                    outlines.Add(new BoxOutline(box.Id, latest.ContainsKey(box.Id) ? "decided" : p.Band == DecisionBand.Review ? "doubt" : "sure", Points(corners), label,
                        N(corners[0].X, "0.#"), N(corners[0].Y - 4, "0.#"), N(Math.Max(14, Math.Abs(corners[1].X - corners[0].X) / 3), "0"),
                        box.Kind == BoxKind.WriteIn ? Points(Shown(SheetImages.Corners(sheet, box.NameCell))) : null));
                }
            }

            picture = new SheetPicture(shown.Width, shown.Height, turned ? $"rotate(180 {N(shown.Width / 2.0, "0.#")} {N(shown.Height / 2.0, "0.#")})" : null, outlines);
        }

        var rows = page.Boxes.Select(box =>
        {
            readings.TryGetValue(box.Id, out var p);
            latest.TryGetValue(box.Id, out var decided);
            return new BoxRow(
                box.Id, box.Kind, box.ContestId, station.Definition.Contests.First(c => c.Id == box.ContestId).Title,
                box.Kind == BoxKind.WriteIn ? lang.T("另选他人") : box.CandidateName ?? string.Empty,
                // The confidence only where it is the doubt (a mark the machine could not be sure of), not beside a write-in or stray ink.
                p?.Symbol, p is not null && (p.Band == DecisionBand.Review || p.Reasons.Any(r => r is ReviewReason.MarginalMark or ReviewReason.UnrecognisedSymbol)) ? N(p.Confidence * 100, "0") + "%" : null,
                p is null || p.Band == DecisionBand.Review || p.Reasons.Count > 0,
                p is null ? lang.T("未读") : string.Join(", ", p.Reasons.Select(r => Words.ReasonText(lang, r)).Concat(p.Guards.Select(g => Words.GuardText(lang, g)))),
                decided?.Decision, decided?.AwaitingConfirmation == true);
        }).ToList();

        var history = decisions.Select(d => new DecisionRow(
            d.Id, Time(d.Decision.At), d.Decision.Scrutineer, Words.Decision(lang, station.Layout, station.Definition, d.Decision), d.Decision.Reason, d.Problem is null ? null : lang.Say(d.Problem),
            d.NeedsConfirmation, d.Answer?.Agree, d.Answer?.Scrutineer)).ToList();
        var rescan = stored.RescanOf is { } earlier && images.Of(earlier) is { } other ? new RescanOf(earlier, other.Width, other.Height) : null;
        var view = new SheetView(
            id, record?.Status, Words.StatusText(lang, record?.Status), file.OriginalName, sheet.Accepted,
            string.Join(", ", sheet.SheetReasons.Select(r => Words.ReasonText(lang, r))),
            sheet.Message is null ? null : Words.SheetMessage(lang, station.Definition, sheet.SameAs is null && stored.RescanOf is { } earlierSheet ? sheet with { SameAs = earlierSheet } : sheet),
            record is { Waiting.Count: > 0 } ? string.Join(lang.T("；"), record.Waiting.Select(x => Words.Waiting(lang, station.Layout, station.Definition, x))) : null,
            picture, rows, [.. station.Definition.Contests.Select(c => new ContestNames(c.Id, [.. c.Candidates.Select(x => x.Name)]))], history, rescan);
        return Component<Components.SheetPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.SheetPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.SheetPage.Sheet)] = view,
            [nameof(Components.SheetPage.CanDecide)] = context.IsIn(StationRole.Scrutineer),
        });
    }

    /// <summary>What the machine read where a decision is made, for the second scrutineer to weigh it against.</summary>
    private static string MachineReading(Lang lang, CountingStation station, Adjudication decision)
    {
        var sheet = station.Reading.Interpretation(decision.Sheet);
        if (decision.BoxId is { } box && sheet?.Positions.FirstOrDefault(p => p.BoxId == box) is { } p)
        {
            return $"{Glyph(lang, p.Symbol)} {N(p.Confidence * 100, "0")}%";
        }

        return sheet is null ? string.Empty : sheet.Accepted ? lang.T("整张已识别") : lang.T("未识别：") + Words.SheetMessage(lang, station.Definition, sheet);
    }

    private static IResult Confirmations(HttpContext context, IAntiforgery af, CountingStation station)
    {
        var lang = Html.LangOf(context);
        var rows = station.Results.Decisions().Where(d => d.AwaitingConfirmation).Select(d => new ConfirmationRow(
            d.Id, d.Decision.Sheet, d.Decision.BoxId, d.Decision.BoxId is null ? null : Words.Box(lang, station.Layout, station.Definition, d.Decision.BoxId),
            MachineReading(lang, station, d.Decision), Words.Decision(lang, station.Layout, station.Definition, d.Decision), d.Decision.Scrutineer, d.Decision.Reason)).ToList();
        return Component<Components.ConfirmationsPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.ConfirmationsPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.ConfirmationsPage.Decisions)] = rows,
            [nameof(Components.ConfirmationsPage.SecondScrutineer)] = station.Options.SecondScrutineer,
            [nameof(Components.ConfirmationsPage.CanAnswer)] = context.IsIn(StationRole.Scrutineer),
        });
    }
}

/// <summary>A sheet as its page shows it: the image with every box outlined, each box's reading and decision, the sheet's decisions.</summary>
/// <param name="Id">The sheet's id (its image's SHA-256 and page).</param>
/// <param name="Status">How the count stands on it (null: not in the count yet).</param>
/// <param name="StatusText">That, in the reader's language.</param>
/// <param name="FileName">The file it came in as.</param>
/// <param name="Accepted">Whether the machine placed the sheet (so its boxes can be cropped).</param>
/// <param name="Reasons">Why the whole sheet waits or is set aside, in words (empty: nothing).</param>
/// <param name="Hint">What the reader said of the sheet, in words (null: nothing).</param>
/// <param name="Waiting">What the sheet waits for, in words (null: nothing).</param>
/// <param name="Picture">The image and its outlines (null: it cannot be shown).</param>
/// <param name="Rows">Every box of the sheet's page, in ballot order.</param>
/// <param name="Names">Each contest's candidates, offered when a written-in name is typed.</param>
/// <param name="History">Every decision on the sheet, in the order made.</param>
/// <param name="Rescan">The earlier sheet this one may be a second scan of.</param>
public sealed record SheetView(
    string Id, SheetStatus? Status, string StatusText, string FileName, bool Accepted, string Reasons, string? Hint, string? Waiting,
    SheetPicture? Picture, IReadOnlyList<BoxRow> Rows, IReadOnlyList<ContestNames> Names, IReadOnlyList<DecisionRow> History, RescanOf? Rescan);

/// <summary>The sheet's image as shown: its size, the turn that shows it the right way up (SVG transform, or null), and each read box outlined.</summary>
public sealed record SheetPicture(int Width, int Height, string? Turn, IReadOnlyList<BoxOutline> Outlines);

/// <summary>One box outlined on the image: its state (sure, doubt, decided), its corners, its label and where the label goes; a write-in's name cell too.</summary>
public sealed record BoxOutline(string Box, string State, string Points, string Label, string LabelX, string LabelY, string FontSize, string? NameCellPoints);

/// <summary>One box of a sheet in the page's table.</summary>
/// <param name="Box">The box's id (for the page's script, never shown).</param>
/// <param name="Kind">A candidate's box or a write-in cell.</param>
/// <param name="ContestId">Its contest's id (for the names offered).</param>
/// <param name="Contest">Its contest's title.</param>
/// <param name="Who">The candidate's name, or "write-in".</param>
/// <param name="Machine">The machine's reading (null: not read).</param>
/// <param name="Confidence">The reading's confidence as a percentage.</param>
/// <param name="Attention">Whether the box needs a look (uncertain, unread, or flagged): its crop is shown.</param>
/// <param name="Why">Why it needs a look, in words.</param>
/// <param name="Decided">The decision that stands or awaits a second scrutineer (null: none).</param>
/// <param name="AwaitingConfirmation">Whether that decision awaits a second scrutineer.</param>
public sealed record BoxRow(string Box, BoxKind Kind, string ContestId, string Contest, string Who, MarkSymbol? Machine, string? Confidence,
    bool Attention, string Why, Adjudication? Decided, bool AwaitingConfirmation);

/// <summary>A contest's candidates by name.</summary>
public sealed record ContestNames(string ContestId, IReadOnlyList<string> Names);

/// <summary>One decision in a sheet's history: when, who, what in words, why, and what became of it.</summary>
/// <param name="Id">The decision's number.</param>
/// <param name="At">When it was made, in Beijing time.</param>
/// <param name="Scrutineer">Who made it.</param>
/// <param name="Decision">What it decides, in words.</param>
/// <param name="Reason">Why, as typed.</param>
/// <param name="Problem">Why the record cannot be applied (null: it can).</param>
/// <param name="NeedsConfirmation">Whether it needs a second scrutineer.</param>
/// <param name="Agreed">The second scrutineer's answer (null: none yet).</param>
/// <param name="AnsweredBy">Who answered.</param>
public sealed record DecisionRow(long Id, string At, string Scrutineer, string Decision, string Reason, string? Problem, bool NeedsConfirmation, bool? Agreed, string? AnsweredBy);

/// <summary>The earlier sheet a sheet may be a second scan of, and its image's size.</summary>
public sealed record RescanOf(string Sheet, int Width, int Height);

/// <summary>A sheet on the review queue: its id, its file, and what it waits for in words.</summary>
public sealed record WaitingSheet(string Sheet, string Source, string Waiting);

/// <summary>A decision awaiting a second scrutineer, as the 复核 page shows it beside the machine's reading.</summary>
/// <param name="Id">The decision's number.</param>
/// <param name="Sheet">Its sheet.</param>
/// <param name="BoxId">Its box (null: the whole sheet), for the crop.</param>
/// <param name="BoxName">The box by contest and candidate.</param>
/// <param name="Machine">What the machine read there.</param>
/// <param name="Decision">The decision in words.</param>
/// <param name="Scrutineer">Who made it (who may not confirm it).</param>
/// <param name="Reason">Why, as typed.</param>
public sealed record ConfirmationRow(long Id, string Sheet, string? BoxId, string? BoxName, string Machine, string Decision, string Scrutineer, string Reason);
