using System.Globalization;
using System.Text.Json.Serialization;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Counting;

/// <summary>What a validity check or a note of the count says (计票说明), as a code; its values are beside it in <see cref="CountNote"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CountNoteCode>))]
public enum CountNoteCode
{
    /// <summary>Ballots returned against the limit: a figure is missing. Values: the limit (<see cref="ReturnedLimit"/> name).</summary>
    ReturnedNotChecked,

    /// <summary>Ballots returned within the limit. Values: returned, the limit's name, the limit.</summary>
    ReturnedWithin,

    /// <summary>More ballots returned than the limit: the vote is void. Values: returned, the limit's name, the limit.</summary>
    ReturnedOver,

    /// <summary>Quorum: a figure is missing.</summary>
    QuorumNotChecked,

    /// <summary>Quorum met. Values: present, due, the fraction, the comparison (<see cref="QuorumComparison"/> name).</summary>
    QuorumMet,

    /// <summary>Quorum not met: no election. Values as <see cref="QuorumMet"/>.</summary>
    QuorumNotMet,

    /// <summary>Turnout: a figure is missing.</summary>
    TurnoutNotChecked,

    /// <summary>More than half the registered voters voted. Values: voted, registered, the election's type (<see cref="ElectionType"/> name, for the law).</summary>
    TurnoutMet,

    /// <summary>Not more than half voted: the election is void. Values as <see cref="TurnoutMet"/>.</summary>
    TurnoutNotMet,

    /// <summary>Sheets still wait for the scrutineers: the result is provisional. Values: how many.</summary>
    Pending,

    /// <summary>A tie for the last seat: a new vote among the tied. Values: the contest's title, the names (、-joined).</summary>
    TiedAtLastSeat,

    /// <summary>Seats not filled: a 另行选举. Values: the contest's title, how many.</summary>
    SeatsLeft,

    /// <summary>A contest's marks do not add up to its ballots: a program error to report.</summary>
    InvariantBroken,

    /// <summary>Women elected (妇女成员). Values: the names (、-joined).</summary>
    WomenElected,

    /// <summary>No woman elected; the township office decides what follows.</summary>
    NoWomanElected,

    /// <summary>No woman elected and nobody at all: the 另行选举 must elect a woman.</summary>
    WomenSeatNobodyElected,

    /// <summary>No woman elected: the last seat filled is held for a 另行选举 among women. Values: the contest's title, the name dropped.</summary>
    WomenSeatHeld,
}

/// <summary>A note of the count or a validity check's finding: its code and its values (names and figures), rendered in words at the edges.</summary>
public sealed record CountNote(CountNoteCode Code, IReadOnlyList<string> Values)
{
    public static CountNote Of(CountNoteCode code, params object[] values) =>
        new(code, [.. values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)]);

    /// <summary>The note in Chinese, as the report and the result files give it.</summary>
    public string Chinese => CountNoteText.Chinese(this);

    public bool Equals(CountNote? other) => other is not null && Code == other.Code && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Code, Values.Count);
}

