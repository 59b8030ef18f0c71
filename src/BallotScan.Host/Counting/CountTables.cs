using System.Globalization;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Spreadsheets;
using BallotScan.Host.Text;

namespace BallotScan.Host.Counting;

/// <summary>
/// The count's tables that the township office and the auditors open in Excel or WPS: the cast-vote records (one row per sheet
/// and box, which the result report points to), the review list and the reconciliation. In Chinese, whatever the console's
/// language: they are sealed into the archive beside result.csv, so one count gives one set of bytes and one Merkle root.
/// Contests by title, boxes as printed (the candidate's name, 另选他人第 N 栏), every code in words.
/// </summary>
internal static class CountTables
{
    private static readonly Lang s_chinese = new(English: false);

    /// <summary>cast-vote-records.csv: every figure of the result is a count of its rows.</summary>
    public static string Records(Counted count)
    {
        ArgumentNullException.ThrowIfNull(count);
        string?[] header = ["选票（图像 SHA-256）", "图像文件", "选票状态", "说明", "职位", "本职位在这张选票上", "方框", "写入的姓名", "机器读为", "可信度", "计为符号", "计为", "来源"];
        var rows = new List<string?[]> { header };
        foreach (var r in count.Result.Records)
        {
            string?[] sheet = [r.Sheet, Text(Path.GetFileName(r.Source)), Words.StatusText(s_chinese, r.Status), Text(Words.StatusReason(s_chinese, count.Definition, r.StatusReason))];
            if (r.Contests.Count == 0)
            {
                rows.Add([.. sheet, .. new string?[header.Length - sheet.Length]]);
            }

            foreach (var c in r.Contests)
            {
                string?[] contest = [.. sheet, Text(Words.Contest(count.Definition, c.ContestId)), Words.ContestStatus(s_chinese, c.Status)];
                foreach (var m in c.Candidates)
                {
                    rows.Add([.. contest, Text(m.Candidate), null, Words.Symbol(s_chinese, m.Read), m.Confidence.ToString("0.000", CultureInfo.InvariantCulture), Words.Symbol(s_chinese, m.Symbol), Words.Vote(s_chinese, m.Vote), Words.Source(s_chinese, m.Source)]);
                }

                foreach (var w in c.WriteIns)
                {
                    var vote = Words.Vote(s_chinese, w.Vote) + (w.CountedFor is null ? string.Empty : $"（计入所列候选人 {w.CountedFor}）");
                    rows.Add([.. contest, Text(WriteInCell(count.Layout, w.BoxId)), Text(w.Name), null, null, Words.Symbol(s_chinese, w.Symbol), Text(vote), Words.Source(s_chinese, w.Source)]);
                }
            }
        }

        return CsvTable.Write(rows);
    }

    /// <summary>review-list.csv: each sheet that waits for the scrutineers, and what for.</summary>
    public static string ReviewList(Counted count)
    {
        ArgumentNullException.ThrowIfNull(count);
        return CsvTable.Write([["选票（图像 SHA-256）", "图像文件", "待裁定"], .. count.Result.ReviewList.Select(r => new[]
        {
            r.Sheet, Text(r.Source), Text(string.Join("；", r.Items.Select(i => Words.Waiting(s_chinese, count.Layout, count.Definition, i)))),
        })]);
    }

    /// <summary>The reconciliation table's columns.</summary>
    public static readonly string[] ReconciliationHeader = ["项目", "职位", "姓名", "手工计票", "机器计票", "差额", "先查看的选票"];

    /// <summary>The reconciliation table's rows: each line where the hand count and the machine's differ (figures as numbers), with the sheets to look at first.</summary>
    public static IEnumerable<object?[]> ReconciliationRows(Counted count, ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(report);
        return report.Differences.Select(d => new object?[]
        {
            ResultLines.Chinese[d.Line.Kind],
            Text(d.Line.Contest is null ? null : Words.Contest(count.Definition, d.Line.Contest)),
            Text(d.Line.Name),
            d.Hand,
            d.Machine,
            d.Delta,
            Text(string.Join(" | ", d.Suspects.Select(s => $"{s.Sheet}（{Path.GetFileName(s.Source)}）：{Words.Suspect(s_chinese, count.Layout, count.Definition, s)}"))),
        });
    }

    /// <summary>reconciliation.csv: <see cref="ReconciliationRows"/> as CSV.</summary>
    public static string Reconciliation(Counted count, ReconciliationReport report) =>
        CsvTable.Write([ReconciliationHeader, .. ReconciliationRows(count, report).Select(r => r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))]);

    /// <summary>A write-in cell as printed ("另选他人第 2 栏"; its id only for a box the layout does not have).</summary>
    private static string WriteInCell(BallotLayout layout, string boxId) =>
        layout.AllBoxes.FirstOrDefault(b => b.Id == boxId) is { } box ? Words.WriteInCell(s_chinese, box.Position) : boxId;

    /// <summary>A text field typed by a person (a name, a reason), kept as text where these tables are opened: <see cref="CsvTable.AsText"/>.</summary>
    private static string? Text(string? text) => CsvTable.AsText(text);
}
