using System.Globalization;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Spreadsheets;

namespace BallotScan.Engine.Reconciliation;

/// <summary>
/// Hand-tally files as people bring them: CSV in UTF-8 or GB18030 (as Excel and WPS save on Chinese Windows), workbooks
/// (.xlsx, .xls) on any sheet, a title or notes above the header row, full-width digits, and two layouts: the long one of
/// the result CSV (项目, 职位, 姓名, 票数: a line per figure or per candidate and kind) and the 报告单 one (a row per candidate
/// with 赞成 / 不赞成 / 弃权 columns, under a heading naming the contest; figures as a name and a number).
/// </summary>
internal static class HandTallyTables
{
    private static readonly string[] s_lineHeaders = ["项目", "line", "类别"];
    private static readonly string[] s_countHeaders = ["票数", "count", "得票数", "数目", "人数"];
    private static readonly string[] s_contestHeaders = ["职位", "contest", "职务"];
    private static readonly string[] s_nameHeaders = ["姓名", "name", "候选人", "候选人姓名"];

    /// <summary>The lines' raw rows (row number, line, contest, name, count) of one sheet, in whichever layout it has; null when neither layout is found.</summary>
    public static List<(int Row, string Line, string Contest, string Name, string Count)>? Rows(Worksheet table, ElectionDefinition definition)
    {
        var cells = table.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(SpreadsheetFiles.Clean)]).ToList();
        return LongLayout(cells) ?? WideLayout(cells, definition);
    }


    /// <summary>The result CSV's layout: a header row (项目 … 票数) wherever it is, then one line per row.</summary>
    private static List<(int, string, string, string, string)>? LongLayout(List<IReadOnlyList<string>> cells)
    {
        for (var h = 0; h < cells.Count; h++)
        {
            var (line, count) = (SpreadsheetFiles.Column(cells[h], s_lineHeaders), SpreadsheetFiles.Column(cells[h], s_countHeaders));
            if (line < 0 || count < 0)
            {
                continue;
            }

            var (contest, name) = (SpreadsheetFiles.Column(cells[h], s_contestHeaders), SpreadsheetFiles.Column(cells[h], s_nameHeaders));
            string At(IReadOnlyList<string> r, int k) => k >= 0 && k < r.Count ? r[k] : string.Empty;
            return [.. cells.Skip(h + 1).Select((r, i) => (h + i + 2, At(r, line), At(r, contest), At(r, name), At(r, count)))];
        }

        return null;
    }

    /// <summary>
    /// The 报告单's layout: a header row with a name column and 赞成 / 不赞成 / 弃权 columns; a row naming a contest (主任,
    /// 职位：副主任 …) starts its candidates; a row holding a figure's name (发出选票 …) and a number is that figure.
    /// </summary>
    private static List<(int, string, string, string, string)>? WideLayout(List<IReadOnlyList<string>> cells, ElectionDefinition definition)
    {
        var kinds = new[] { LineKind.Approve, LineKind.Disapprove, LineKind.Abstain, LineKind.CandidateVoid, LineKind.WriteIn };
        List<(LineKind Kind, int Column)>? columns = null;
        int nameColumn = -1, contestColumn = -1;
        string? contest = null;
        var rows = new List<(int, string, string, string, string)>();
        for (var i = 0; i < cells.Count; i++)
        {
            var r = cells[i];
            string At(int k) => k >= 0 && k < r.Count ? r[k] : string.Empty;

            // A header row (each contest may have its own): a name column and at least two of 赞成 / 不赞成 / 弃权 / 另选他人.
            var header = kinds.Select(k => (Kind: k, Column: SpreadsheetFiles.Column(r, [ResultLines.Chinese[k], k.ToString()]))).Where(x => x.Column >= 0).ToList();
            if (header.Count >= 2 && SpreadsheetFiles.Column(r, s_nameHeaders) is >= 0 and var n)
            {
                (columns, nameColumn, contestColumn) = (header, n, SpreadsheetFiles.Column(r, s_contestHeaders));
                continue;
            }

            var figure = r.Select((c, k) => (Kind: ResultLines.Parse(c), k)).FirstOrDefault(x => x.Kind is LineKind.Due or LineKind.Present or LineKind.Issued or LineKind.Returned or LineKind.Valid or LineKind.Void);
            if (figure.Kind is { } f)
            {
                rows.Add((i + 1, ResultLines.Chinese[f], string.Empty, string.Empty, r.Skip(figure.k + 1).FirstOrDefault(c => c.Length > 0) ?? string.Empty));
                continue;
            }

            var named = Contest(contestColumn >= 0 ? [At(contestColumn)] : r, definition);
            contest = named ?? contest;
            if (columns is null || (named is not null && contestColumn < 0) || At(nameColumn).Length == 0)
            {
                continue; // a title, a contest's heading, or an empty row
            }

            foreach (var (kind, column) in columns.Where(c => At(c.Column).Length > 0))
            {
                rows.Add((i + 1, ResultLines.Chinese[kind], contest ?? string.Empty, At(nameColumn), At(column)));
            }
        }

        return columns is null ? null : rows;
    }

    /// <summary>The contest a cell names (by title or id, also as "职位：主任"), or null.</summary>
    private static string? Contest(IEnumerable<string> cells, ElectionDefinition definition)
    {
        foreach (var cell in cells)
        {
            var text = cell.Split([':', '：'], 2) is [var label, var rest] && s_contestHeaders.Contains(label.Trim()) ? rest.Trim() : cell;
            if (definition.Contests.FirstOrDefault(c => c.Title == text || c.Id == text) is { } contest)
            {
                return contest.Title;
            }
        }

        return null;
    }

    /// <summary>A count as written: full-width digits folded, a trailing 票, 张 or 人 and thousands separators taken off.</summary>
    public static bool TryCount(string text, out int count)
    {
        var t = SpreadsheetFiles.Clean(text).TrimEnd('票', '张', '人').Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }
}
