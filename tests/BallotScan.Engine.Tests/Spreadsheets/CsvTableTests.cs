using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Spreadsheets;

namespace BallotScan.Engine.Tests.Spreadsheets;

/// <summary>Tables as Excel and WPS save and open them: CSV with quoting, and Excel's tab-separated "Unicode 文本".</summary>
public sealed class CsvTableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("csv-table-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A cell typed with a line break (Alt+Enter: "\r\n" from WPS), a comma, a quote or a space at its end is written so that
    /// Excel shows it as one cell, and reads back as it was; the old writer left a lone "\r" and end spaces unquoted.
    /// </summary>
    [Fact]
    public void Fields_with_line_breaks_commas_quotes_and_end_spaces_are_quoted_and_read_back()
    {
        string?[][] rows = [["说明", "姓名"], ["第一行\r\n第二行", "王,建华"], ["他说\"同意\"", "李四 "], ["只有回车\r符", null]];

        var text = CsvTable.Write(rows);

        Assert.Contains("\"第一行\r\n第二行\"", text, StringComparison.Ordinal);
        Assert.Contains("\"只有回车\r符\"", text, StringComparison.Ordinal);
        Assert.Contains("\"李四 \"", text, StringComparison.Ordinal);
        Assert.Contains("\"他说\"\"同意\"\"\"", text, StringComparison.Ordinal);
        Assert.Equal(rows.Select(r => r.Select(f => f ?? string.Empty)), CsvTable.Read(text));
    }

    /// <summary>
    /// Excel's 另存为 "Unicode 文本 (*.txt)": UTF-16 little-endian with its mark, cells separated by tabs. A hand tally saved so
    /// is read as the same lines (it was one column per line, every line "not a line name").
    /// </summary>
    [Fact]
    public void A_hand_tally_saved_as_excel_unicode_text_is_read()
    {
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        TallyLine[] lines =
        [
            new(LineKind.Issued, null, null, 700),
            new(LineKind.Approve, "director", "王建华", 312),
            new(LineKind.WriteIn, "member", "钱六", 4),
        ];
        var tabbed = string.Join("\r\n", CsvTable.Read(HandTally.ToCsv(lines, definition)).Select(r => string.Join('\t', r))) + "\r\n";
        var path = Path.Combine(_folder, "手工计票.txt");
        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(tabbed)]);

        Assert.Equal(lines, HandTally.Load(path, definition));
    }

    /// <summary>A comma-separated file whose names hold no tab is not taken for tab-separated because a later row has a tab.</summary>
    [Fact]
    public void The_separator_is_the_first_lines()
    {
        Assert.Equal([["项目", "票数"], ["赞成\t", "3"]], CsvTable.Read("项目,票数\n赞成\t,3\n"));
        Assert.Equal([["项目", "票数"], ["赞成,", "3"]], CsvTable.Read("项目\t票数\n赞成,\t3\n"));
    }
}
