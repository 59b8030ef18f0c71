using System.Text;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Tests.Reconciliation;

namespace BallotScan.Engine.Tests.Elections;

/// <summary>Issue 20: a definition made from the candidate list an office keeps, not typed as JSON.</summary>
public sealed class CandidateListTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("candidate-list-").FullName;
    private readonly ElectionDefinition _example = ElectionJson.Load(RepositoryFiles.VillagersExample);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ElectionFacts Facts => new()
    {
        Title = _example.Title, Township = _example.Place.Township, Village = _example.Place.Village, Date = _example.Date, Electorate = _example.Electorate.Registered!.Value,
    };

    /// <summary>The example's candidates as an office lists them: a title row, the columns in its own order, each post named once (merged cells).</summary>
    private string[][] Rows()
    {
        var rows = new List<string[]> { "示例村候选人名单,,,".Split(','), "姓名,性别,职位,应选人数".Split(',') };
        foreach (var contest in _example.Contests)
        {
            rows.AddRange(contest.Candidates.Select((c, i) => new[] { c.Name, c.Gender == Gender.Female ? "女" : "男", i == 0 ? contest.Title : string.Empty, i == 0 ? contest.Seats.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty }));
        }

        return [.. rows];
    }

    private void AssertSameContests(ElectionDefinition made)
    {
        Assert.Equal(_example.Contests.Select(c => (c.Id, c.Title, c.Seats, c.WriteIns, string.Join("、", c.Candidates.Select(x => $"{x.Name}{x.Gender}")))),
            made.Contests.Select(c => (c.Id, c.Title, c.Seats, c.WriteIns, string.Join("、", c.Candidates.Select(x => $"{x.Name}{x.Gender}")))));
        Assert.DoesNotContain(ElectionValidator.Validate(made), p => p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void A_definition_is_made_from_an_xlsx_candidate_list()
    {
        var path = Path.Combine(_folder, "候选人.xlsx");
        TestWorkbook.Write(path, ("名单", Rows()));
        AssertSameContests(CandidateList.Read(path, Facts));
    }

    [Fact]
    public void A_definition_is_made_from_a_gb18030_csv_and_reads_back_from_its_json()
    {
        var path = Path.Combine(_folder, "候选人.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n", Rows().Select(r => string.Join(',', r)))));
        var made = CandidateList.Read(path, Facts);
        AssertSameContests(made);
        AssertSameContests(ElectionJson.Parse(ElectionJson.Serialize(made)));
        Assert.Equal(RulePresets.DefaultFor(ElectionType.VillagersCommittee), made.Rules.Preset);
    }

    [Fact]
    public void Every_problem_of_the_list_is_said_at_once_with_its_row()
    {
        var rows = Rows();
        rows[2][3] = "三";          // seats that are no number
        rows[^1][2] = "委员";
        rows[^1][3] = "5";         // 委员 given two numbers of seats
        var path = Path.Combine(_folder, "名单.csv");
        File.WriteAllText(path, string.Join("\n", rows.Select(r => string.Join(',', r))));
        var problems = Assert.Throws<ElectionDefinitionException>(() => CandidateList.Read(path, Facts)).Problems;
        Assert.Contains(problems, p => p.Code == DefinitionProblemCode.BadNumber && p["row"] == "3" && p["text"] == "三");
        Assert.Contains(problems, p => p.Code == DefinitionProblemCode.SeatsDiffer);
    }

    /// <summary>The example's list with every facts column, in an office's own order, 职位 merged down its rows.</summary>
    private static string[][] FactRows() =>
    [
        ["示例村第十二届村民委员会候选人情况表", "", "", "", "", "", "", "", "", ""],
        ["序号", "职位", "应选人数", "姓名", "性别", "民族", "出生年月", "文化程度", "政治面貌", "连任/新任"],
        ["1", "主任", "1", "王建华", "男", "汉族", "1972.03", "高中", "中共党员", "连任"],
        ["2", "", "", "孙立平", "男", "汉", "1980年11月", "大专", "群众", "新任"],
        ["3", "副主任", "1", "刘玉兰", "女", "回族", "1985-06", "本科", "中共党员", "新任"],
        ["4", "", "", "何春生", "男", "汉族", "196809", "初中", "党员", "连任"],
        ["5", "委员", "3", "李红梅", "女", "汉族", "1990/2", "大专", "中共预备党员", "新任"],
        ["6", "", "", "张国庆", "男", "汉族", "1976-10-01", "中专", "群众", "连任"],
        ["7", "", "", "马晓燕", "女", "满族", "1993.7", "大学本科", "中共党员", "新任"],
        ["8", "", "", "吴德明", "男", "汉族", "1965.12", "小学", "群众", "连任"],
    ];

    private void AssertFactsCarried(ElectionDefinition made)
    {
        // The list's facts are the example's (written in JSON by hand), whatever way the cells wrote them.
        var expected = _example.Contests.SelectMany(c => c.Candidates).ToDictionary(c => c.Name);
        Assert.All(made.Contests.SelectMany(c => c.Candidates), c =>
        {
            var e = expected[c.Name];
            Assert.Equal((e.Gender, e.Born, e.Education, e.Political, e.Ethnicity, e.Tenure), (c.Gender, c.Born, c.Education, c.Political, c.Ethnicity, c.Tenure));
        });
        Assert.DoesNotContain(ElectionValidator.Validate(made), p => p.Severity == ProblemSeverity.Error);
        // Never printed: the ballot laid out from the list is the ballot of the names alone.
        var namesOnly = made with { Contests = [.. made.Contests.Select(c => c with { Candidates = [.. c.Candidates.Select(x => new Candidate { Name = x.Name, Gender = x.Gender })] })] };
        Assert.Equal(LayoutBuilder.Build(namesOnly, SurnameStrokeOrder.Debian).LayoutHash, LayoutBuilder.Build(made, SurnameStrokeOrder.Debian).LayoutHash);
        Assert.Contains("\"education\": \"seniorSecondary\"", ElectionJson.Serialize(made), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_facts_column_of_an_xlsx_list_is_carried_into_the_definition()
    {
        var path = Path.Combine(_folder, "候选人情况表.xlsx");
        TestWorkbook.Write(path, ("情况表", FactRows()));
        AssertFactsCarried(CandidateList.Read(path, Facts));
    }

    [Fact]
    public void Every_facts_column_of_a_gb18030_csv_list_is_carried_into_the_definition_and_its_json()
    {
        var path = Path.Combine(_folder, "候选人情况表.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n", FactRows().Select(r => string.Join(',', r)))));
        var made = CandidateList.Read(path, Facts);
        AssertFactsCarried(made);
        AssertFactsCarried(ElectionJson.Parse(ElectionJson.Serialize(made)));
    }

    [Fact]
    public void A_facts_cell_it_cannot_read_is_a_problem_at_its_row()
    {
        var rows = FactRows();
        rows[2][6] = "1972年13月";   // no such month
        rows[3][6] = "2031-01";      // born after the election day
        rows[4][7] = "幼儿园";        // no education level
        rows[5][8] = "党外";          // no political status
        rows[6][5] = "火星族";        // not one of the 56
        rows[7][9] = "也许";          // neither 连任 nor 新任
        rows[8][6] = "2010-05";      // 16 on the election day
        var path = Path.Combine(_folder, "情况表.csv");
        File.WriteAllText(path, string.Join("\n", rows.Select(r => string.Join(',', r))));
        var problems = Assert.Throws<ElectionDefinitionException>(() => CandidateList.Read(path, Facts)).Problems;
        Assert.Equal(
            [(DefinitionProblemCode.BadBirth, "3", "王建华"), (DefinitionProblemCode.BornAfterElection, "4", "孙立平"), (DefinitionProblemCode.UnknownEducation, "5", "刘玉兰"),
             (DefinitionProblemCode.UnknownPolitical, "6", "何春生"), (DefinitionProblemCode.UnknownEthnicity, "7", "李红梅"), (DefinitionProblemCode.UnknownTenure, "8", "张国庆"),
             (DefinitionProblemCode.TooYoung, "9", "马晓燕")],
            problems.Select(p => (p.Code, p["row"], p["name"])));
        Assert.Equal("1972年13月", problems[0]["text"]);
    }

    [Theory]
    [InlineData("1980-05", 1980, 5)]
    [InlineData("1980.5", 1980, 5)]
    [InlineData("1980/05", 1980, 5)]
    [InlineData("1980年5月", 1980, 5)]
    [InlineData("1980年5月12日", 1980, 5)]
    [InlineData("198005", 1980, 5)]
    [InlineData("19800512", 1980, 5)]
    [InlineData("１９８０．１２", 1980, 12)]
    [InlineData("1980-05-12", 1980, 5)]
    public void A_birth_month_is_read_as_lists_write_it(string text, int year, int month)
    {
        Assert.True(YearMonth.TryParse(text, out var born));
        Assert.Equal(new YearMonth(year, month), born);
    }

    [Theory]
    [InlineData("1980")]
    [InlineData("1980-13")]
    [InlineData("1980-02-30")]
    [InlineData("80.5")]
    [InlineData("1880-05")]
    [InlineData("五月")]
    public void What_is_no_birth_month_is_not_read_as_one(string text) => Assert.False(YearMonth.TryParse(text, out _));

    [Fact]
    public void An_age_is_counted_on_the_election_day_from_the_birth_month()
    {
        var day = new DateOnly(2026, 12, 13);
        Assert.Equal(54, new YearMonth(1972, 3).AgeOn(day));
        Assert.Equal(53, new YearMonth(1972, 12).AgeOn(day.AddDays(-13))); // born in December, counted from its first day
        Assert.Equal(54, new YearMonth(1972, 12).AgeOn(day));
        Assert.Equal(45, new Candidate { Name = "甲", Age = 45 }.AgeOn(day));
    }
}
