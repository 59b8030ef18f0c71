using System.Globalization;
using System.Text;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static BallotScan.Host.Station.Web.Html;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// 抽查 (spot-check): sheets drawn from a public seed with the SHA-256 sampler, each image beside what was counted, the
/// auditor's finding recorded, and the risk of each contest's outcome (Kaplan-Markov, Stark 2010).
/// </summary>
internal static class SpotCheckPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/spot-check", Page);
        app.MapPost("/spot-check/record", async (HttpContext context, IAntiforgery af, CountingStation station) =>
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            var seed = form["seed"].ToString();
            var sheet = form["sheet"].ToString();
            var finding = form["finding"].ToString() switch
            {
                "agree" => SpotCheckFinding.Agree,
                "disagree" => SpotCheckFinding.Disagree,
                _ => SpotCheckFinding.Open,
            };
            bool? sameImage = form["image"].ToString() switch { "yes" => true, "no" => false, _ => null };
            var entry = new SpotCheckEntry(int.TryParse(form["order"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order : 0, sheet, string.Empty, finding, form["note"].ToString().Trim(), form["marks"].ToString().Trim(), sameImage);
            var lang = Lang.Of(context);
            if (station.Sheet(sheet) is null || seed.Length == 0)
            {
                return Html.Page(context, af, lang.S("抽查", "Spot-check"), $"<p class=\"problem\">{E(lang.S("没有这张选票。", "No such sheet."))}</p>", StatusCodes.Status400BadRequest);
            }

            try
            {
                SpotCheck.AuditedDecisions(entry, station.Layout, context.UserName());
            }
            catch (FormatException e)
            {
                return Html.Problem(context, af, lang.S("抽查", "Spot-check"), e.Message, "/spot-check");
            }

            station.RecordSpotCheck(seed, entry, context.UserName());
            return Results.Redirect($"/spot-check?seed={Uri.EscapeDataString(seed)}&n={Uri.EscapeDataString(form["n"].ToString())}&limit={Uri.EscapeDataString(form["limit"].ToString())}&against={(form["against"] == "image" ? "image" : "paper")}#draw-{entry.Order}");
        }).RequireAuthorization(p => p.RequireRole(nameof(StationRole.Auditor)));
    }

    private static IResult Page(HttpContext context, IAntiforgery af, CountingStation station, string? seed, int? n, double? limit, string? against)
    {
        var paper = against != "image";
        var lang = Lang.Of(context);
        var count = station.Count();
        var riskLimit = limit is > 0 and < 1 ? limit.Value : 0.1;
        var size = n is > 0 and <= 1000 ? n.Value : 20;
        var body = new StringBuilder();
        var root = station.ArchiveRoot;
        body.Append(CultureInfo.InvariantCulture, $"""
            <p>{E(lang.S("以公开的随机种子（例如当众掷骰得到的 20 位数字）抽取选票：任何人都可用同一种子重算抽样（SHA-256(\"种子,选票编号\") 最小者先抽中）。", "Sheets are drawn with a public seed (e.g. twenty digits from dice rolled in public): anyone can recompute the draw (SHA-256(\"seed,sheet id\"), smallest first). "))}
            {E(paper
                ? lang.S("按调取清单（批次、位置）取出每张纸质选票，与计入的结果比对，记录一致或不一致；不一致时写明纸上的符号（框=符号，如 委员 李红梅=×，另选栏写 委员 另选1=张三○）；并记录图像是否就是这张纸的图像。", "Pull each paper ballot by the retrieval list (batch, position); compare the paper with what was counted and record agree or disagree, for a disagreement what the paper shows (box=symbol, e.g. 委员 李红梅=×; a write-in cell 委员 另选1=张三○); and say whether the image is this paper's.")
                : lang.S("快速模式：只比对图像与计入的结果，不看纸质选票（查不出扫描故障或被调换的图像）。", "Quick mode: images against what was counted, no paper (a scanner fault or a swapped image cannot be caught)."))}
            <a href="/spot-check?seed={E(Uri.EscapeDataString(seed ?? string.Empty))}&amp;n={N(size)}&amp;against={(paper ? "image" : "paper")}">{E(paper ? lang.S("改用快速模式（只看图像）", "Quick mode (images only)") : lang.S("改为与纸质选票比对", "Against paper"))}</a>
            {(root is null ? string.Empty : $"<br><span class=\"hint\">{E(lang.S("导入的档案 Merkle 根：", "Imported archive's Merkle root: "))}<code>{E(root)}</code></span>")}</p>
            <form method="get" action="/spot-check" class="card" id="draw">
              <label>{E(lang.S("随机种子", "Seed"))} <input name="seed" value="{E(seed)}" required></label>
              <label>{E(lang.S("抽取张数", "Sheets"))} <input name="n" type="number" min="1" max="1000" value="{N(size)}"></label>
              <label>{E(lang.S("风险限度", "Risk limit"))} <input name="limit" value="{N(riskLimit, "0.###")}"></label>
              <input type="hidden" name="against" value="{(paper ? "paper" : "image")}">
              <button type="submit" class="primary">{E(lang.S("抽取", "Draw"))}</button>
            </form>
            """);
        if (string.IsNullOrWhiteSpace(seed))
        {
            return Html.Page(context, af, lang.S("抽查", "Spot-check"), body.ToString());
        }

        var sheets = count.Sheets.ToDictionary(s => s.SheetId, StringComparer.Ordinal);
        var drawn = SpotCheckSampler.Draw(seed, sheets.Keys, size);
        var findings = station.SpotChecks(seed);
        var entries = drawn.Select((id, i) => findings.TryGetValue(id, out var f) ? f.Entry with { Order = i + 1 } : new SpotCheckEntry(i + 1, id, string.Empty, SpotCheckFinding.Open, string.Empty)).ToList();
        // Against paper the drawn sheets are listed in retrieval order: batch by batch, in scan order.
        var retrievalList = RetrievalList.Of(drawn, count.Sheets);
        var retrieval = retrievalList.ToDictionary(r => r.Sheet, StringComparer.Ordinal);
        var rank = retrievalList.Select((r, i) => (r.Sheet, i)).ToDictionary(x => x.Sheet, x => x.i, StringComparer.Ordinal);
        var listed = paper ? [.. entries.OrderBy(e => rank.GetValueOrDefault(e.Sheet))] : entries;
        var records = count.Result.Records.ToDictionary(r => r.Sheet, StringComparer.Ordinal);
        var canRecord = context.IsIn(StationRole.Auditor);

        var (risks, unmeasured) = SpotCheck.Risks(entries, station.Definition, station.Layout, sheets, count.Decisions, count.Result.Adjudicated);
        body.Append(CultureInfo.InvariantCulture, $"<p id=\"spot-summary\">{E(lang.S($"种子 \"{seed}\"：从 {sheets.Count} 张中抽取 {drawn.Count} 张；一致 {entries.Count(e => e.Finding == SpotCheckFinding.Agree)}，不一致 {entries.Count(e => e.Finding == SpotCheckFinding.Disagree)}，未查 {entries.Count(e => e.Finding == SpotCheckFinding.Open)}。", $"Seed \"{seed}\": {drawn.Count} of {sheets.Count} sheets drawn; {entries.Count(e => e.Finding == SpotCheckFinding.Agree)} agree, {entries.Count(e => e.Finding == SpotCheckFinding.Disagree)} disagree, {entries.Count(e => e.Finding == SpotCheckFinding.Open)} not yet looked at."))}</p>");
        foreach (var w in entries.Where(e => e.ImageMatchesPaper == false))
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\">{E(lang.S($"抽中第 {w.Order} 张：图像不是这张纸质选票的图像（扫描故障或文件被调换）。", $"Sheet {w.Order}: the image is not this paper's (a scanner fault or a swapped file)."))}</p>");
        }

        foreach (var u in unmeasured)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"problem\">{E(lang.S($"第 {u.Order} 张不一致但未写明图像上的符号：写明之前不计算风险。", $"Sheet {u.Order} disagrees but what its image shows is not written: no risk is measured until it is."))}</p>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(lang.S("各职位选举结果的风险（Kaplan-Markov 逐票比对，Stark 2010）", "Risk of each contest's outcome (Kaplan-Markov ballot comparison, Stark 2010)"))}</h2>");
        body.Append(Table(
            [lang.S("职位", "Contest"), lang.S("最小差额（票）", "Smallest margin (votes)"), "μ", lang.S("已比对", "Compared"), "o₁", "o₂", "u₁", "u₂", lang.S("风险", "Risk"), string.Empty],
            risks.Select(r => new[]
            {
                E(r.Title), N(r.SmallestMargin), N(r.DilutedMargin, "0.0000"), N(r.Audited), N(r.OneOver), N(r.TwoOver), N(r.OneUnder), N(r.TwoUnder),
                $"<span data-risk=\"{E(r.ContestId)}\">{N(r.Risk, "0.0000")}</span>",
                E(r.Note ?? (r.Risk <= riskLimit ? lang.S("已达风险限度", "risk limit reached") : lang.S($"未达：约再查 {r.BallotsStillNeeded(riskLimit)} 张无差错选票", $"not reached: about {r.BallotsStillNeeded(riskLimit)} more ballots without discrepancy"))),
            }),
            "risks"));

        body.Append(CultureInfo.InvariantCulture, $"<h2>{E(paper ? lang.S("调取清单（按批次、扫描顺序）", "Retrieval list (by batch, in scan order)") : lang.S("抽中的选票", "Sheets drawn"))}</h2><table id=\"drawn\"><thead><tr><th>#</th>{(paper ? $"<th>{E(lang.S("批次", "Batch"))}</th><th>{E(lang.S("位置", "Position"))}</th>" : string.Empty)}<th>{E(lang.S("选票", "Sheet"))}</th><th>{E(lang.S("计入的结果", "Counted as"))}</th><th>{E(lang.S("审计结论", "Finding"))}</th></tr></thead><tbody>");
        foreach (var e in listed)
        {
            var where = retrieval.GetValueOrDefault(e.Sheet);
            var place = paper && where is not null
                ? $"<td>{E(where.Batch.Length == 0 ? lang.S("未分批", "none") : where.Batch)}</td><td>{(where.Position is { } p ? N(p) : "?")}{(where.Page > 1 ? E(lang.S($" 第 {where.Page} 页", $" page {where.Page}")) : string.Empty)}</td>"
                : paper ? "<td></td><td></td>" : string.Empty;
            var record = records.GetValueOrDefault(e.Sheet);
            var counted = record is null ? string.Empty : string.Join("<br>", record.Contests.Select(c =>
                $"{E(station.Definition.Contests.First(x => x.Id == c.ContestId).Title)}{(c.Status == ContestStatus.Valid ? string.Empty : $" ({E(c.Status.ToString())})")}: " +
                string.Join("，", c.Candidates.Select(m => $"{E(m.Candidate)} {E(VoteText(m.Vote))} <span class=\"hint\">{E(m.BoxId)}</span>").Concat(c.WriteIns.Where(w => w.Name is { Length: > 0 }).Select(w => $"{E(w.Name)} {E(VoteText(w.Vote))} <span class=\"hint\">{E(w.BoxId)}</span>")))));
            var status = record?.Status is SheetStatus.Counted or null ? string.Empty : $"<strong>{E(ReviewPages.StatusText(lang, record.Status))}</strong> {E(Words.StatusReason(lang, record.StatusReason))}";
            var form = canRecord
                ? $"""
                  <form method="post" action="/spot-check/record" class="finding">{Token(context, af)}
                    <input type="hidden" name="seed" value="{E(seed)}"><input type="hidden" name="n" value="{N(size)}"><input type="hidden" name="limit" value="{N(riskLimit, "0.###")}">
                    <input type="hidden" name="order" value="{N(e.Order)}"><input type="hidden" name="sheet" value="{E(e.Sheet)}">
                    <label><input type="radio" name="finding" value="agree"{(e.Finding == SpotCheckFinding.Agree ? " checked" : string.Empty)}> {E(lang.S("一致", "agree"))}</label>
                    <label><input type="radio" name="finding" value="disagree"{(e.Finding == SpotCheckFinding.Disagree ? " checked" : string.Empty)}> {E(lang.S("不一致", "disagree"))}</label>
                    <input name="note" placeholder="{E(lang.S("说明", "note"))}" value="{E(e.Note)}">
                    <input name="marks" placeholder="{E(paper ? lang.S("纸上的符号：框=符号", "what the paper shows: box=symbol") : lang.S("图像上的符号：框=符号", "what the image shows: box=symbol"))}" value="{E(e.AuditedMarks)}">
                    <input type="hidden" name="against" value="{(paper ? "paper" : "image")}">
                    {(paper ? $"<span>{E(lang.S("图像是这张纸的图像：", "The image is this paper's:"))} <label><input type=\"radio\" name=\"image\" value=\"yes\"{(e.ImageMatchesPaper == true ? " checked" : string.Empty)}> {E(lang.S("是", "yes"))}</label> <label><input type=\"radio\" name=\"image\" value=\"no\"{(e.ImageMatchesPaper == false ? " checked" : string.Empty)}> {E(lang.S("否", "no"))}</label></span>" : string.Empty)}
                    <button type="submit">{E(lang.S("记录", "Record"))}</button>
                  </form>
                  """
                : E(e.Finding.ToString());
            body.Append(CultureInfo.InvariantCulture, $"<tr id=\"draw-{N(e.Order)}\" data-sheet=\"{E(e.Sheet)}\" data-finding=\"{e.Finding}\"><td>{N(e.Order)}</td>{place}<td><a href=\"{E(ReviewPages.SheetLink(e.Sheet))}\" target=\"_blank\" rel=\"noopener\"><img class=\"thumb\" src=\"/sheet/image?id={E(Uri.EscapeDataString(e.Sheet))}\" alt=\"{E(e.Sheet[..Math.Min(12, e.Sheet.Length)])}\" loading=\"lazy\"></a><br><code>{E(e.Sheet[..Math.Min(12, e.Sheet.Length)])}…</code></td><td>{status}{counted}</td><td>{form}</td></tr>");
        }

        body.Append("</tbody></table>");
        return Html.Page(context, af, lang.S("抽查", "Spot-check"), body.ToString());
    }

    private static string VoteText(Vote vote) => vote switch
    {
        Vote.Approve => "赞成○",
        Vote.Disapprove => "不赞成×",
        Vote.Abstain => "弃权",
        _ => "无效",
    };
}
