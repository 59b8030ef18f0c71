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

    [Fact]
    public void A_residents_committee_report_cites_its_own_law_names_its_figures_as_its_rules_do_and_keeps_its_signatures_with_the_seal()
    {
        // Issue 20: the forms as offices know them.
        var f = new CountingFixture(ElectionType.ResidentsCommittee, new RuleSettings { Preset = RulePresets.ResidentsCommittee },
            CountingFixture.Contest("director", 1, 1, "张一", "王二")).With(d => d with { Order = CandidateOrder.SurnameStrokes });
        var sheets = Enumerable.Range(0, 60).Select(i => f.Ballot(("张一", i < 40 ? Circle : Cross), ("王二", i % 3 == 0 ? Circle : Blank))).ToList();
        var tally = f.Count(sheets, new MeetingFigures { Issued = 60, Returned = 60, Voted = 60 }).Adjudicated;

        var text = PdfText(ResultReportPdf.Write(f.Definition, tally, "测试脚注", new string('a', 64)));

        Assert.DoesNotContain("村民委员会组织法", text, StringComparison.Ordinal);
        Assert.Matches(@"登记选民\s+100", text); // from the definition: the meeting's figures do not give it
        Assert.Contains("居民选举委员会（盖章）", text, StringComparison.Ordinal);
        Assert.Contains("主持人（签名）", text, StringComparison.Ordinal);
        Assert.Contains("无效：该职位在这张选票上无效", text, StringComparison.Ordinal);
        // Candidates as on the ballot (姓氏笔画: 王 has 4 strokes, 张 7), though the definition lists 张一 first.
        Assert.True(text.IndexOf("王二", StringComparison.Ordinal) < text.IndexOf("张一", StringComparison.Ordinal), "candidates not in ballot order");
        // The whole signature block on one page (pdftotext separates pages by a form feed).
        var page = text.Split('\f').Single(p => p.Contains("计票人（签名）", StringComparison.Ordinal));
        Assert.Contains("总监票人（签名）", page, StringComparison.Ordinal);
        Assert.Contains("日期：", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_of_a_further_election_lists_who_each_round_elected_and_by_which_rule()
    {
        // The first round: 张一 wins the member's seat; nobody has a majority for director (王二 3 of 7, 李三 2).
        var f = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
            CountingFixture.Contest("director", 1, 0, "王二", "李三", "赵四"), CountingFixture.Contest("member", 1, 0, "张一", "孙五"));
        var first = f.Count([.. Enumerable.Range(0, 7).Select(i => f.Ballot(("王二", i < 3 ? Circle : Blank), ("李三", i is 3 or 4 ? Circle : Blank), ("张一", Circle)))],
            new MeetingFigures { Due = 7, Issued = 7, Returned = 7 }).Adjudicated;
        var (next, problems) = SupplementaryRound.From(f.Definition, first);
        Assert.True(next is not null, string.Join("; ", problems));

        // The 另行选举: 王二 with 3 of 6 ballots, a third or more.
        var r2 = new CountingFixture(next.Definition);
        var second = r2.Count([.. Enumerable.Range(0, 6).Select(i => r2.Ballot(("王二", i < 3 ? Circle : Blank), ("李三", i == 3 ? Circle : Blank)))],
            new MeetingFigures { Due = 7, Issued = 6, Returned = 6 }).Adjudicated;
        var earlier = ElectionRounds.Of(f.Definition, first, new string('a', 64));
        var (rounds, none) = ElectionRounds.Together(ElectionRounds.Of(next.Definition, second, null), [earlier]);
        Assert.Empty(none);

        var text = PdfText(ResultReportPdf.Write(next.Definition, second, string.Empty, rounds: rounds));

        Assert.Contains("各轮当选情况", text, StringComparison.Ordinal);
        Assert.Matches(@"第一轮\s+member\s+张一\s+\S*\s*7", text);
        Assert.Matches(@"另行选举（第 2 轮）\s+director\s+王二\s+\S*\s*3", text);
        Assert.Contains("不得少于投票数 6 的1/3", text, StringComparison.Ordinal); // the second round's rule
        Assert.Contains("director 应选 1 名，当选 0 名", text, StringComparison.Ordinal); // the first round left the seat empty

        // A count of another election, or of a later round, is not listed among this one's rounds.
        var other = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational }, CountingFixture.Contest("director", 1, 0, "王二"))
            .With(d => d with { Id = "another-village" });
        var otherRound = ElectionRounds.Of(other.Definition, other.Count([other.Ballot(("王二", Circle))]).Adjudicated, null);
        Assert.Equal([RoundsProblemCode.AnotherElection], ElectionRounds.Problems(next.Definition, [otherRound]).Select(p => p.Code));
        Assert.Equal([RoundsProblemCode.NotAnEarlierRound], ElectionRounds.Problems(f.Definition, [ElectionRounds.Of(next.Definition, second, null)]).Select(p => p.Code));
        Assert.Equal([RoundsProblemCode.SameRoundTwice], ElectionRounds.Problems(next.Definition, [earlier, earlier]).Select(p => p.Code));
    }

    [Fact]
    public void The_report_is_the_offices_form_every_figure_said_the_elected_listed_who_stands_next_and_no_english_on_paper()
    {
        // 12 registered; the meeting gave 发出 8 only: 收回 and 参加投票 are taken from the ballots found, and the report says so.
        var f = new CountingFixture(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
            CountingFixture.Contest("director", 1, 0, "张一", "王二", "赵三"), CountingFixture.Contest("member", 1, 0, "李四", "孙五"));
        var sheets = Enumerable.Range(0, 7).Select(i => f.Ballot(("张一", i < 3 ? Circle : Blank), ("王二", i is 3 or 4 ? Circle : Blank), ("李四", Circle))).ToList();
        var tally = f.Count(sheets, new MeetingFigures { Due = 12, Issued = 8 }).Adjudicated;

        var text = PdfText(ResultReportPdf.Write(f.Definition, tally, "测试脚注", new string('b', 64), batches: "分批：第1票箱 7 张（计入 7，废票 0）。"));

        Assert.Matches(@"参加投票\s+7※", text);
        Assert.Matches(@"收回选票\s+7※", text);
        Assert.Contains("未录入参加投票人数，按收回选票 7 张计", text, StringComparison.Ordinal);
        Assert.Contains("参选率：参加投票 7 ÷ 登记选民 12 = 58.3%", text, StringComparison.Ordinal);
        Assert.Contains("分批：第1票箱 7 张", text, StringComparison.Ordinal);
        Assert.Contains("当选人名单", text, StringComparison.Ordinal);
        Assert.Matches(@"member\s+李四\s+\S*\s*7", text);
        // director left empty: the 另行选举 says who stands, most votes first.
        Assert.Contains("director：应选 1 名，候选人 张一（3 票）、王二（2 票）", text, StringComparison.Ordinal);
        foreach (var line in new[] { "唱票人（签名）", "计票人（签名）", "监票人（签名）", "总监票人（签名）", "主持人（签名）" })
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }

        Assert.Contains("档案校验码：" + new string('b', 64), text, StringComparison.Ordinal);
        // No English word on paper but the program's name and version, the contests' own ids of this fixture and the root.
        var words = System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z]{2,}").Select(m => m.Value).Distinct()
            .Except(["BallotScan", "director", "member", new string('b', 64)]).Where(w => !ResultReportPdf.SoftwareVersion.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.Empty(words);
    }

    [Fact]
    public void While_a_figure_the_rules_need_is_unchecked_those_who_would_be_elected_are_pending_not_elected()
    {
        // A party meeting whose 实到人数 was not entered: the quorum is unchecked, so nobody is yet 当选.
        var f = new CountingFixture(ElectionType.PartyCommittee, new RuleSettings { Preset = RulePresets.PartyCommittee2020 }, CountingFixture.Contest("committee", 1, 0, "张一", "王二"));
        var tally = f.Count([.. Enumerable.Range(0, 80).Select(i => f.Ballot(("张一", Circle)))], new MeetingFigures { Due = 100, Issued = 80, Returned = 80 }).Adjudicated;
        Assert.Contains(tally.Validity, v => v.Passed is null);

        var text = PdfText(ResultReportPdf.Write(f.Definition, tally, string.Empty));

        Assert.Contains("当选待定：到会人数尚未核对", text, StringComparison.Ordinal);
        Assert.Contains("当选人名单（待定）", text, StringComparison.Ordinal);
        Assert.Matches(@"张一\s+80\s+0\s+0\s+0\s+待定", text);
        Assert.DoesNotMatch(@"[0-9][ \t]+当选", text); // no candidate line says 当选
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
