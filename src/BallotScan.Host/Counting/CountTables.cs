using System.Globalization;
using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Reconciliation;
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
        var text = new StringBuilder("选票（图像 SHA-256）,图像文件,选票状态,说明,职位,本职位在这张选票上,方框,写入的姓名,机器读为,可信度,计为符号,计为,来源\n");
        foreach (var r in count.Result.Records)
        {
            var sheet = $"{r.Sheet},{Field(Path.GetFileName(r.Source))},{Words.StatusText(s_chinese, r.Status)},{Field(Words.StatusReason(s_chinese, count.Definition, r.StatusReason))}";
            if (r.Contests.Count == 0)
            {
                text.Append(sheet).Append(",,,,,,,,,\n");
            }

            foreach (var c in r.Contests)
            {
                var contest = $"{sheet},{Field(Words.Contest(count.Definition, c.ContestId))},{Words.ContestStatus(s_chinese, c.Status)}";
                foreach (var m in c.Candidates)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{contest},{Field(m.Candidate)},,{Words.Symbol(s_chinese, m.Read)},{m.Confidence:0.000},{Words.Symbol(s_chinese, m.Symbol)},{Words.Vote(s_chinese, m.Vote)},{Words.Source(s_chinese, m.Source)}\n");
                }

                foreach (var w in c.WriteIns)
                {
                    var vote = Words.Vote(s_chinese, w.Vote) + (w.CountedFor is null ? string.Empty : $"（计入所列候选人 {w.CountedFor}）");
                    text.Append(CultureInfo.InvariantCulture, $"{contest},{Field(WriteInCell(count.Layout, w.BoxId))},{Field(w.Name)},,,{Words.Symbol(s_chinese, w.Symbol)},{Field(vote)},{Words.Source(s_chinese, w.Source)}\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>review-list.csv: each sheet that waits for the scrutineers, and what for.</summary>
    public static string ReviewList(Counted count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var text = new StringBuilder("选票（图像 SHA-256）,图像文件,待裁定\n");
        foreach (var r in count.Result.ReviewList)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Sheet},{Field(r.Source)},{Field(string.Join("；", r.Items.Select(i => Words.Waiting(s_chinese, count.Layout, count.Definition, i))))}\n");
        }

        return text.ToString();
    }

    /// <summary>reconciliation.csv: each line where the hand count and the machine's differ, with the sheets to look at first.</summary>
    public static string Reconciliation(Counted count, ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder("项目,职位,姓名,手工计票,机器计票,差额,先查看的选票\n");
        foreach (var d in report.Differences)
        {
            var suspects = d.Suspects.Select(s => $"{s.Sheet}（{Path.GetFileName(s.Source)}）：{Words.Suspect(s_chinese, count.Layout, count.Definition, s)}");
            text.Append(CultureInfo.InvariantCulture, $"{ResultLines.Chinese[d.Line.Kind]},{Field(d.Line.Contest is null ? null : Words.Contest(count.Definition, d.Line.Contest))},{Field(d.Line.Name)},{d.Hand},{d.Machine},{d.Delta},{Field(string.Join(" | ", suspects))}\n");
        }

        return text.ToString();
    }

    /// <summary>A write-in cell as printed ("另选他人第 2 栏"; its id only for a box the layout does not have).</summary>
    private static string WriteInCell(BallotLayout layout, string boxId) =>
        layout.AllBoxes.FirstOrDefault(b => b.Id == boxId) is { } box ? Words.WriteInCell(s_chinese, box.Position) : boxId;

    /// <summary>
    /// A CSV field (quoted where it must be); text that a spreadsheet would take for a formula (=, +, -, @ first: a name or a
    /// reason typed at the station) is kept as text by a leading apostrophe. Here and not in <see cref="HandTally.CsvField"/>:
    /// these tables are only read by people, while result.csv and the hand-tally template are read back, where the
    /// apostrophe would become part of a name.
    /// </summary>
    internal static string Field(string? text) => HandTally.CsvField(text is { Length: > 0 } && "=+-@".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text);
}
