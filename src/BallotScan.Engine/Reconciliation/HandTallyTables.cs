using System.Globalization;
using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using ExcelDataReader;

namespace BallotScan.Engine.Reconciliation;

/// <summary>One sheet of a hand-tally file: its name and its cells, row by row, as text.</summary>
internal sealed record TallyTable(string Name, IReadOnlyList<IReadOnlyList<string>> Rows);

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

    static HandTallyTables() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text of a CSV file: UTF-8 (with or without its byte order mark), UTF-16 with its mark, else GB18030.</summary>
    public static string DecodeText(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan().StartsWith("\uFEFF"u8) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(54936).GetString(bytes); // GB18030, which covers GBK and GB2312
        }
    }

    /// <summary>Every sheet of a workbook (.xlsx or .xls), each cell as the text it shows.</summary>
    public static IReadOnlyList<TallyTable> Workbook(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var tables = new List<TallyTable>();
        do
        {
            var rows = new List<IReadOnlyList<string>>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader.GetValue(i)))]);
            }

            tables.Add(new TallyTable(reader.Name, rows));
        }
        while (reader.NextResult());
        return tables;
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e9 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The lines' raw rows (row number, line, contest, name, count) of one sheet, in whichever layout it has; null when neither layout is found.</summary>
    public static List<(int Row, string Line, string Contest, string Name, string Count)>? Rows(TallyTable table, ElectionDefinition definition)
    {
        var cells = table.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Clean)]).ToList();
        return LongLayout(cells) ?? WideLayout(cells, definition);
    }

    /// <summary>A cell as compared: compatibility forms folded (full-width digits and letters, 全角 punctuation) and trimmed.</summary>
    internal static string Clean(string cell) => (cell ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();

    private static int Find(IReadOnlyList<string> row, string[] names) =>
        row.Select((c, i) => (c, i)).FirstOrDefault(x => names.Any(n => string.Equals(x.c.Replace(" ", string.Empty, StringComparison.Ordinal), n, StringComparison.OrdinalIgnoreCase))) is var (cell, index) && cell is not null ? index : -1;

    /// <summary>The result CSV's layout: a header row (项目 … 票数) wherever it is, then one line per row.</summary>
    private static List<(int, string, string, string, string)>? LongLayout(List<IReadOnlyList<string>> cells)
    {
        for (var h = 0; h < cells.Count; h++)
        {
            var (line, count) = (Find(cells[h], s_lineHeaders), Find(cells[h], s_countHeaders));
            if (line < 0 || count < 0)
            {
                continue;
            }

            var (contest, name) = (Find(cells[h], s_contestHeaders), Find(cells[h], s_nameHeaders));
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
        var kinds = new[] { LineKind.Approve, LineKind.Disapprove, LineKind.Abstain, LineKind.WriteIn };
        List<(LineKind Kind, int Column)>? columns = null;
        int nameColumn = -1, contestColumn = -1;
        string? contest = null;
        var rows = new List<(int, string, string, string, string)>();
        for (var i = 0; i < cells.Count; i++)
        {
            var r = cells[i];
            string At(int k) => k >= 0 && k < r.Count ? r[k] : string.Empty;

            // A header row (each contest may have its own): a name column and at least two of 赞成 / 不赞成 / 弃权 / 另选他人.
            var header = kinds.Select(k => (Kind: k, Column: Find(r, [ResultLines.Chinese[k], k.ToString()]))).Where(x => x.Column >= 0).ToList();
            if (header.Count >= 2 && Find(r, s_nameHeaders) is >= 0 and var n)
            {
                (columns, nameColumn, contestColumn) = (header, n, Find(r, s_contestHeaders));
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
        var t = Clean(text).TrimEnd('票', '张', '人').Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }
}
