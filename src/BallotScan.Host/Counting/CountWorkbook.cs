using BallotScan.Engine.Counting;
using BallotScan.Engine.Reconciliation;
using BallotScan.Host.Text;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace BallotScan.Host.Counting;

/// <summary>
/// result.xlsx: the count's tables as a workbook for Excel and WPS (through MiniExcel), figures as numbers: 计票结果 (every
/// line of the result), 当选人名单 (those elected, with their public facts), 手工核对 (the hand count against the machine's,
/// when entered) and 分批 (each box or scanner run). In Chinese, like the CSV tables; a rendering of result.json, so not sealed.
/// </summary>
internal static class CountWorkbook
{
    private static readonly Lang s_chinese = new(English: false);

    /// <summary>The sheets' names, in their order in the workbook.</summary>
    public static class Sheets
    {
        public const string Result = "计票结果";
        public const string Elected = "当选人名单";
        public const string Reconciliation = "手工核对";
        public const string Batches = "分批";
    }

    public static byte[] Write(Counted count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var tally = count.Result.Adjudicated;
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Sheets.Result] = ResultLines.Of(tally).Select(l => Row(
                ("项目", ResultLines.Chinese[l.Kind]),
                ("职位", l.Contest is null ? string.Empty : Words.Contest(count.Definition, l.Contest)),
                ("姓名", l.Name ?? string.Empty),
                ("票数", l.Count))).ToList(),
            [Sheets.Elected] = ElectedPeople.Of(count.Definition, tally).Select(p => Row(
                ("轮次", p.Round),
                ("职务", p.Post),
                ("姓名", p.Name),
                ("性别", Words.Gender(s_chinese, p.Gender)),
                ("年龄", p.Age),
                ("文化程度", Words.Education(s_chinese, p.Education)),
                ("政治面貌", Words.Political(s_chinese, p.Political)),
                ("民族", p.Ethnicity ?? string.Empty),
                ("连任/新任", Words.Tenure(s_chinese, p.Tenure)),
                ("得票", p.Votes),
                ("来源", p.Listed ? "候选人" : "另选他人"))).ToList(),
        };
        if (count.Reconciliation is { } reconciliation)
        {
            sheets[Sheets.Reconciliation] = Reconciliation(count, reconciliation);
        }

        if (count.Batches.Count > 0)
        {
            sheets[Sheets.Batches] = count.Batches.Select(b => Row(
                ("批次", b.Batch.Length == 0 ? "未分批" : b.Batch),
                ("图像", b.Sheets),
                ("计入", b.Counted),
                ("废票", b.Void),
                ("待定", b.Pending),
                ("不计", b.SetAside),
                ("发出", b.Issued),
                ("收回", b.Returned),
                ("未收回", b.Missing))).ToList();
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    /// <summary>Each line where the counts differ (the CSV's rows, figures as numbers); one line saying so when they all agree.</summary>
    private static List<Dictionary<string, object?>> Reconciliation(Counted count, ReconciliationReport report)
    {
        IEnumerable<object?[]> rows = report.Agrees
            ? [[$"手工计票与机器计票逐行一致（共核对 {report.LinesCompared} 行）"]]
            : CountTables.ReconciliationRows(count, report);
        var header = CountTables.ReconciliationHeader;
        return [.. rows.Select(r => Row([.. header.Select((h, i) => (h, i < r.Length ? r[i] : null))]))];
    }

    /// <summary>One row of a sheet: its cells by column, in order.</summary>
    internal static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal);
}
