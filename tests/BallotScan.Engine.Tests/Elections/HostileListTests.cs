using BallotScan.Engine.Elections;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Spreadsheets;

namespace BallotScan.Engine.Tests.Elections;

/// <summary>
/// Issue 36: office files that are not what they claim — a small workbook that inflates to a gigabyte, an .xlsx that is not
/// a zip, a table far larger than any list — are refused with a problem that has words, in bounded memory.
/// </summary>
public sealed class HostileListTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hostile-list-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ElectionFacts Facts => new() { Title = "测试", Township = "某镇", Village = "某村", Date = new DateOnly(2026, 12, 13), Electorate = 100 };

    [Fact]
    public void A_workbook_that_inflates_to_a_gigabyte_is_refused_before_it_is_inflated()
    {
        var path = Path.Combine(_folder, "候选人.xlsx");
        Lab.Synthesis.HostileFiles.InflatingWorkbook(path, 1L << 30);
        Assert.InRange(new FileInfo(path).Length, 1, 4 * 1024 * 1024);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refused = Assert.Throws<ElectionDefinitionException>(() => CandidateList.Read(path, Facts));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DefinitionProblemCode.ListTooLarge, Assert.Single(refused.Problems).Code);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated / (1024 * 1024)} MB allocated");
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("PK\u0003\u0004 a zip cut short")]
    public void An_xlsx_that_is_not_a_workbook_is_named_so(string content)
    {
        var path = Path.Combine(_folder, "名单.xlsx");
        File.WriteAllText(path, content);
        var refused = Assert.Throws<ElectionDefinitionException>(() => CandidateList.Read(path, Facts));
        Assert.Equal(DefinitionProblemCode.UnreadableList, Assert.Single(refused.Problems).Code);
        var asTable = Assert.Throws<FileProblemException>(() => SpreadsheetFiles.Read(path));
        Assert.Equal(FileProblemCode.UnreadableWorkbook, asTable.Problem.Code);
    }

    [Fact]
    public void A_table_larger_than_any_list_is_not_read()
    {
        var path = Path.Combine(_folder, "tally.csv");
        using (var file = File.Create(path))
        {
            file.SetLength(SpreadsheetFiles.MaxFileBytes + 1);
        }

        Assert.Equal(FileProblemCode.TableTooLarge, Assert.Throws<FileProblemException>(() => SpreadsheetFiles.Read(path)).Problem.Code);
    }
}
