using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Township;

/// <summary>How many of how many (a rate the township reports: 参选率, 一肩挑比例 …); no value while the base is zero.</summary>
/// <param name="Count">分子.</param>
/// <param name="Of">分母.</param>
public readonly record struct Share(int Count, int Of)
{
    public double? Value => Of == 0 ? null : (double)Count / Of;

    public static Share operator +(Share a, Share b) => new(a.Count + b.Count, a.Of + b.Of);
}

/// <summary>Where a village's 书记 comes from: elected on the ballot, entered by the township (the committee elected them), or not known yet.</summary>
public enum SecretarySource
{
    Unknown,

    /// <summary>党员大会直接选举: the party committee's ballot had a 书记 post.</summary>
    ElectedOnTheBallot,

    /// <summary>由新一届委员会选举产生，乡镇录入.</summary>
    EnteredByTownship,
}

/// <summary>One election of one village with every round of it imported (第一轮 and each 另行选举), in round order.</summary>
/// <param name="Place">The village.</param>
/// <param name="Rounds">Its rounds, the first first.</param>
public sealed record VillageElection(VillageKey Place, IReadOnlyList<ElectionReturn> Rounds)
{
    public ElectionReturn First => Rounds[0];

    public Committee Committee => First.Committee;

    /// <summary>选举日: the first round's day.</summary>
    public DateOnly Day => First.Date;

    /// <summary>Whether every round from the first is here (a 另行选举 imported without its first round is not).</summary>
    public bool Complete => Rounds.Select(r => r.Round).SequenceEqual(Enumerable.Range(1, Rounds.Count));

    /// <summary>应选: the first round's seats.</summary>
    public int Seats => First.Round == 1 ? First.Posts.Sum(p => p.Seats) : 0;

    /// <summary>当选: the seats every valid round filled.</summary>
    public int Filled => Rounds.Where(r => r.Valid).Sum(r => r.Posts.Sum(p => p.Filled));

    /// <summary>The first round filled every seat (no 另行选举).</summary>
    public bool FilledInFirstRound => Complete && First.Valid && First.Posts.Sum(p => p.Filled) >= Seats && Seats > 0;

    /// <summary>
    /// The seats were all filled on the election day (第一轮 and any 另行选举 the same day): the reading of 一次选举成功 this
    /// software uses, and says on every page and sheet that shows it.
    /// </summary>
    public bool FilledOnTheDay => Complete && Seats > 0 && Rounds.Where(r => r.Valid && r.Date == Day).Sum(r => r.Posts.Sum(p => p.Filled)) >= Seats;

    /// <summary>Everyone the election elected, round after round.</summary>
    public IEnumerable<ElectedPerson> Elected => Rounds.SelectMany(r => r.Elected);
}

/// <summary>The structure of those elected (当选人结构) to one body: counts, and how many of them the lists gave each fact for.</summary>
/// <param name="Members">当选人数.</param>
/// <param name="Women">妇女 (of those whose gender is known).</param>
/// <param name="PartyMembers">中共党员 (预备党员 included), of those whose 政治面貌 is known.</param>
/// <param name="Minorities">少数民族, of those whose 民族 is known.</param>
/// <param name="Reelected">连任, of those whose tenure is known (the rest are 新任).</param>
/// <param name="AverageAge">平均年龄, of those whose age is known; null when none is.</param>
/// <param name="AgesKnown">How many ages are known.</param>
/// <param name="AgeBands">How many in each <see cref="AgeBand"/>, in its order.</param>
/// <param name="Education">How many in each <see cref="Elections.Education"/> band, in its order.</param>
/// <param name="EducationKnown">How many have a known 文化程度.</param>
public sealed record MemberStructure(int Members, Share Women, Share PartyMembers, Share Minorities, Share Reelected, double? AverageAge, int AgesKnown, IReadOnlyList<int> AgeBands, IReadOnlyList<int> Education, int EducationKnown)
{
    /// <summary>大专及以上, of those whose education is known.</summary>
    public Share CollegeOrAbove => new(Education.Skip((int)Elections.Education.College).Sum(), EducationKnown);

