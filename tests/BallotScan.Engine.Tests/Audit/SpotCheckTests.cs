using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Problems;

namespace BallotScan.Engine.Tests.Audit;

/// <summary>The auditor's record: written blank in draw order, read back with each finding.</summary>
public class SpotCheckTests
{
    [Fact]
    public void A_blank_record_filled_in_reads_back_with_every_finding_and_note()
    {
        var blank = SpotCheck.Blank([("aaa", "000001.jpg"), ("bbb", "000002.jpg"), ("ccc", "000003.jpg")]);
        var lines = blank.Split('\n');
        Assert.Equal(SpotCheck.Header, lines[0]);
        var filled = string.Join('\n', lines[0], lines[1][..^3] + ",agree,,", lines[2][..^3] + ",不一致,\"李三: ○ on the paper, × counted\",member/1=×", lines[3]);

        var entries = SpotCheck.Parse(filled);

        Assert.Equal([SpotCheckFinding.Agree, SpotCheckFinding.Disagree, SpotCheckFinding.Open], entries.Select(e => e.Finding));
        Assert.Equal(["aaa", "bbb", "ccc"], entries.Select(e => e.Sheet));
        Assert.Equal("李三: ○ on the paper, × counted", entries[1].Note);
        Assert.Equal("member/1=×", entries[1].AuditedMarks);
    }

    [Fact]
    public void A_finding_that_is_neither_agree_nor_disagree_is_refused_with_its_row()
    {
        var e = Assert.Throws<SpotCheckException>(() => SpotCheck.Parse(SpotCheck.Header + "\n1,aaa,a.jpg,maybe,\n"));
        Assert.Equal((FileProblemCode.NotAFinding, "2", "maybe"), (e.Problem.Code, e.Problem["row"], e.Problem["text"]));
    }

    [Fact]
    public void The_auditor_names_boxes_by_contest_and_candidate_as_the_ballot_prints_them()
    {
        var layout = Layout.LayoutTests.Villagers();
        var entry = new SpotCheckEntry(3, "sheet", "a.jpg", SpotCheckFinding.Disagree, string.Empty, "委员 李红梅=×；主任王建华=○；委员 另选1=钱六○；member/2=空");

        var decisions = SpotCheck.AuditedDecisions(entry, layout, "审计员");

        var byBox = layout.AllBoxes.ToDictionary(b => b.Id);
        Assert.Equal([("委员", "李红梅", MarkSymbol.Cross), ("主任", "王建华", MarkSymbol.Circle)],
            decisions.Take(2).Select(d => (layout.Contests.Single(c => c.Id == byBox[d.BoxId!].ContestId).Title, byBox[d.BoxId!].CandidateName, d.Symbol!.Value)));
        Assert.Equal((AdjudicationKind.WriteIn, "member/w1", "钱六", MarkSymbol.Circle), (decisions[2].Kind, decisions[2].BoxId, decisions[2].WriteInName, decisions[2].Symbol!.Value));
        Assert.Equal(("member/2", MarkSymbol.Blank), (decisions[3].BoxId, decisions[3].Symbol!.Value)); // an id still works
        var e = Assert.Throws<SpotCheckException>(() => SpotCheck.AuditedDecisions(entry with { AuditedMarks = "委员 李四=×" }, layout, "审计员"));
        Assert.Equal((FileProblemCode.NoSuchBox, "3", "委员 李四=×"), (e.Problem.Code, e.Problem["order"], e.Problem["pair"]));
    }
}
