using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Tests.Elections;

public class RuleProfileTests
{
    [Fact]
    public void Party_2020_counts_quorum_as_at_least_four_fifths_and_majority_of_those_due()
    {
        var p = RulePresets.PartyCommittee2020Profile;
        Assert.Equal((new Fraction(4, 5), QuorumComparison.AtLeast, MajorityBase.DueToAttend), (p.Quorum, p.QuorumComparison, p.MajorityBase));
    }

    [Fact]
    public void Party_1990_counts_quorum_as_more_than_four_fifths_and_majority_of_those_present()
    {
        var p = RulePresets.PartyCommittee1990Profile;
        Assert.Equal((new Fraction(4, 5), QuorumComparison.MoreThan, MajorityBase.Present), (p.Quorum, p.QuorumComparison, p.MajorityBase));
    }

    [Fact]
    public void Villagers_baseline_needs_turnout_majority_and_uses_one_third_in_a_supplementary_round()
    {
        var p = RulePresets.VillagersCommitteeNationalProfile;
        Assert.True(p.RequireTurnoutMajority);
        Assert.Equal(MajorityBase.Voted, p.MajorityBase);
        Assert.Equal(new Fraction(1, 3), p.SupplementaryRoundMinimum);
        Assert.False(p.SerialNumbers);
    }

    [Fact]
    public void A_definition_setting_overrides_its_preset_and_nothing_else()
    {
        var d = ElectionJson.Parse(File.ReadAllText(RepositoryFiles.VillagersExample).Replace(
            "\"preset\": \"villagers-committee-national\"", "\"preset\": \"villagers-committee-national\", \"checkMark\": \"approve\", \"quorum\": \"2/3\"", StringComparison.Ordinal));
        var expected = RulePresets.VillagersCommitteeNationalProfile with { CheckMark = CheckMarkMeaning.Approve, Quorum = new Fraction(2, 3) };
        Assert.Equal(expected, d.RuleProfile);
    }

    [Theory]
    [InlineData(50, 100, false)] // exactly half is not more than half
    [InlineData(51, 100, true)]
    [InlineData(26, 51, true)]
    [InlineData(25, 51, false)]
    public void More_than_half_is_decided_exactly(int count, int total, bool exceeds) =>
        Assert.Equal(exceeds, Fraction.Half.IsExceededBy(count, total));
}
