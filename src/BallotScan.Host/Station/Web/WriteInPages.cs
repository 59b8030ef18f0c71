using BallotScan.Engine.Counting;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// Write-ins like the best adjudication screens (另选他人汇总): every inked write-in cell of a contest as a crop, grouped,
/// the names already entered offered first and listed candidates flagged, so a name is typed once for many ballots.
/// </summary>
internal static class WriteInPages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/write-ins", (HttpContext context, IAntiforgery af, CountingStation station, SheetImages images) => Page(context, af, station, images));
        pages.MapPost("/write-ins/decide", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var (sheet, box) = (form["sheet"].ToString(), form["box"].ToString());
            var problem = Record(context, station, sheet, box, Named(form));
            return problem is null
                ? TypedResults.Redirect($"/write-ins#cell-{Uri.EscapeDataString(sheet)}-{Uri.EscapeDataString(box)}")
                : Html.Problem(context, af, Html.LangOf(context).T("另选他人"), problem, "/write-ins");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);

        // A names list (自荐人、登记参选人 or villagers: names only) to complete the names typed; replaces any before.
        pages.MapPost("/write-ins/names", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var lang = Html.LangOf(context);
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var file = form.Files.GetFile("names");
            var extension = Path.GetExtension(file?.FileName ?? string.Empty).ToLowerInvariant();
            if (file is null || file.Length == 0 || file.Length > ElectionPages.MaxListBytes || !ElectionPages.ListExtensions.Contains(extension))
            {
                return Html.Problem(context, af, lang.T("姓名名单"), lang.T("姓名名单须是 2 MB 以内的 .xlsx、.xls、.csv 或 .txt（Unicode 文本）文件。"), "/write-ins");
            }

            var saved = Path.Combine(Directory.CreateTempSubdirectory("ballotscan-names-").FullName, "names" + extension);
            try
            {
                await using (var stream = File.Create(saved))
                {
                    await file.CopyToAsync(stream).ConfigureAwait(false);
                }

                station.Review.ImportNames(context.UserName(), StationIntake.CleanName(file.FileName), saved);
                return TypedResults.Redirect("/write-ins");
            }
            catch (Engine.Elections.ElectionDefinitionException e)
            {
                return Html.Problem(context, af, lang.T("姓名名单"), ProblemWords.Say(lang, e), "/write-ins");
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(saved)!, recursive: true);
            }
        }).RequireAuthorization(StationApp.ScrutineerPolicy).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(3 * 1024 * 1024));

        // One name for every cell ticked (a name typed once for many ballots): each cell is its own decision with its own
        // audit row, as if entered one by one; a cell that cannot take it is said, the others are recorded.
        pages.MapPost("/write-ins/decide-many", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var lang = Html.LangOf(context);
            var title = lang.T("另选他人");
            var chosen = ReviewPages.Ticked(form, "cells");
            if (chosen.Count is 0 or > MaxCellsAtOnce)
            {
                return Html.Problem(context, af, title, lang.T("请勾选要记录的另选栏（一次最多 {0} 栏）。", MaxCellsAtOnce), "/write-ins");
            }

            var name = Named(form);
            return ReviewPages.DecideEach(context, af, chosen, c => Record(context, station, c.Sheet, c.Box, name), title, "/write-ins", "栏");
        }).RequireAuthorization(StationApp.ScrutineerPolicy);
    }

    /// <summary>
    /// The name as the form gives it: typed, or (the button 无法辨认) a name nobody can identify, recorded as such: no name
    /// is read from the cell, so its vote counts for nobody.
    /// </summary>
    private static (string Name, string Reason) Named(IFormCollection form) => form["unreadable"] == "1"
        ? (string.Empty, "核对图像：所写姓名无法辨认，不计入任何人")
        : (form["name"].ToString(), "核对图像：另选他人汇总");

    /// <summary>The most cells one name is recorded for at once.</summary>
    private const int MaxCellsAtOnce = 500;

    /// <summary>Records the name <paramref name="named"/> gives as written in one cell, the machine's reading of its box kept; what stands in the way in the reader's language, or null.</summary>
    private static string? Record(HttpContext context, CountingStation station, string sheet, string box, (string Name, string Reason) named) =>
        ReviewPages.TryDecide(context, station, new Adjudication
        {
            Sheet = sheet,
            Kind = AdjudicationKind.WriteIn,
            BoxId = box,
            WriteInName = named.Name,
            Symbol = station.Reading.Interpretation(sheet)?.Positions.FirstOrDefault(p => p.BoxId == box)?.Symbol,
            Scrutineer = string.Empty,
            Reason = named.Reason,
        });

    /// <summary>
    /// The cells in the page's groups: those still to enter grouped by the likeness of their ink (largest first); then those
    /// like no other; then those entered, by name (the same name together).
    /// </summary>
    internal static IReadOnlyList<WriteInGroup> Grouped(IReadOnlyList<WriteInCell> cells, IReadOnlyDictionary<(string Sheet, string Box), InkSignature> inks)
    {
        var open = cells.Where(c => c.Name is null).OrderBy(c => c.Sheet, StringComparer.Ordinal).ToList();
        var withInk = open.Where(c => inks.ContainsKey((c.Sheet, c.Box))).ToList();
        var of = InkLikeness.Group([.. withInk.Select(c => inks[(c.Sheet, c.Box)])]);
        var groups = new List<WriteInGroup>();
        var alone = open.Except(withInk).ToList();
        foreach (var members in withInk.Select((c, i) => (c, Group: of[i])).GroupBy(x => x.Group).OrderBy(g => g.Key).Select(g => g.Select(x => x.c).ToList()))
        {
            if (members.Count == 1)
            {
                alone.AddRange(members);
                continue;
            }

            groups.Add(new WriteInGroup(WriteInGroupKind.Alike, members));
        }

        if (alone.Count > 0)
        {
            groups.Add(new WriteInGroup(WriteInGroupKind.Alone, alone));
        }

        var done = cells.Where(c => c.Name is not null).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Sheet, StringComparer.Ordinal).ToList();
        if (done.Count > 0)
        {
            groups.Add(new WriteInGroup(WriteInGroupKind.Entered, done));
        }

        return groups;
    }

    private static IResult Page(HttpContext context, IAntiforgery af, CountingStation station, SheetImages images)
    {
        var lang = Html.LangOf(context);
        var count = station.Results.Count();
        var set = count.Result.Records.Where(r => r.Status == SheetStatus.NotCounted).Select(r => r.Sheet).ToHashSet(StringComparer.Ordinal);
        var named = station.Results.Decisions().Where(d => d.Decision.Kind == AdjudicationKind.WriteIn && (d.Effective || d.AwaitingConfirmation))
            .GroupBy(d => (d.Decision.Sheet, d.Decision.BoxId!)).ToDictionary(g => g.Key, g => g.Last().Decision.WriteInName ?? string.Empty);
        var contests = new List<WriteInContest>();
        var imported = station.Review.ImportedNames();
        // Every inked write-in cell of the count, by post; their ink looked at once, each sheet decoded once for all its posts.
        var inked = count.Sheets.Where(s => s.Accepted && !set.Contains(s.SheetId))
            .SelectMany(s => s.Positions.Where(p => p.Kind == BoxKind.WriteIn && (p.Symbol != MarkSymbol.Blank || p.Reasons.Contains(ReviewReason.WriteIn))).Select(p => (Sheet: s.SheetId, p.BoxId, p.ContestId, p.Symbol)))
            .DistinctBy(c => (c.Sheet, c.BoxId)).ToList();
        var inks = images.NameCellInks([.. inked.Select(c => (c.Sheet, c.BoxId))]);
        foreach (var contest in station.Definition.Contests)
        {
            var cells = inked.Where(c => c.ContestId == contest.Id).ToList();
            if (cells.Count == 0)
            {
                continue;
            }

            // The names entered in this contest, most used first, then the listed candidates (flagged), then the imported list's.
            var entered = cells.Select(c => named.GetValueOrDefault((c.Sheet, c.BoxId))).Where(n => !string.IsNullOrEmpty(n)).GroupBy(n => n!).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
            var listed = contest.Candidates.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var shown = cells.Select(c => new WriteInCell(c.Sheet, c.BoxId, Words.Box(lang, station.Layout, station.Definition, c.BoxId), ReviewPages.Glyph(lang, c.Symbol), named.GetValueOrDefault((c.Sheet, c.BoxId)))).ToList();
            contests.Add(new WriteInContest(
                contest.Id,
                contest.Title,
                [.. entered.Concat(listed.Except(entered)).Concat(imported.Except(listed).Except(entered))],
                listed,
                Grouped(shown, inks)));
        }

        return Component<Components.WriteInPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(Components.WriteInPage.Frame)] = PageFrame.Of(context, af),
            [nameof(Components.WriteInPage.Contests)] = contests,
            [nameof(Components.WriteInPage.CanDecide)] = context.IsIn(StationRole.Scrutineer),
            [nameof(Components.WriteInPage.ImportedNames)] = imported.Count,
        });
    }
}

