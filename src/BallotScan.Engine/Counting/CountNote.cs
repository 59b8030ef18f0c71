using System.Globalization;
using System.Text.Json.Serialization;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Problems;

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

/// <summary>
/// A note of the count or a validity check's finding: its code and its values (names and figures), rendered in words at the
/// edges. Made by its named factories; read by its named <see cref="Fields"/>. <see cref="Values"/> is the form the result
/// files keep (the same since the first version): where each value stands is known here alone.
/// </summary>
public sealed record CountNote(CountNoteCode Code, IReadOnlyList<string> Values)
{
    private static CountNote Of(CountNoteCode code, params object?[] values) =>
        new(code, [.. values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)]);

    /// <summary>Ballots returned against <paramref name="limit"/>: a figure is missing.</summary>
    public static CountNote ReturnedNotChecked(ReturnedLimit limit) => Of(CountNoteCode.ReturnedNotChecked, limit.ToString());

    /// <summary>Ballots returned, within the limit or over it.</summary>
    public static CountNote Returned(bool within, int returned, ReturnedLimit limit, int max) =>
        Of(within ? CountNoteCode.ReturnedWithin : CountNoteCode.ReturnedOver, returned, limit.ToString(), max);

    /// <summary>Quorum: a figure is missing.</summary>
    public static CountNote QuorumNotChecked() => Of(CountNoteCode.QuorumNotChecked);

    /// <summary>Quorum met or not: those present against <paramref name="share"/> of those due.</summary>
    public static CountNote Quorum(bool met, int present, int due, Fraction share, QuorumComparison comparison) =>
        Of(met ? CountNoteCode.QuorumMet : CountNoteCode.QuorumNotMet, present, due, share, comparison.ToString());

    /// <summary>Turnout: a figure is missing.</summary>
    public static CountNote TurnoutNotChecked() => Of(CountNoteCode.TurnoutNotChecked);

    /// <summary>More than half the registered voters voted, or not, under the law of <paramref name="type"/>.</summary>
    public static CountNote Turnout(bool met, int voted, int registered, ElectionType type) =>
        Of(met ? CountNoteCode.TurnoutMet : CountNoteCode.TurnoutNotMet, voted, registered, type.ToString());

    /// <summary>Sheets still wait for the scrutineers.</summary>
    public static CountNote Pending(int sheets) => Of(CountNoteCode.Pending, sheets);

    /// <summary>A tie for the last seat of <paramref name="contest"/>.</summary>
    public static CountNote TiedAtLastSeat(string contest, IEnumerable<string> names) => Of(CountNoteCode.TiedAtLastSeat, contest, string.Join("、", names));

    /// <summary>Seats of <paramref name="contest"/> not filled: a 另行选举.</summary>
    public static CountNote SeatsLeft(string contest, int seats) => Of(CountNoteCode.SeatsLeft, contest, seats);

    /// <summary>A contest's marks do not add up to its ballots.</summary>
    public static CountNote InvariantBroken() => Of(CountNoteCode.InvariantBroken);

    /// <summary>Women elected (妇女成员).</summary>
    public static CountNote WomenElected(IEnumerable<string> names) => Of(CountNoteCode.WomenElected, string.Join("、", names));

    /// <summary>No woman elected; the township office decides what follows.</summary>
    public static CountNote NoWomanElected() => Of(CountNoteCode.NoWomanElected);

    /// <summary>No woman elected and nobody at all.</summary>
    public static CountNote WomenSeatNobodyElected() => Of(CountNoteCode.WomenSeatNobodyElected);

    /// <summary>The last seat of <paramref name="contest"/> held for a 另行选举 among women; <paramref name="dropped"/> is not elected.</summary>
    public static CountNote WomenSeatHeld(string contest, string dropped) => Of(CountNoteCode.WomenSeatHeld, contest, dropped);

    /// <summary>The values by name, as the code places them (one not there reads as null).</summary>
    [JsonIgnore]
    public CountNoteFields Fields
    {
        get
        {
            string? At(int i) => i < Values.Count ? Values[i] : null;
            int? Number(int i) => int.TryParse(At(i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            T? Named<T>(int i) where T : struct, Enum => EnumNames.TryParse<T>(At(i) ?? string.Empty, out var e) ? e : null;
            return Code switch
            {
                CountNoteCode.ReturnedNotChecked => new() { Limit = Named<ReturnedLimit>(0) },
                CountNoteCode.ReturnedWithin or CountNoteCode.ReturnedOver => new() { Figure = Number(0), Limit = Named<ReturnedLimit>(1), Against = Number(2) },
                CountNoteCode.QuorumMet or CountNoteCode.QuorumNotMet => new() { Figure = Number(0), Against = Number(1), Share = At(2), Comparison = Named<QuorumComparison>(3) },
                CountNoteCode.TurnoutMet or CountNoteCode.TurnoutNotMet => new() { Figure = Number(0), Against = Number(1), ElectionType = Named<ElectionType>(2) },
                CountNoteCode.Pending => new() { Figure = Number(0) },
                CountNoteCode.TiedAtLastSeat => new() { Contest = At(0), Names = At(1) },
                CountNoteCode.SeatsLeft => new() { Contest = At(0), Figure = Number(1) },
                CountNoteCode.WomenElected => new() { Names = At(0) },
                CountNoteCode.WomenSeatHeld => new() { Contest = At(0), Names = At(1) },
                _ => new(),
            };
        }
    }

    /// <summary>The note in Chinese, as the report and the result files give it.</summary>
    public string Chinese => CountNoteText.Chinese(this);

    public bool Equals(CountNote? other) => other is not null && Code == other.Code && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Code, Values.Count);
}

