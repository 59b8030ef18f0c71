using BallotScan.Engine.Counting;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>Why a sheet stands as it does: a code and values, kept in the cast-vote record as one line that reads back the same.</summary>
public sealed class SheetStandingTests
{
    public static TheoryData<SheetStanding> Standings => new()
    {
        SheetStanding.ByScrutineers(StandingReason.VoidByScrutineers, "s1", "两张选票粘在一起: 见原件"),
        SheetStanding.ByScrutineers(StandingReason.NotCountedByScrutineers, "s2", "不是选票"),
        new SheetStanding(StandingReason.SameImageFile),
        SheetStanding.OtherElection("party-2026"),
        new SheetStanding(StandingReason.NotThisElection),
        new SheetStanding(StandingReason.Unplaced),
        new SheetStanding(StandingReason.Waiting),
        SheetStanding.OverVote(["director", "member"]),
    };

    [Theory]
    [MemberData(nameof(Standings))]
    public void Each_standing_reads_back_as_it_was_written(SheetStanding standing)
    {
        var back = SheetStanding.Parse(standing.Format());
        Assert.Equal(standing.Reason, back.Reason);
        Assert.Equal((standing.Scrutineer, standing.Why, standing.OtherElectionId), (back.Scrutineer, back.Why, back.OtherElectionId));
        Assert.Equal(standing.Contests, back.Contests);
    }

    [Fact]
    public void A_scrutineers_reason_with_colons_keeps_them_and_their_name_apart()
    {
        var standing = SheetStanding.Parse("void by the scrutineers (s1: 字迹: 无法辨认)");
        Assert.Equal(("s1", "字迹: 无法辨认"), (standing.Scrutineer, standing.Why));
    }

    /// <summary>
    /// The lines the records of earlier counts hold (an archive is re-counted and its records compared months later): each
    /// is read as its code, and written again the same.
    /// </summary>
    [Theory]
    [InlineData("void by the scrutineers (s1: 字迹无法辨认)", StandingReason.VoidByScrutineers)]
    [InlineData("not counted by the scrutineers (s2: 样票)", StandingReason.NotCountedByScrutineers)]
    [InlineData("the same image file was read before: counted once", StandingReason.SameImageFile)]
    [InlineData("a ballot of another election (example-party-2026)", StandingReason.OtherElection)]
    [InlineData("not a ballot of this election", StandingReason.NotThisElection)]
    [InlineData("the machine could not read this sheet: the scrutineers decide (void, not a ballot, or count it box by box)", StandingReason.Unplaced)]
    [InlineData("waits for the scrutineers", StandingReason.Waiting)]
    [InlineData("more approved than seats in director: the whole ballot is void (废票)", StandingReason.OverVoteVoidsBallot)]
    public void The_lines_of_earlier_records_read_as_their_codes(string line, StandingReason reason)
    {
        var standing = SheetStanding.Parse(line);
        Assert.Equal(reason, standing.Reason);
        Assert.Equal(line, standing.Format());
    }

    [Fact]
    public void A_line_this_software_does_not_write_is_kept_whole()
    {
        var standing = SheetStanding.Parse("void for a reason of its own");
        Assert.Equal(StandingReason.Unknown, standing.Reason);
        Assert.Equal("void for a reason of its own", standing.Format());
    }
}
