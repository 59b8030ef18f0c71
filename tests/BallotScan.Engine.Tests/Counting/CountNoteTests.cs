using System.Text.RegularExpressions;
using BallotScan.Engine.Counting;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>The count's notes and validity findings are codes with values, said in Chinese (the report's language) or in English.</summary>
public sealed partial class CountNoteTests
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>Values a note of each code may carry: names in Chinese (data) and figures.</summary>
    private static readonly Dictionary<CountNoteCode, object[]> s_samples = new()
    {
        [CountNoteCode.ReturnedNotChecked] = ["Issued"],
        [CountNoteCode.ReturnedWithin] = [40, "Voted", 42],
        [CountNoteCode.ReturnedOver] = [43, "Issued", 42],
        [CountNoteCode.QuorumNotChecked] = [],
        [CountNoteCode.QuorumMet] = [30, 40, "2/3", "AtLeast"],
        [CountNoteCode.QuorumNotMet] = [20, 40, "2/3", "MoreThan"],
        [CountNoteCode.TurnoutNotChecked] = [],
        [CountNoteCode.TurnoutMet] = [800, 1260, "VillagersCommittee"],
        [CountNoteCode.TurnoutNotMet] = [600, 1260, "ResidentsCommittee"],
        [CountNoteCode.Pending] = [9],
        [CountNoteCode.TiedAtLastSeat] = ["委员", "李红梅、吴德明"],
        [CountNoteCode.SeatsLeft] = ["委员", 1],
        [CountNoteCode.InvariantBroken] = [],
        [CountNoteCode.WomenElected] = ["马晓燕"],
        [CountNoteCode.NoWomanElected] = [],
        [CountNoteCode.WomenSeatNobodyElected] = [],
        [CountNoteCode.WomenSeatHeld] = ["委员", "赵四"],
    };

    [Fact]
    public void Every_code_is_said_in_both_languages_with_its_values_and_English_has_no_Chinese_but_the_names()
    {
        Assert.Equal(Enum.GetValues<CountNoteCode>().Order(), s_samples.Keys.Order());
        foreach (var (code, values) in s_samples)
        {
            var note = CountNote.Of(code, values);
            var chinese = CountNoteText.Chinese(note);
            var english = CountNoteText.English(note);
            Assert.NotEqual(code.ToString(), chinese);
            Assert.NotEqual(code.ToString(), english);
            Assert.Matches(Han(), chinese);
            var names = note.Values.Where(v => Han().IsMatch(v)).ToList();
            Assert.All(names, n => Assert.Contains(n, english, StringComparison.Ordinal));
            var rest = names.Aggregate(english, (text, name) => text.Replace(name, string.Empty, StringComparison.Ordinal));
            Assert.DoesNotMatch(Han(), rest);
            Assert.All(note.Values.Where(v => int.TryParse(v, out _)), n => Assert.Contains(n, chinese, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_limit_a_comparison_and_a_law_are_named_by_the_rules_in_force()
    {
        Assert.Equal("收回选票 43 张，多于发出选票 42：选举无效，应重新进行投票。", CountNoteText.Chinese(CountNote.Of(CountNoteCode.ReturnedOver, 43, "Issued", 42)));
        Assert.Contains("多于投票人数 42", CountNoteText.Chinese(CountNote.Of(CountNoteCode.ReturnedOver, 43, "Voted", 42)), StringComparison.Ordinal);
        Assert.Contains("（超过）", CountNoteText.Chinese(CountNote.Of(CountNoteCode.QuorumMet, 30, 40, "2/3", "MoreThan")), StringComparison.Ordinal);
        Assert.Contains("城市居民委员会组织法第八条", CountNoteText.Chinese(CountNote.Of(CountNoteCode.TurnoutMet, 800, 1260, "ResidentsCommittee")), StringComparison.Ordinal);
        Assert.Contains("村民委员会组织法第十五条", CountNoteText.Chinese(CountNote.Of(CountNoteCode.TurnoutNotMet, 600, 1260, "VillagersCommittee")), StringComparison.Ordinal);
    }
}
