using System.IO.Compression;
using System.Text;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Reconciliation;

namespace BallotScan.Engine.Tests.Reconciliation;

/// <summary>The hand tally, as counters fill it in: CSV, JSON or .xlsx in the shape of the result report.</summary>
public class HandTallyTests : IDisposable
{
    private readonly ElectionDefinition _definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
    private readonly string _folder = Directory.CreateTempSubdirectory("hand-tally-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static readonly TallyLine[] s_lines =
    [
        new(LineKind.Issued, null, null, 700),
        new(LineKind.Returned, null, null, 698),
        new(LineKind.Approve, "director", "王建华", 312),
        new(LineKind.Disapprove, "director", "王建华", 120),
        new(LineKind.WriteIn, "member", "钱六", 4),
    ];

    [Fact]
    public void The_result_csv_reads_back_as_the_same_lines()
    {
        var csv = HandTally.ToCsv(s_lines, _definition);
        Assert.StartsWith("项目,职位,姓名,票数", csv, StringComparison.Ordinal);
        Assert.Contains("赞成,主任,王建华,312", csv, StringComparison.Ordinal); // contests by their printed title
        Assert.Equal(s_lines, HandTally.ParseCsv(csv, _definition));
    }

    [Fact]
    public void English_line_names_contest_ids_quotes_and_a_byte_order_mark_are_accepted()
    {
        var csv = "\uFEFFline,contest,name,count\r\napprove,director,\"王建华\",312\r\nissued,,,700\r\n";
        Assert.Equal([new TallyLine(LineKind.Approve, "director", "王建华", 312), new TallyLine(LineKind.Issued, null, null, 700)], HandTally.ParseCsv(csv, _definition));
    }

    [Fact]
    public void A_json_hand_tally_is_read()
    {
        var path = Path.Combine(_folder, "hand.json");
        File.WriteAllText(path, """{ "lines": [ { "line": "赞成", "contest": "主任", "name": "王建华", "count": 312 }, { "line": "收回选票", "count": 698 } ] }""");
        Assert.Equal([new TallyLine(LineKind.Approve, "director", "王建华", 312), new TallyLine(LineKind.Returned, null, null, 698)], HandTally.Load(path, _definition));
    }

    [Fact]
    public void An_xlsx_workbook_with_shared_and_inline_strings_is_read()
    {
        var path = Path.Combine(_folder, "hand.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Entry(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            Entry("xl/sharedStrings.xml", $"""<sst xmlns="{ns}"><si><t>项目</t></si><si><t>赞成</t></si><si><t>主任</t></si><si><t>王建华</t></si></sst>""");
            Entry("xl/worksheets/sheet1.xml", $"""
                <worksheet xmlns="{ns}"><sheetData>
                <row r="1"><c r="A1" t="s"><v>0</v></c></row>
                <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2"><v>312</v></c></row>
                <row r="3"><c r="A3" t="inlineStr"><is><t>发出选票</t></is></c><c r="D3"><v>700</v></c></row>
                </sheetData></worksheet>
                """);
        }

        Assert.Equal([new TallyLine(LineKind.Approve, "director", "王建华", 312), new TallyLine(LineKind.Issued, null, null, 700)], HandTally.Load(path, _definition));
    }

    [Theory]
    [InlineData("赞成,村长,王建华,3", "row 2: '村长' is not a contest")]
    [InlineData("赞成,主任,钱六,3", "row 2: 钱六 is not a listed candidate")]
    [InlineData("赞同,主任,王建华,3", "row 2: '赞同' is not a line")]
    [InlineData("赞成,主任,王建华,三", "row 2: the count '三' is not a whole number")]
    public void A_mistake_in_the_file_is_named_with_its_row(string row, string message)
    {
        var e = Assert.Throws<HandTallyException>(() => HandTally.ParseCsv("项目,职位,姓名,票数\n" + row + "\n", _definition));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_given_twice_is_refused()
    {
        var e = Assert.Throws<HandTallyException>(() => HandTally.ParseCsv("项目,职位,姓名,票数\n发出选票,,,1\n发出选票,,,2\n", _definition));
        Assert.Contains("row 3", e.Message, StringComparison.Ordinal);
    }
}