    /// <summary>35 岁及以下, of those whose age is known.</summary>
    public Share AgedUpTo35 => new(AgeBands[(int)AgeBand.UpTo35], AgesKnown);

    /// <summary>The structure of <paramref name="members"/>, each person once (<see cref="VillageResult.Members"/>: two people of one name in two villages are two).</summary>
    public static MemberStructure Of(IEnumerable<ElectedPerson> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var people = members.ToList();
        var ages = people.Where(p => p.Age is not null).Select(p => p.Age!.Value).ToList();
        var political = people.Where(p => p.Political is not null).ToList();
        var ethnic = people.Where(p => !string.IsNullOrWhiteSpace(p.Ethnicity)).ToList();
        var education = people.Where(p => p.Education is not null).ToList();
        return new MemberStructure(
            people.Count,
            new Share(people.Count(p => p.Gender == Gender.Female), people.Count(p => p.Gender != Gender.Unspecified)),
            new Share(political.Count(p => p.Political is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryPartyMember), political.Count),
            new Share(ethnic.Count(p => p.Ethnicity!.Trim() != "汉族"), ethnic.Count),
            new Share(people.Count(p => p.Tenure == Tenure.Reelected), people.Count(p => p.Tenure is not null)),
            ages.Count == 0 ? null : ages.Average(),
            ages.Count,
            [.. Enum.GetValues<AgeBand>().Select(b => ages.Count(a => Township.AgeBands.Of(a) == b))],
            [.. Enum.GetValues<Education>().Select(e => education.Count(p => p.Education == e))],
            education.Count);
    }
}

/// <summary>The age bands of the township's tables.</summary>
public enum AgeBand
{
    /// <summary>35 岁及以下.</summary>
    UpTo35,

    /// <summary>36–45 岁.</summary>
    From36To45,

    /// <summary>46–55 岁.</summary>
    From46To55,

    /// <summary>56–60 岁.</summary>
    From56To60,

    /// <summary>61 岁及以上.</summary>
    From61,
}

/// <summary>Which <see cref="AgeBand"/> an age falls in.</summary>
public static class AgeBands
{
    public static AgeBand Of(int age) => age switch
    {
        <= 35 => AgeBand.UpTo35,
        <= 45 => AgeBand.From36To45,
        <= 55 => AgeBand.From46To55,
        <= 60 => AgeBand.From56To60,
        _ => AgeBand.From61,
    };
}

/// <summary>One village's 换届 as the township sees it: its elections, its 书记 and 主任, who sits on both committees.</summary>
/// <param name="Place">The village.</param>
/// <param name="Elections">Each election (党组织, 村/居委会, 监委会), each with its rounds.</param>
/// <param name="Secretary">书记, where known.</param>
/// <param name="SecretaryFrom">Where the 书记 comes from.</param>
/// <param name="Progress">The day of each step the township recorded (the latest entry of each).</param>
public sealed record VillageResult(VillageKey Place, IReadOnlyList<VillageElection> Elections, string? Secretary, SecretarySource SecretaryFrom, IReadOnlyDictionary<ProgressStep, DateOnly> Progress)
{
    /// <summary>Whether every round of every election imported was marked official (正式结果) at the venue.</summary>
    public bool Official => Elections.All(e => e.Rounds.All(r => r.Official is not null));

    /// <summary>Those elected to <paramref name="committee"/>, each once.</summary>
    public IReadOnlyList<ElectedPerson> Members(Committee committee) =>
        [.. Elections.Where(e => e.Committee == committee).SelectMany(e => e.Elected).DistinctBy(p => Key(p.Name), StringComparer.Ordinal)];

    /// <summary>主任 of the villagers' (residents') committee, where one was elected.</summary>
    public string? Director => Members(Committee.Residents).FirstOrDefault(p => p.Post.Trim() == "主任")?.Name;

