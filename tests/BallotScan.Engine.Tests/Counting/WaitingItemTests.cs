using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>What a sheet waits for: written in the record's text (the form archives hold) and read back as codes.</summary>
public class WaitingItemTests
{
    [Theory]
    [InlineData("member/w1: write-in name to read")]
    [InlineData("member/3: StrayMark, MarginalMark")]
    [InlineData("director/1: UnrecognisedSymbol; write-in name to read")]
    [InlineData("deputy/2: not read")]
    [InlineData("sheet: PossibleRescan")]
    public void The_record_s_text_reads_back_as_codes_and_writes_the_same_text(string text)
    {
        Assert.Equal(text, WaitingItem.Parse(text).Format());
    }

    [Fact]
    public void Each_need_comes_back_with_its_box_and_reasons()
    {
        var item = WaitingItem.Parse("director/1: UnrecognisedSymbol, StrayMark; write-in name to read");
        Assert.Equal("director/1", item.BoxId);
        Assert.Equal([WaitingNeed.Reasons, WaitingNeed.WriteInName], item.Needs.Select(n => n.Need));
        Assert.Equal([ReviewReason.UnrecognisedSymbol, ReviewReason.StrayMark], item.Needs[0].Reasons);

        var unplaced = WaitingItem.Parse("sheet: Too few codes could be read: 1 of 4.");
        Assert.Null(unplaced.BoxId);
        Assert.Equal(WaitingNeed.Unplaced, Assert.Single(unplaced.Needs).Need);
        Assert.Equal("Too few codes could be read: 1 of 4.", unplaced.Message);
    }
}
