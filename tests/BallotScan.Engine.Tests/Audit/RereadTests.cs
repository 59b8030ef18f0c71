using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Tests.Counting;
using static BallotScan.Engine.Recognition.MarkSymbol;

namespace BallotScan.Engine.Tests.Audit;

/// <summary>Re-reading an archive lists what today's reader reads differently, box by box.</summary>
public class RereadTests
{
    private readonly CountingFixture _f = new(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
        CountingFixture.Contest("director", 1, 0, "张一", "王二"));

    [Fact]
    public void The_same_reading_has_no_changes()
    {
        var sheet = _f.Ballot(("张一", Circle));
        Assert.Empty(Reread.Compare(sheet, sheet));
    }

    [Fact]
    public void A_box_read_otherwise_or_no_longer_confidently_is_listed()
    {
        var counted = _f.Ballot(("张一", Circle), ("王二", Cross));
        var today = _f.Ballot(new Dictionary<string, MarkSymbol> { ["张一"] = Circle, ["王二"] = Check }, "张一");
        var changes = Reread.Compare(counted, today);
        Assert.Equal([_f.BoxOf("张一"), _f.BoxOf("王二")], changes.Select(c => c.Box).Order(StringComparer.Ordinal));
        Assert.Contains(changes, c => c.Counted.StartsWith("Cross confident", StringComparison.Ordinal) && c.Today.StartsWith("Check", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sheet_no_longer_placed_is_listed()
    {
        var counted = _f.Ballot(("张一", Circle));
        var today = counted with { Accepted = false, Positions = [], SheetReasons = [ReviewReason.Unlocatable] };
        Assert.Contains(Reread.Compare(counted, today), c => c.Box == "sheet" && c.Today.StartsWith("not placed", StringComparison.Ordinal));
    }
}
