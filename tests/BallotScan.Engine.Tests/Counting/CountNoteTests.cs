using System.Text.RegularExpressions;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>The count's notes and validity findings are codes with values, said in Chinese (the report's language); the edges translate them.</summary>
public sealed partial class CountNoteTests
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>A note of each code, with values a note may carry: names in Chinese (data) and figures.</summary>
    public static CountNote[] Samples { get; } =
    [
        CountNote.ReturnedNotChecked(ReturnedLimit.Issued),
        CountNote.Returned(within: true, 40, ReturnedLimit.Voted, 42),
        CountNote.Returned(within: false, 43, ReturnedLimit.Issued, 42),
        CountNote.QuorumNotChecked(),
        CountNote.Quorum(met: true, 30, 40, new Fraction(2, 3), QuorumComparison.AtLeast),
        CountNote.Quorum(met: false, 20, 40, new Fraction(2, 3), QuorumComparison.MoreThan),
        CountNote.TurnoutNotChecked(),
        CountNote.Turnout(met: true, 800, 1260, ElectionType.VillagersCommittee),
        CountNote.Turnout(met: false, 600, 1260, ElectionType.ResidentsCommittee),
        CountNote.Pending(9),
        CountNote.TiedAtLastSeat("委员", ["李红梅", "吴德明"]),
        CountNote.SeatsLeft("委员", 1),
        CountNote.InvariantBroken(),
        CountNote.WomenElected(["马晓燕"]),
        CountNote.NoWomanElected(),
        CountNote.WomenSeatNobodyElected(),
        CountNote.WomenSeatHeld("委员", "赵四"),
    ];

    /// <summary>Each code is said in Chinese with its values; the words are a composite format and its values (the edges translate the format by its Chinese).</summary>
    [Fact]
    public void Every_code_is_said_in_chinese_with_its_values()
    {
        Assert.Equal(Enum.GetValues<CountNoteCode>().Order(), Samples.Select(n => n.Code).Order());
        foreach (var note in Samples)
        {
            var chinese = CountNoteText.Chinese(note);
            Assert.NotEqual(note.Code.ToString(), chinese);
            Assert.Matches(Han(), chinese);
            Assert.Equal(chinese, CountNoteText.Said(note).ToString());
            Assert.All(note.Values.Where(v => int.TryParse(v, out _) || Han().IsMatch(v)), v => Assert.Contains(v.Replace(",", "、", StringComparison.Ordinal), chinese, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_limit_a_comparison_and_a_law_are_named_by_the_rules_in_force()
    {
        Assert.Equal("收回选票 43 张，多于发出选票 42：选举无效，应重新进行投票。", CountNoteText.Chinese(CountNote.Returned(within: false, 43, ReturnedLimit.Issued, 42)));
        Assert.Contains("多于投票人数 42", CountNoteText.Chinese(CountNote.Returned(within: false, 43, ReturnedLimit.Voted, 42)), StringComparison.Ordinal);
        Assert.Contains("（超过）", CountNoteText.Chinese(CountNote.Quorum(met: true, 30, 40, new Fraction(2, 3), QuorumComparison.MoreThan)), StringComparison.Ordinal);
        Assert.Contains("城市居民委员会组织法第八条", CountNoteText.Chinese(CountNote.Turnout(met: true, 800, 1260, ElectionType.ResidentsCommittee)), StringComparison.Ordinal);
        Assert.Contains("村民委员会组织法第十五条", CountNoteText.Chinese(CountNote.Turnout(met: false, 600, 1260, ElectionType.VillagersCommittee)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_kept_by_an_earlier_version_reads_by_name()
    {
        // The form result.json has kept since the first version: the code and its values in order.
        var seats = new CountNote(CountNoteCode.SeatsLeft, ["主任", "1"]);
        Assert.Equal(seats, CountNote.SeatsLeft("主任", 1));
        Assert.Equal(("主任", 1), (seats.Fields.Contest, seats.Fields.Figure));
        var quorum = new CountNote(CountNoteCode.QuorumMet, ["30", "40", "2/3", "MoreThan"]);
        Assert.Equal((30, 40, "2/3", QuorumComparison.MoreThan), (quorum.Fields.Figure, quorum.Fields.Against, quorum.Fields.Share, quorum.Fields.Comparison));
    }
}