/// <summary>A count note in words: Chinese (the report's language) and English. Pure functions of the note.</summary>
public static class CountNoteText
{
    public static string Chinese(CountNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var v = note.Values;
        string Limit(int i) => v[i] == nameof(ReturnedLimit.Issued) ? "发出选票" : "投票人数";
        string Compared(int i) => v[i] == nameof(QuorumComparison.MoreThan) ? "超过" : "不少于";
        string Law(int i) => v[i] == nameof(ElectionType.ResidentsCommittee) ? "城市居民委员会组织法第八条及本地选举办法" : "村民委员会组织法第十五条";
        return note.Code switch
        {
            CountNoteCode.ReturnedNotChecked => $"收回选票不多于{Limit(0)}：缺少数字，未核对。",
            CountNoteCode.ReturnedWithin => $"收回选票 {v[0]} 张，不多于{Limit(1)} {v[2]}，投票有效。",
            CountNoteCode.ReturnedOver => $"收回选票 {v[0]} 张，多于{Limit(1)} {v[2]}：选举无效，应重新进行投票。",
            CountNoteCode.QuorumNotChecked => "到会人数：缺少应到或实到人数，未核对。",
            CountNoteCode.QuorumMet => $"实到 {v[0]} 人，达到应到 {v[1]} 人的{v[2]}（{Compared(3)}），可以进行选举。",
            CountNoteCode.QuorumNotMet => $"实到 {v[0]} 人，未达到应到 {v[1]} 人的{v[2]}（{Compared(3)}），不得进行选举。",
            CountNoteCode.TurnoutNotChecked => "参加投票人数：缺少登记选民或参加投票人数，未核对。",
            CountNoteCode.TurnoutMet => $"参加投票 {v[0]} 人，超过登记选民 {v[1]} 人的半数（{Law(2)}），选举有效。",
            CountNoteCode.TurnoutNotMet => $"参加投票 {v[0]} 人，未超过登记选民 {v[1]} 人的半数（{Law(2)}），选举无效。",
            CountNoteCode.Pending => $"尚有 {v[0]} 张选票待监票人裁定，本结果为临时结果。",
            CountNoteCode.TiedAtLastSeat => $"{v[0]}：{v[1]} 得票相等，并列最后的名额，应就票数相等的人再次投票。",
            CountNoteCode.SeatsLeft => $"{v[0]}：尚有 {v[1]} 个名额未选足，应另行选举。",
            CountNoteCode.InvariantBroken => "有职位的票数与选票数不相符，请作为程序错误报告。",
            CountNoteCode.WomenElected => $"妇女成员：{v[0]} 当选。",
            CountNoteCode.NoWomanElected => "妇女成员：无妇女当选（村民委员会成员中应当有妇女成员），由乡镇选举工作机构决定后续办理。",
            CountNoteCode.WomenSeatNobodyElected => "妇女成员（保留名额）：无妇女当选，且无人当选：另行选举应选出妇女成员。",
            CountNoteCode.WomenSeatHeld => $"妇女成员（保留名额）：无妇女当选；{v[0]}的最后一个名额（{v[1]}）保留，在妇女候选人中另行选举。",
            _ => note.Code.ToString(),
        };
    }

    public static string English(CountNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var v = note.Values;
        string Limit(int i) => v[i] == nameof(ReturnedLimit.Issued) ? "ballots issued" : "voters";
        string Compared(int i) => v[i] == nameof(QuorumComparison.MoreThan) ? "more than" : "at least";
        string Law(int i) => v[i] == nameof(ElectionType.ResidentsCommittee) ? "Organic Law of Urban Residents' Committees, Art. 8, and the local rules" : "Organic Law of Villagers' Committees, Art. 15";
        return note.Code switch
        {
            CountNoteCode.ReturnedNotChecked => $"Ballots returned against {Limit(0)}: a figure is missing, not checked.",
            CountNoteCode.ReturnedWithin => $"{v[0]} ballots returned, not more than {Limit(1)} ({v[2]}): the vote stands.",
            CountNoteCode.ReturnedOver => $"{v[0]} ballots returned, more than {Limit(1)} ({v[2]}): the election is void and the vote must be held again.",
            CountNoteCode.QuorumNotChecked => "Attendance: the number due or present is missing, not checked.",
            CountNoteCode.QuorumMet => $"{v[0]} present, {Compared(3)} {v[2]} of the {v[1]} due: the election may be held.",
            CountNoteCode.QuorumNotMet => $"{v[0]} present, not {Compared(3)} {v[2]} of the {v[1]} due: the election may not be held.",
            CountNoteCode.TurnoutNotChecked => "Turnout: the registered voters or the number who voted is missing, not checked.",
            CountNoteCode.TurnoutMet => $"{v[0]} voted, more than half of the {v[1]} registered ({Law(2)}): the election is valid.",
            CountNoteCode.TurnoutNotMet => $"{v[0]} voted, not more than half of the {v[1]} registered ({Law(2)}): the election is void.",
            CountNoteCode.Pending => $"{v[0]} sheet(s) still wait for the scrutineers: this result is provisional.",
            CountNoteCode.TiedAtLastSeat => $"{v[0]}: {v[1]} tie for the last seat; vote again among them.",
            CountNoteCode.SeatsLeft => $"{v[0]}: {v[1]} seat(s) not filled; hold a further election.",
            CountNoteCode.InvariantBroken => "A contest's marks do not add up to its ballots: please report this as a program error.",
            CountNoteCode.WomenElected => $"Women members: {v[0]} elected.",
            CountNoteCode.NoWomanElected => "Women members: no woman elected (the committee should have a woman member); the township election office decides what follows.",
            CountNoteCode.WomenSeatNobodyElected => "Women members (reserved seat): no woman and nobody elected; the further election must elect a woman.",
            CountNoteCode.WomenSeatHeld => $"Women members (reserved seat): no woman elected; the last seat of {v[0]} ({v[1]}) is held for a further election among the women candidates.",
            _ => note.Code.ToString(),
        };
    }
}