    /// <summary>一肩挑: the 书记 is the committee's 主任; null while either is not known.</summary>
    public bool? OneShoulder => Secretary is null || Director is null ? null : Key(Secretary) == Key(Director);

    /// <summary>交叉任职: those elected to both the party committee and the villagers' (residents') committee.</summary>
    public IReadOnlyList<string> CrossAppointed
    {
        get
        {
            var party = Members(Committee.Party).Select(p => Key(p.Name)).ToHashSet(StringComparer.Ordinal);
            return [.. Members(Committee.Residents).Where(p => party.Contains(Key(p.Name))).Select(p => p.Name)];
        }
    }

    /// <summary>两委成员: everyone on either committee, each person once.</summary>
    public int TwoCommitteeMembers => Members(Committee.Party).Concat(Members(Committee.Residents)).Select(p => Key(p.Name)).Distinct(StringComparer.Ordinal).Count();

    internal static string Key(string name) => PersonName.Normalise(name) ?? name;
}

/// <summary>One body's figures over an area: how many elections, how many filled their seats, and how.</summary>
/// <param name="Committee">The body.</param>
/// <param name="Elections">Elections imported (every round from the first).</param>
/// <param name="FilledOnTheDay">一次选举成功 as this software reads it: seats all filled on the election day (another 另行选举 day not needed).</param>
/// <param name="FilledInFirstRound">The stricter reading: the first round alone filled every seat.</param>
/// <param name="Structure">当选人结构.</param>
public sealed record CommitteeFigures(Committee Committee, int Elections, Share FilledOnTheDay, Share FilledInFirstRound, MemberStructure Structure);

/// <summary>
/// The figures of an area (one township, or the whole county): 参选率, 一次选举成功率 per body, 一肩挑, 交叉任职 with both
/// denominators, and the structure of those elected.
/// </summary>
/// <param name="Township">The township's name; null for every township together (全部).</param>
/// <param name="Villages">村（社区）数: villages with at least one election imported.</param>
/// <param name="Turnout">参选率 of the villagers' (residents') committee elections: those who voted ÷ registered voters (first rounds whose figures are known).</param>
/// <param name="PartyTurnout">党员大会参会率: party members who voted ÷ those due to attend.</param>
/// <param name="Committees">Per body, in <see cref="Committee"/> order.</param>
/// <param name="OneShoulder">一肩挑: villages whose 书记 is the 主任 ÷ villages.</param>
/// <param name="OneShoulderUnknown">Villages whose 书记 or 主任 is not known yet (counted as no 一肩挑 above).</param>
/// <param name="CrossOfTwoCommittees">交叉任职 ÷ 两委成员 (each person once).</param>
/// <param name="CrossOfResidentsCommittee">交叉任职 ÷ 村（居）民委员会成员.</param>
public sealed record AreaFigures(string? Township, int Villages, Share Turnout, Share PartyTurnout, IReadOnlyList<CommitteeFigures> Committees, Share OneShoulder, int OneShoulderUnknown, Share CrossOfTwoCommittees, Share CrossOfResidentsCommittee);

/// <summary>The 书记 a township entered for a village whose committee elected its 书记 (not on a ballot).</summary>
public sealed record SecretaryEntry(VillageKey Place, string Name);

/// <summary>
/// A step of a village's 换届 the township records by date ("动态每天报、进展每周报"); the count itself (its day, whether it is
/// official, when its archive was taken) comes from the archives.
/// </summary>
public enum ProgressStep
{
    /// <summary>选举定义（候选人名单）确定.</summary>
    DefinitionMade,

    /// <summary>选票印制并校对.</summary>
    BallotsProofed,

    /// <summary>结果上报（报乡镇、县）.</summary>
    Reported,
}

/// <summary>A step the township recorded for a village, and the day it was done.</summary>
public sealed record ProgressEntry(VillageKey Place, ProgressStep Step, DateOnly Day);

