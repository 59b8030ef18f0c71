using BallotScan.Engine.Audit;

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
        var e = Assert.Throws<FormatException>(() => SpotCheck.Parse(SpotCheck.Header + "\n1,aaa,a.jpg,maybe,\n"));
        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
    }
}