/// <summary>What a group of write-in cells on the 另选 page is.</summary>
public enum WriteInGroupKind
{
    /// <summary>Cells still to enter whose ink is alike (字迹相近): probably the same name, for a person to check and name once.</summary>
    Alike,

    /// <summary>Cells still to enter whose ink is like no other's.</summary>
    Alone,

    /// <summary>Cells whose name is entered.</summary>
    Entered,
}

/// <summary>Cells of one contest shown together.</summary>
/// <param name="Kind">What the group is.</param>
/// <param name="Cells">Its cells.</param>
public sealed record WriteInGroup(WriteInGroupKind Kind, IReadOnlyList<WriteInCell> Cells);

/// <summary>A contest's inked write-in cells, as the write-in page groups them.</summary>
/// <param name="Id">The contest's id (for the page's anchors only).</param>
/// <param name="Title">职位.</param>
/// <param name="Offered">The names to offer: those entered in this contest, most used first, then the listed candidates, then the imported list's.</param>
/// <param name="Listed">The listed candidates' names (a write-in of one is flagged).</param>
/// <param name="Groups">The cells in groups: those still to enter first, like ink together (largest group first), then those alike to none, then those entered.</param>
public sealed record WriteInContest(string Id, string Title, IReadOnlyList<string> Offered, IReadOnlySet<string> Listed, IReadOnlyList<WriteInGroup> Groups)
{
    /// <summary>Every cell, in the groups' order.</summary>
    public IEnumerable<WriteInCell> Cells => Groups.SelectMany(g => g.Cells);
}

/// <summary>One inked write-in cell.</summary>
/// <param name="Sheet">The sheet's id.</param>
/// <param name="Box">The cell's box id (for the form and the crop's address).</param>
/// <param name="BoxName">The cell in words, as printed (职位 另选他人第 n 栏).</param>
/// <param name="Glyph">What the machine read in its box.</param>
/// <param name="Name">The name entered (null: not yet).</param>
public sealed record WriteInCell(string Sheet, string Box, string BoxName, string Glyph, string? Name);
