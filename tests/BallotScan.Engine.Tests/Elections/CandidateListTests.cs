using System.Text;
using BallotScan.Engine.Elections;
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
}
