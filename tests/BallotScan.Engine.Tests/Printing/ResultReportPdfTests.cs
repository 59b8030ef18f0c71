using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Platform;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Tests.Counting;
using static BallotScan.Engine.Recognition.MarkSymbol;

namespace BallotScan.Engine.Tests.Printing;

/// <summary>The result report (选举结果报告单) says, in Chinese text a reader can find, what the tally says.</summary>
public class ResultReportPdfTests
{
    [Fact]
    public void The_report_carries_the_figures_every_candidates_line_who_is_elected_and_the_signature_lines()
    {
        var f = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
            CountingFixture.Contest("director", 1, 1, "张一", "王二"));
        var sheets = Enumerable.Range(0, 7).Select(i => f.Ballot(("张一", i < 4 ? Circle : Cross), ("王二", i is 4 or 5 ? Circle : Blank))).ToList();
        var tally = f.Count(sheets, new MeetingFigures { Due = 12, Issued = 8, Returned = 7 }).Adjudicated;

        var text = PdfText(ResultReportPdf.Write(f.Definition, tally, "测试脚注"));

        Assert.Contains("选举结果报告单", text, StringComparison.Ordinal);
        Assert.Contains("规则测试选举", text, StringComparison.Ordinal);
        Assert.Matches(@"张一\s+4\s+3\s+0\s+0\s+当选", text); // 赞成 4, 不赞成 3, 弃权 0, 无效 0, elected
        Assert.Matches(@"王二\s+2\s+0\s+5\s+0", text);
        Assert.Contains("计票人（签名）", text, StringComparison.Ordinal);
        Assert.Contains("监票人（签名）", text, StringComparison.Ordinal);
        Assert.Contains("测试脚注", text, StringComparison.Ordinal);
        Assert.DoesNotContain("临时结果", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provisional_count_says_so_on_the_report()
    {
        var f = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
            CountingFixture.Contest("director", 1, 0, "张一", "王二"));
        var tally = f.Count([f.Ballot(new Dictionary<string, MarkSymbol> { ["张一"] = Circle }, "张一")]).Adjudicated;
        Assert.Contains("临时结果", PdfText(ResultReportPdf.Write(f.Definition, tally, string.Empty)), StringComparison.Ordinal);
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, pdf);
            return DebianTool.Run("pdftotext", "poppler-utils", "-layout", path, "-").Output;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
