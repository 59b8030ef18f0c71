using System.Globalization;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Township;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Station.Web;
using BallotScan.Host.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Township.Web;

/// <summary>
/// The township station's pages: 总览 (the figures per township and in all, with charts), 各村 (every village, filtered by
/// township), one village (its elections, rounds and those elected, each with its archive; the 书记 entered), 档案 (taken,
/// uploaded), 日志; the workbook to download; the figures as JSON for programs.
/// </summary>
internal static class TownshipPages
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        pages.MapGet("/", (HttpContext context, IAntiforgery af, TownshipStation township) =>
        {
            var ledger = township.Ledger();
            return Component<OverviewPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
            {
                [nameof(OverviewPage.Frame)] = PageFrame.Of(context, af),
                [nameof(OverviewPage.Report)] = township.Report(ledger),
                [nameof(OverviewPage.Unreadable)] = Unreadable(LangOf(context), ledger),
            });
        });
        pages.MapGet("/villages", (HttpContext context, IAntiforgery af, TownshipStation township) => Villages(context, af, township, context.Request.Query["township"].ToString()));
        pages.MapGet("/village", (HttpContext context, IAntiforgery af, TownshipStation township) =>
            Village(context, af, township, new VillageKey(context.Request.Query["township"].ToString(), context.Request.Query["village"].ToString())));
        pages.MapPost("/village/secretary", async (HttpContext context, IAntiforgery af, TownshipStation township) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var place = new VillageKey(form["township"].ToString(), form["village"].ToString());
            var name = StationStore.Cut(form["name"].ToString().Trim(), 32);
            var lang = LangOf(context);
            if (township.Returns().All(r => r.Place != place))
            {
                return Problem(context, af, lang.T("未录入"), lang.T("还没有收入{0}{1}的计票档案：请检查乡镇和村的名称。", place.Township, place.Village), "/villages");
            }

            if (PersonName.Normalise(name) is null)
            {
                return Problem(context, af, lang.T("未录入"), lang.T("请填写书记的姓名。"), VillageLink(place));
            }

            township.EnterSecretary(place, name, context.UserName());
            return TypedResults.Redirect(VillageLink(place));
        }).RequireAuthorization(TownshipApp.OperatorPolicy);
        pages.MapPost("/village/progress", async (HttpContext context, IAntiforgery af, TownshipStation township) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var place = new VillageKey(form["township"].ToString(), form["village"].ToString());
            var lang = LangOf(context);
            if (!EnumNames.TryParse<ProgressStep>(form["step"].ToString(), out var step)
                || !DateOnly.TryParseExact(form["day"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Problem(context, af, lang.T("未录入"), lang.T("请选择进度步骤并填写日期（yyyy-MM-dd）。"), VillageLink(place));
            }

            township.EnterProgress(place, step, day, context.UserName());
            return TypedResults.Redirect(VillageLink(place));
        }).RequireAuthorization(TownshipApp.OperatorPolicy);
        pages.MapGet("/archives", (HttpContext context, IAntiforgery af, TownshipStation township) => Archives(context, af, township, []));
        pages.MapPost("/archives", async (HttpContext context, IAntiforgery af, TownshipStation township) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var folder = Directory.CreateTempSubdirectory("township-upload-").FullName;
            try
            {
                var files = new List<string>();
                foreach (var (file, i) in form.Files.Select((f, i) => (f, i)))
                {
                    // Each upload under a name of our own (the sender's name is kept for the log only).
                    var path = Path.Combine(folder, $"{i.ToString(CultureInfo.InvariantCulture)}.zip");
                    await using (var target = File.Create(path))
                    {
                        await file.CopyToAsync(target).ConfigureAwait(false);
                    }

                    var named = Path.Combine(folder, i.ToString(CultureInfo.InvariantCulture), SafeName(file.FileName));
                    Directory.CreateDirectory(Path.GetDirectoryName(named)!);
                    File.Move(path, named);
                    files.Add(named);
                }

                var results = await Task.Run(() => township.ImportAll(files, context.UserName(), "upload")).ConfigureAwait(false);
                return Archives(context, af, township, results);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }).RequireAuthorization(TownshipApp.OperatorPolicy);
        pages.MapGet("/report.xlsx", (TownshipStation township) =>
            TypedResults.File(TownshipWorkbook.Write(township.Report()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "换届情况统计表.xlsx"));
        pages.MapGet("/audit", (HttpContext context, IAntiforgery af, TownshipStation township, long? before) =>
        {
            var lang = LangOf(context);
            var entries = township.Store.AuditLog(AuditPageSize, before);
            return Component<Station.Web.Components.AuditLogPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
            {
                [nameof(Station.Web.Components.AuditLogPage.Frame)] = PageFrame.Of(context, af),
                [nameof(Station.Web.Components.AuditLogPage.PageSize)] = AuditPageSize,
                [nameof(Station.Web.Components.AuditLogPage.Rows)] = entries
                    .Select(a => (IReadOnlyList<string>)[a.Id.ToString(CultureInfo.InvariantCulture), Shown.Time(a.At), AuditLogWords.Actor(lang, a), AuditLogWords.Event(lang, a), AuditLogWords.Detail(lang, null, null, a)])
                    .ToList(),
                [nameof(Station.Web.Components.AuditLogPage.OlderThan)] = entries.Count == AuditPageSize ? entries[^1].Id : null,
            });
        });

        // For programs: the figures as they stand (the same records the pages and the workbook show).
        api.MapGet("/figures", (TownshipStation township) => TypedResults.Json(township.Report(), ElectionJson.Options));
    }

    private const int AuditPageSize = 100;

    /// <summary>The page of one village.</summary>
    public static string VillageLink(VillageKey place) =>
        $"/village?township={Uri.EscapeDataString(place.Township)}&village={Uri.EscapeDataString(place.Village)}";

    /// <summary>The villages of one township (all of them for null).</summary>
    public static string VillagesLink(string? township) => township is null ? "/villages" : $"/villages?township={Uri.EscapeDataString(township)}";

    /// <summary>A file name as a file of our own may bear it: its last part, without characters a path cannot hold.</summary>
    private static string SafeName(string name)
    {
        var last = Path.GetFileName(name.Replace('\\', '/'));
        var safe = new string([.. last.Where(c => !char.IsControl(c) && !Path.GetInvalidFileNameChars().Contains(c))]);
        return safe.Length is 0 or > 120 ? "archive.zip" : safe;
    }

    private static IResult Villages(HttpContext context, IAntiforgery af, TownshipStation township, string only)
    {
        var ledger = township.Ledger();
        var report = township.Report(ledger);
        return Component<VillagesPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(VillagesPage.Frame)] = PageFrame.Of(context, af),
            [nameof(VillagesPage.Villages)] = only.Length == 0 ? report.Villages : report.Villages.Where(v => v.Place.Township == only).ToList(),
            [nameof(VillagesPage.Township)] = only.Length == 0 ? null : only,
            [nameof(VillagesPage.Taken)] = ledger.LastTaken,
        });
    }

    private static IResult Village(HttpContext context, IAntiforgery af, TownshipStation township, VillageKey place)
    {
        var ledger = township.Ledger();
        var village = township.Report(ledger).Villages.FirstOrDefault(v => v.Place == place);
        if (village is null)
        {
            var lang = LangOf(context);
            return Message(context, af, lang.T("没有这个村"), lang.T("还没有收入{0}{1}的计票档案：请检查乡镇和村的名称。", place.Township, place.Village), StatusCodes.Status404NotFound, "/villages");
        }

        var archives = ledger.Taken.Where(a => a.Return.Place == place).ToDictionary(a => a.MerkleRoot, a => ((string?)a.OriginalName, (string?)a.TakenAt), StringComparer.Ordinal);
        return Component<VillagePage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(VillagePage.Frame)] = PageFrame.Of(context, af),
            [nameof(VillagePage.Village)] = village,
            [nameof(VillagePage.Archives)] = archives,
            [nameof(VillagePage.MayEnter)] = context.IsIn(StationRole.Operator),
        });
    }

    private static IResult Archives(HttpContext context, IAntiforgery af, TownshipStation township, IReadOnlyList<ImportResult> results)
    {
        var lang = LangOf(context);
        var ledger = township.Ledger();
        return Component<ArchivesPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(ArchivesPage.Frame)] = PageFrame.Of(context, af),
            [nameof(ArchivesPage.Unreadable)] = Unreadable(lang, ledger),
            [nameof(ArchivesPage.Archives)] = ledger.Taken.Select(a => new ArchivesPage.Row(a.Id, a.Return.Place, a.Return.Title, a.Return.Round, a.OriginalName, a.TakenAt, a.Current)).ToList(),
            [nameof(ArchivesPage.Results)] = results.Select(r => (r.Say(lang), r.Outcome == ImportOutcome.Refused)).ToList(),
            [nameof(ArchivesPage.MayUpload)] = context.IsIn(StationRole.Operator),
        });
    }

    /// <summary>Each archive row that cannot be read, in words: which, and that it counts in no figure.</summary>
    private static IReadOnlyList<string> Unreadable(Lang lang, ArchiveLedger ledger) =>
        [.. ledger.Unreadable.Select(u => lang.T("第 {0} 条档案记录（{1}{2}，{3}，文件 {4}）无法读取，不计入任何数字{5}", u.Id, u.Place.Township, u.Place.Village, u.ElectionId, u.OriginalName,
            u.Current ? lang.T("；这次选举因此没有有效的计票（数据库中的记录在 BallotScan 之外被改动过；档案原件仍在数据文件夹的 archives/ 中）") : string.Empty))];

}
