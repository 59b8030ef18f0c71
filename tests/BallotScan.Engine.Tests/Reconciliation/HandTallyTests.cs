using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Problems;

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
    public void An_xlsx_workbook_is_read()
    {
        var path = Path.Combine(_folder, "hand.xlsx");
        TestWorkbook.Write(path, ("Sheet1", [["项目", "职位", "姓名", "票数"], ["赞成", "主任", "王建华", "312"], ["发出选票", "", "", "700"]]));
        Assert.Equal([new TallyLine(LineKind.Approve, "director", "王建华", 312), new TallyLine(LineKind.Issued, null, null, 700)], HandTally.Load(path, _definition));
    }

    /// <summary>A hand tally as the 报告单 is laid out: a title, figures as a name and a number, a heading per contest, a row per candidate (a space in a name, a full-width digit).</summary>
    private static string[][] ReportLayout() =>
    [
        ["示例村第十二届村民委员会选举 计票结果", "", "", ""],
        ["发出选票", "700", "", ""],
        ["收回选票", "698张", "", ""],
        ["职位：主任", "", "", ""],
        ["姓名", "赞成", "不赞成", "弃权"],
        ["王建华", "312", "120", ""],
        ["委员", "", "", ""],
        ["姓名", "赞成", "不赞成", "弃权"],
        ["李 红梅", "４", "", ""],
    ];

    [Fact]
    public void A_csv_saved_by_excel_on_chinese_windows_gb18030_with_a_title_row_and_full_width_digits_is_read()
    {
        var path = Path.Combine(_folder, "手工计票.csv");
        var text = "示例村 手工计票（计票人：李四）\r\n" + HandTally.ToCsv(s_lines, _definition).Replace("312", "３１２", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, System.Text.Encoding.GetEncoding("GB18030").GetBytes(text));
        Assert.Equal(s_lines, HandTally.Load(path, _definition));
    }

    [Fact]
    public void A_workbook_with_the_tally_on_its_second_sheet_is_read_from_that_sheet()
    {
        var path = Path.Combine(_folder, "计票.xlsx");
        var lines = HandTally.ToCsv(s_lines, _definition).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToArray();
        TestWorkbook.Write(path, ("说明", [["本表由计票人填写"], ["日期", "2026-12-13"]]), ("唱票结果", lines));
        Assert.Equal(s_lines, HandTally.Load(path, _definition));
        Assert.Equal(s_lines, HandTally.Load(path, _definition, sheet: "唱票结果"));
        Assert.Throws<HandTallyException>(() => HandTally.Load(path, _definition, sheet: "说明"));
    }

    [Fact]
    public void The_report_form_layout_is_read_in_a_workbook_and_as_csv()
    {
        var xlsx = Path.Combine(_folder, "报告单.xlsx");
        var layout = ReportLayout();
        TestWorkbook.Write(xlsx, ("报告单", layout));
        var read = HandTally.Load(xlsx, _definition);
        Assert.Contains(new TallyLine(LineKind.Issued, null, null, 700), read);
        Assert.Contains(new TallyLine(LineKind.Returned, null, null, 698), read);
        Assert.Contains(new TallyLine(LineKind.Approve, "director", "王建华", 312), read);
        Assert.Contains(new TallyLine(LineKind.Disapprove, "director", "王建华", 120), read);
        Assert.Contains(new TallyLine(LineKind.Approve, "member", "李红梅", 4), read);
        Assert.Equal(5, read.Count);

        var csv = Path.Combine(_folder, "报告单.csv");
        File.WriteAllText(csv, string.Join("\n", layout.Select(r => string.Join(',', r))));
        Assert.Equal(read, HandTally.Load(csv, _definition));
    }

    [Theory]
    [InlineData("姓名,电话\n张三,13800000000\n")]
    [InlineData("项目,职位,姓名,票数\n")]
    [InlineData("")]
    public void A_file_in_which_no_line_of_the_report_is_found_is_an_error_never_an_agreement(string text)
    {
        var path = Path.Combine(_folder, "other.csv");
        File.WriteAllText(path, text);
        var e = Assert.Throws<HandTallyException>(() => HandTally.Load(path, _definition));
        Assert.Contains(e.Problem.Code, (FileProblemCode[])[FileProblemCode.NoLines, FileProblemCode.NoNumbers]);
    }

    [Theory]
    [InlineData("赞成,村长,王建华,3", FileProblemCode.NotAContest, "村长")]
    [InlineData("赞成,主任,钱六,3", FileProblemCode.NotACandidate, "钱六")]
    [InlineData("赞同,主任,王建华,3", FileProblemCode.NotALine, "赞同")]
    [InlineData("赞成,主任,王建华,三", FileProblemCode.BadCount, "三")]
    public void A_mistake_in_the_file_is_named_with_its_row(string row, FileProblemCode code, string written)
    {
        var e = Assert.Throws<HandTallyException>(() => HandTally.ParseCsv("项目,职位,姓名,票数\n" + row + "\n", _definition));
        Assert.Equal((code, "2"), (e.Problem.Code, e.Problem["row"]));
        Assert.Equal(written, e.Problem[code == FileProblemCode.NotACandidate ? "name" : "text"]);
    }

    [Fact]
    public void A_line_given_twice_is_refused()
    {
        var e = Assert.Throws<HandTallyException>(() => HandTally.ParseCsv("项目,职位,姓名,票数\n发出选票,,,1\n发出选票,,,2\n", _definition));
        Assert.Equal((FileProblemCode.LineTwice, "3"), (e.Problem.Code, e.Problem["row"]));
    }

    [Fact]
    public void A_candidate_with_more_approve_disapprove_and_abstain_than_ballots_returned_is_named()
    {
        var lines = new List<TallyLine>
        {
            new(LineKind.Returned, null, null, 700),
            new(LineKind.Approve, "director", "王建华", 400), new(LineKind.Disapprove, "director", "王建华", 200), new(LineKind.Abstain, "director", "王建华", 98),
            new(LineKind.Approve, "director", "孙立平", 300), new(LineKind.Disapprove, "director", "孙立平", 300), new(LineKind.Abstain, "director", "孙立平", 96),
        };
        Assert.Empty(HandTally.Inconsistencies(lines, _definition));
        lines[1] = lines[1] with { Count = 403 };
        var problem = Assert.Single(HandTally.Inconsistencies(lines, _definition));
        Assert.Equal((FileProblemCode.MoreThanBallots, "王建华", "701", "returned", "700"), (problem.Code, problem["name"], problem["sum"], problem["figure"], problem["count"]));
    }

    [Fact]
    public void With_the_candidates_无效_entered_every_candidate_of_a_contest_must_add_up_to_the_same_ballots()
    {
        var csv = """
            项目,职位,姓名,票数
            收回选票,,,700
            有效票,,,690
            赞成,主任,王建华,400
            不赞成,主任,王建华,200
            弃权,主任,王建华,80
            无效,主任,王建华,10
            赞成,主任,孙立平,300
            不赞成,主任,孙立平,300
            弃权,主任,孙立平,85
            无效,主任,孙立平,5
            """;
        var lines = HandTally.ParseCsv(csv, _definition);
        Assert.Contains(new TallyLine(LineKind.CandidateVoid, "director", "王建华", 10), lines);
        Assert.Empty(HandTally.Inconsistencies(lines, _definition));

        // One 弃权 miscounted by five: the two candidates no longer add up to the same ballots.
        var wrong = HandTally.ParseCsv(csv.Replace("弃权,主任,孙立平,85", "弃权,主任,孙立平,80", StringComparison.Ordinal), _definition);
        var problem = Assert.Single(HandTally.Inconsistencies(wrong, _definition));
        Assert.Equal((FileProblemCode.SumsDiffer, "主任", "王建华 690,孙立平 685"), (problem.Code, problem["contest"], problem["sums"]));

        // More than the valid ballots.
        var over = HandTally.ParseCsv(csv.Replace("无效,主任,王建华,10", "无效,主任,王建华,15", StringComparison.Ordinal), _definition);
        Assert.Contains(HandTally.Inconsistencies(over, _definition), p => p.Code == FileProblemCode.MoreThanBallots && p["figure"] == "valid" && p["count"] == "690");
    }

    [Fact]
    public void A_无效_line_with_no_contest_is_the_void_ballots_figure()
    {
        var lines = HandTally.ParseCsv("项目,职位,姓名,票数\n无效,,,8\n", _definition);
        Assert.Equal([new TallyLine(LineKind.Void, null, null, 8)], lines);
    }

    [Fact]
    public void The_blank_form_carries_every_figure_the_report_compares()
    {
        var tally = Tallying.Tally(_definition, [], new MeetingFigures(), adjudicated: true);
        var template = HandTally.Template(tally, _definition);
        foreach (var figure in new[] { "应到人数", "实到人数", "发出选票", "收回选票", "有效票", "无效票" })
        {
            Assert.Contains($"\n{figure},,,\n", template, StringComparison.Ordinal);
        }

        Assert.Contains("\n无效,主任,王建华,\n", template, StringComparison.Ordinal); // each candidate's 无效, for the full check
    }
}