/// <summary>A count note's values by name; which are set depends on its code.</summary>
public sealed record CountNoteFields
{
    /// <summary>The figure the note is about: ballots returned, those present, those who voted, sheets pending, seats left.</summary>
    public int? Figure { get; init; }

    /// <summary>What it is held against: the limit, those due, those registered.</summary>
    public int? Against { get; init; }

    /// <summary>What ballots returned are held against.</summary>
    public ReturnedLimit? Limit { get; init; }

    /// <summary>The quorum's share of those due (e.g. 2/3).</summary>
    public string? Share { get; init; }

    /// <summary>How the quorum compares.</summary>
    public QuorumComparison? Comparison { get; init; }

    /// <summary>The election's type, for the law the turnout is held to.</summary>
    public ElectionType? ElectionType { get; init; }

    /// <summary>The contest's title.</summary>
    public string? Contest { get; init; }

    /// <summary>Names (、-joined): those tied, the women elected, the one not elected for the women's seat.</summary>
    public string? Names { get; init; }
}

/// <summary>
/// A count note in words: Chinese (the report's language) as a <see cref="Said"/>, a composite format and its values, which the
/// edges translate by its Chinese. Pure functions of the note.
/// </summary>
public static class CountNoteText
{
    /// <summary>The note in Chinese, as the report prints it.</summary>
    public static string Chinese(CountNote note) => Said(note).ToString();

    /// <summary>The note as a text with its values (phrases among them, each a <see cref="Problems.Said"/> too).</summary>
    public static Said Said(CountNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var f = note.Fields;
        var limit = new Said(f.Limit == ReturnedLimit.Issued ? "发出选票" : "投票人数");
        var compared = new Said(f.Comparison == QuorumComparison.MoreThan ? "超过" : "不少于");
        var law = new Said(f.ElectionType == ElectionType.ResidentsCommittee ? "城市居民委员会组织法第八条及本地选举办法" : "村民委员会组织法第十五条");
        return note.Code switch
        {
            CountNoteCode.ReturnedNotChecked => new("收回选票不多于{0}：缺少数字，未核对。", limit),
            CountNoteCode.ReturnedWithin => new("收回选票 {0} 张，不多于{1} {2}，投票有效。", f.Figure, limit, f.Against),
            CountNoteCode.ReturnedOver => new("收回选票 {0} 张，多于{1} {2}：选举无效，应重新进行投票。", f.Figure, limit, f.Against),
            CountNoteCode.QuorumNotChecked => new("到会人数：缺少应到或实到人数，未核对。"),
            CountNoteCode.QuorumMet => new("实到 {0} 人，达到应到 {1} 人的{2}（{3}），可以进行选举。", f.Figure, f.Against, f.Share, compared),
            CountNoteCode.QuorumNotMet => new("实到 {0} 人，未达到应到 {1} 人的{2}（{3}），不得进行选举。", f.Figure, f.Against, f.Share, compared),
            CountNoteCode.TurnoutNotChecked => new("参加投票人数：缺少登记选民或参加投票人数，未核对。"),
            CountNoteCode.TurnoutMet => new("参加投票 {0} 人，超过登记选民 {1} 人的半数（{2}），选举有效。", f.Figure, f.Against, law),
            CountNoteCode.TurnoutNotMet => new("参加投票 {0} 人，未超过登记选民 {1} 人的半数（{2}），选举无效。", f.Figure, f.Against, law),
            CountNoteCode.Pending => new("尚有 {0} 张选票待监票人裁定，本结果为临时结果。", f.Figure),
            CountNoteCode.TiedAtLastSeat => new("{0}：{1} 得票相等，并列最后的名额，应就票数相等的人再次投票。", f.Contest, f.Names),
            CountNoteCode.SeatsLeft => new("{0}：尚有 {1} 个名额未选足，应另行选举。", f.Contest, f.Figure),
            CountNoteCode.InvariantBroken => new("有职位的票数与选票数不相符，请作为程序错误报告。"),
            CountNoteCode.WomenElected => new("妇女成员：{0} 当选。", f.Names),
            CountNoteCode.NoWomanElected => new("妇女成员：无妇女当选（村民委员会成员中应当有妇女成员），由乡镇选举工作机构决定后续办理。"),
            CountNoteCode.WomenSeatNobodyElected => new("妇女成员（保留名额）：无妇女当选，且无人当选：另行选举应选出妇女成员。"),
            CountNoteCode.WomenSeatHeld => new("妇女成员（保留名额）：无妇女当选；{0}的最后一个名额（{1}）保留，在妇女候选人中另行选举。", f.Contest, f.Names),
            _ => new(note.Code.ToString()),
        };
    }
}