/// <summary>
/// Every village's 换届 and the figures a township and a county report (换届情况统计表): the figures are of the villages
/// with a count imported; a village known only by a step recorded is listed, with its progress.
/// </summary>
public sealed record TownshipReport(IReadOnlyList<VillageResult> Villages, IReadOnlyList<AreaFigures> Townships, AreaFigures All)
{
    /// <summary>
    /// The report of <paramref name="returns"/> (one per round, the latest count of each), the 书记 the township entered and the
    /// steps it recorded.
    /// Pure and in memory: 900 returns roll up in milliseconds.
    /// </summary>
    public static TownshipReport Of(IEnumerable<ElectionReturn> returns, IEnumerable<SecretaryEntry> secretaries, IEnumerable<ProgressEntry>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(secretaries);
        var entered = secretaries.GroupBy(s => s.Place).ToDictionary(g => g.Key, g => g.Last().Name);
        var steps = (progress ?? []).GroupBy(p => p.Place).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<ProgressStep, DateOnly>)g.GroupBy(p => p.Step).ToDictionary(s => s.Key, s => s.Last().Day));
        var byPlace = returns.GroupBy(r => r.Place).ToDictionary(g => g.Key, g => g.ToList());
        // Every village the township knows of: by its archives, or by a step recorded before any count came in.
        var villages = byPlace.Keys.Union(steps.Keys).Order(VillageKey.Order).Select(place =>
        {
            var elections = byPlace.GetValueOrDefault(place, []).GroupBy(r => r.FirstRound, StringComparer.Ordinal)
                .Select(e => new VillageElection(place, [.. e.OrderBy(r => r.Round)]))
                .OrderBy(e => e.Committee).ThenBy(e => e.Day).ToList();
            var onBallot = elections.Where(e => e.Committee == Committee.Party).SelectMany(e => e.Elected).FirstOrDefault(p => p.Post.Trim() == "书记");
            var (secretary, from) = onBallot is not null ? (onBallot.Name, SecretarySource.ElectedOnTheBallot)
                : entered.TryGetValue(place, out var name) ? (name, SecretarySource.EnteredByTownship) : (null, SecretarySource.Unknown);
            return new VillageResult(place, elections, secretary, from, steps.GetValueOrDefault(place) ?? new Dictionary<ProgressStep, DateOnly>());
        }).ToList();
        var counted = villages.Where(v => v.Elections.Count > 0).ToList();
        return new TownshipReport(villages, [.. counted.GroupBy(v => v.Place.Township, StringComparer.Ordinal).Select(t => Area(t.Key, [.. t]))], Area(null, counted));
    }

    /// <summary>The figures of <paramref name="villages"/>.</summary>
    public static AreaFigures Area(string? township, IReadOnlyList<VillageResult> villages)
    {
        ArgumentNullException.ThrowIfNull(villages);
        Share Turnout(Committee committee) => villages.SelectMany(v => v.Elections).Where(e => e.Committee == committee && e.First.Round == 1 && e.First.Due is > 0 && e.First.Voted is not null)
            .Aggregate(default(Share), (s, e) => s + new Share(e.First.Voted!.Value, e.First.Due!.Value));
        var committees = Enum.GetValues<Committee>().Select(c =>
        {
            var elections = villages.SelectMany(v => v.Elections).Where(e => e.Committee == c && e.Complete).ToList();
            return new CommitteeFigures(c, elections.Count, new Share(elections.Count(e => e.FilledOnTheDay), elections.Count), new Share(elections.Count(e => e.FilledInFirstRound), elections.Count),
                MemberStructure.Of(villages.SelectMany(v => v.Members(c))));
        }).ToList();
        var cross = villages.Sum(v => v.CrossAppointed.Count);
        return new AreaFigures(township, villages.Count, Turnout(Committee.Residents), Turnout(Committee.Party), committees,
            new Share(villages.Count(v => v.OneShoulder == true), villages.Count), villages.Count(v => v.OneShoulder is null),
            new Share(cross, villages.Sum(v => v.TwoCommitteeMembers)), new Share(cross, villages.Sum(v => v.Members(Committee.Residents).Count)));
    }
}
