namespace BallotScan.Engine.Elections;

/// <summary>When a voter approves more people than there are seats (多选): what is void.</summary>
public enum OverVoteScope
{
    /// <summary>The whole ballot is void (废票).</summary>
    WholeBallot,

    /// <summary>Only that contest (职位) on the ballot is void; the other contests stand.</summary>
    Contest,
}

/// <summary>What a tick (√) in a marking box means.</summary>
public enum CheckMarkMeaning
{
    /// <summary>√ counts as approve (赞成).</summary>
    Approve,

    /// <summary>√ is not a valid symbol: that box is unreadable (not filled in by the rules).</summary>
    Invalid,
}

/// <summary>A name written in a write-in cell (另选他人) with no ○ in its box.</summary>
public enum WriteInWithoutCircle
{
    Approve,
    Abstain,

    /// <summary>The write-in cell is void.</summary>
    Void,
}

/// <summary>A listed candidate's name written into a write-in cell of the same contest.</summary>
public enum ListedCandidateWrittenIn
{
    /// <summary>Counted as approval of that listed candidate.</summary>
    CountForCandidate,

    /// <summary>The write-in cell is void.</summary>
    VoidCell,
}

/// <summary>A ballot carrying writing or signs beyond the marks (e.g. a signature, a remark).</summary>
public enum ExtraMarks
{
    /// <summary>Sent to the scrutineers, who decide (the default: software never voids a ballot on its own guess).</summary>
    Review,

    /// <summary>The local rule voids such a ballot; still confirmed by a scrutineer, since marks and writing are told apart by a person.</summary>
    VoidBallot,
}

/// <summary>How a quorum fraction is compared: 2020 rule 不少于 (at least), 1990 rule 超过 (more than).</summary>
public enum QuorumComparison
{
    AtLeast,
    MoreThan,
}

/// <summary>What a candidate's approvals must exceed half of to be elected (过半数).</summary>
public enum MajorityBase
{
    /// <summary>应到会有选举权的人数: members due to attend (party rule of 2020).</summary>
    DueToAttend,

    /// <summary>实到会人数: members present (party rule of 1990).</summary>
    Present,

    /// <summary>参加投票的人数: those who voted (villagers' committee).</summary>
    Voted,
}

/// <summary>What the ballots returned (收回) may not exceed, or the vote is void and held again.</summary>
public enum ReturnedLimit
{
    /// <summary>发出选票: ballots issued.</summary>
    Issued,

    /// <summary>投票人数: the number who voted.</summary>
    Voted,
}

/// <summary>One name written in two posts of one ballot (无候选人选举: 张三 for 主任 and again for 委员).</summary>
public enum SameNameInTwoPosts
{
    /// <summary>Counted in each post it is written in.</summary>
    CountInEach,

    /// <summary>Counted in the higher post only (the first in the ballot's order); the later one counts for nobody.</summary>
    HigherPostOnly,
}

/// <summary>A tie at the cut-off for standing in a 另行选举 (two people with the same votes, one place left).</summary>
public enum SupplementaryTies
{
    /// <summary>All those tied stand (the list grows by them).</summary>
    AllStand,

    /// <summary>The meeting decides who of those tied stands; the software lists them and never chooses.</summary>
    MeetingDecides,
}

/// <summary>The women's-seat rule (村民委员会成员中应当有妇女成员).</summary>
public enum WomenSeatRule
{
    /// <summary>Not checked.</summary>
    None,

    /// <summary>The result says whether a woman was elected; nothing else changes.</summary>
    Report,

    /// <summary>A seat is reserved: if no woman qualifies, the last seat is left to a 另行选举 among women (some provinces).</summary>
    Reserved,
}

/// <summary>
/// The counting rules of one election, every point where local rules differ (marked [setting] in the rules document)
/// made explicit. Built from a named preset (<see cref="RulePresets"/>) plus the definition's own settings.
/// </summary>
public sealed record RuleProfile
{
    /// <summary>The preset this profile started from.</summary>
    public required string Preset { get; init; }

    /// <summary>差额: candidates must be at least this multiple of the seats (party committee: 6/5, i.e. 20 % more).</summary>
    public Fraction? MinimumCandidateRatio { get; init; }

    /// <summary>差额: at least this many more candidates than seats in each contest (villagers' committee: 1).</summary>
    public int MinimumExtraCandidates { get; init; }

    public OverVoteScope OverVoteScope { get; init; }

    /// <summary>Whether write-ins count with approvals against the seats when checking for an over-vote (some provinces).</summary>
    public bool WriteInsCountAgainstSeats { get; init; }

    public CheckMarkMeaning CheckMark { get; init; }

    public WriteInWithoutCircle WriteInWithoutCircle { get; init; }

    public ListedCandidateWrittenIn ListedCandidateWrittenIn { get; init; }

    public ExtraMarks ExtraMarks { get; init; }

    /// <summary>A 委员 candidate's total adds the votes received for 主任 and 副主任 (cascade, some provinces) [unverified].</summary>
    public bool CascadeVotes { get; init; }

    /// <summary>Meeting quorum as a fraction of those due to attend (party: 4/5); null where the rules set none.</summary>
    public Fraction? Quorum { get; init; }

    public QuorumComparison QuorumComparison { get; init; }

    public MajorityBase MajorityBase { get; init; }

    /// <summary>The election is valid only when more than half of the registered voters voted (组织法 Art. 15).</summary>
    public bool RequireTurnoutMajority { get; init; }

    public ReturnedLimit ReturnedLimit { get; init; }

    /// <summary>另行选举: the most votes wins, but not with fewer than this fraction of the ballots cast in that round (villagers: 1/3); null where not used.</summary>
    public Fraction? SupplementaryRoundMinimum { get; init; }

    /// <summary>A name written in two posts of one ballot: counted in each, or in the higher post only.</summary>
    public SameNameInTwoPosts SameNameInTwoPosts { get; init; }

    /// <summary>另行选举: how many more stand than the seats left (差额; default one more).</summary>
    public int SupplementaryExtraCandidates { get; init; } = 1;

    /// <summary>另行选举: a tie at the cut-off for standing.</summary>
    public SupplementaryTies SupplementaryTies { get; init; }

    public WomenSeatRule WomenSeat { get; init; }

    /// <summary>Print a random serial number on each sheet. Off by default: it can break the secret ballot, and some rules void numbered ballots.</summary>
    public bool SerialNumbers { get; init; }

    /// <summary>Print a seal area (印章区) on each sheet, where the election committee stamps the ballots it issues.</summary>
    public bool SealArea { get; init; }

    /// <summary>A ballot whose seal area holds no stamp goes to the scrutineers: many local rules void a ballot without the
    /// 选举委员会's seal (not issued at the venue). Implies <see cref="SealArea"/>. The machine never voids it itself.</summary>
    public bool RequireSeal { get; init; }
}

/// <summary>The named rule presets. Each value comes from the rules document; [unverified] points take the safe choice.</summary>
public static class RulePresets
{
    public const string PartyCommittee2020 = "party-committee-2020";
    public const string PartyCommittee1990 = "party-committee-1990";
    public const string VillagersCommitteeNational = "villagers-committee-national";
    public const string ResidentsCommittee = "residents-committee";
    public const string SupervisionCommittee = "supervision-committee";

    /// <summary>《中国共产党基层组织选举工作条例》 (2020).</summary>
    public static RuleProfile PartyCommittee2020Profile { get; } = new()
    {
        Preset = PartyCommittee2020,
        MinimumCandidateRatio = new Fraction(6, 5),
        OverVoteScope = OverVoteScope.WholeBallot,
        WriteInsCountAgainstSeats = true,
        CheckMark = CheckMarkMeaning.Invalid,
        WriteInWithoutCircle = WriteInWithoutCircle.Abstain,
        ListedCandidateWrittenIn = ListedCandidateWrittenIn.VoidCell,
        ExtraMarks = ExtraMarks.Review,
        Quorum = new Fraction(4, 5),
        QuorumComparison = QuorumComparison.AtLeast,
        MajorityBase = MajorityBase.DueToAttend,
        ReturnedLimit = ReturnedLimit.Issued,
        WomenSeat = WomenSeatRule.None,
    };

    /// <summary>《中国共产党基层组织选举工作暂行条例》 (1990): quorum "超过" 4/5, majority of those present.</summary>
    public static RuleProfile PartyCommittee1990Profile { get; } = PartyCommittee2020Profile with
    {
        Preset = PartyCommittee1990,
        QuorumComparison = QuorumComparison.MoreThan,
        MajorityBase = MajorityBase.Present,
    };

    /// <summary>村民委员会组织法 Art. 15 and 民政部《村民委员会选举规程》 (2013): the national baseline.</summary>
    public static RuleProfile VillagersCommitteeNationalProfile { get; } = new()
    {
        Preset = VillagersCommitteeNational,
        MinimumExtraCandidates = 1,
        OverVoteScope = OverVoteScope.Contest,
        WriteInsCountAgainstSeats = true,
        CheckMark = CheckMarkMeaning.Invalid,
        WriteInWithoutCircle = WriteInWithoutCircle.Abstain,
        ListedCandidateWrittenIn = ListedCandidateWrittenIn.VoidCell,
        ExtraMarks = ExtraMarks.Review,
        MajorityBase = MajorityBase.Voted,
        RequireTurnoutMajority = true,
        ReturnedLimit = ReturnedLimit.Issued,
        SupplementaryRoundMinimum = new Fraction(1, 3),
        WomenSeat = WomenSeatRule.Report,
        SealArea = true, // 选票须加盖村民选举委员会印章 (民政部《村民委员会选举规程》 and the provincial rules)
    };

    /// <summary>城市居民委员会组织法 Arts. 7–8: counted like the villagers' committee [unverified].</summary>
    public static RuleProfile ResidentsCommitteeProfile { get; } = VillagersCommitteeNationalProfile with { Preset = ResidentsCommittee };

    /// <summary>村务监督委员会 (组织法 Art. 32): counted by analogy with the villagers' committee [unverified].</summary>
    public static RuleProfile SupervisionCommitteeProfile { get; } = VillagersCommitteeNationalProfile with
    {
        Preset = SupervisionCommittee,
        WomenSeat = WomenSeatRule.None,
    };

    /// <summary>Every preset by name.</summary>
    public static IReadOnlyDictionary<string, RuleProfile> All { get; } = new Dictionary<string, RuleProfile>(StringComparer.Ordinal)
    {
        [PartyCommittee2020] = PartyCommittee2020Profile,
        [PartyCommittee1990] = PartyCommittee1990Profile,
        [VillagersCommitteeNational] = VillagersCommitteeNationalProfile,
        [ResidentsCommittee] = ResidentsCommitteeProfile,
        [SupervisionCommittee] = SupervisionCommitteeProfile,
    };

    /// <summary>The preset used when a definition names none.</summary>
    public static string DefaultFor(ElectionType type) => type switch
    {
        ElectionType.PartyCommittee => PartyCommittee2020,
        ElectionType.VillagersCommittee => VillagersCommitteeNational,
        ElectionType.ResidentsCommittee => ResidentsCommittee,
        _ => SupervisionCommittee,
    };
}

/// <summary>
/// The <c>rules</c> object of an election definition: a preset name and any settings that differ from the preset.
/// Every property but <see cref="Preset"/> is optional; an unknown property is an error, never silently ignored.
/// </summary>
public sealed record RuleSettings
{
    public string? Preset { get; init; }

    public Fraction? MinimumCandidateRatio { get; init; }

    public int? MinimumExtraCandidates { get; init; }

    public OverVoteScope? OverVoteScope { get; init; }

    public bool? WriteInsCountAgainstSeats { get; init; }

    public CheckMarkMeaning? CheckMark { get; init; }

    public WriteInWithoutCircle? WriteInWithoutCircle { get; init; }

    public ListedCandidateWrittenIn? ListedCandidateWrittenIn { get; init; }

    public ExtraMarks? ExtraMarks { get; init; }

    public bool? CascadeVotes { get; init; }

    public Fraction? Quorum { get; init; }

    public QuorumComparison? QuorumComparison { get; init; }

    public MajorityBase? MajorityBase { get; init; }

    public bool? RequireTurnoutMajority { get; init; }

    public ReturnedLimit? ReturnedLimit { get; init; }

    public Fraction? SupplementaryRoundMinimum { get; init; }

    public SameNameInTwoPosts? SameNameInTwoPosts { get; init; }

    public int? SupplementaryExtraCandidates { get; init; }

    public SupplementaryTies? SupplementaryTies { get; init; }

    public WomenSeatRule? WomenSeat { get; init; }

    public bool? SerialNumbers { get; init; }

    public bool? SealArea { get; init; }

    public bool? RequireSeal { get; init; }

    /// <summary>The preset (or the type's default preset) with these settings applied.</summary>
    /// <exception cref="KeyNotFoundException">The preset name is unknown.</exception>
    public RuleProfile Resolve(ElectionType type)
    {
        var name = Preset ?? RulePresets.DefaultFor(type);
        if (!RulePresets.All.TryGetValue(name, out var p))
        {
            throw new KeyNotFoundException($"There is no rule preset '{name}'. Presets: {string.Join(", ", RulePresets.All.Keys)}.");
        }

        return p with
        {
            MinimumCandidateRatio = MinimumCandidateRatio ?? p.MinimumCandidateRatio,
            MinimumExtraCandidates = MinimumExtraCandidates ?? p.MinimumExtraCandidates,
            OverVoteScope = OverVoteScope ?? p.OverVoteScope,
            WriteInsCountAgainstSeats = WriteInsCountAgainstSeats ?? p.WriteInsCountAgainstSeats,
            CheckMark = CheckMark ?? p.CheckMark,
            WriteInWithoutCircle = WriteInWithoutCircle ?? p.WriteInWithoutCircle,
            ListedCandidateWrittenIn = ListedCandidateWrittenIn ?? p.ListedCandidateWrittenIn,
            ExtraMarks = ExtraMarks ?? p.ExtraMarks,
            CascadeVotes = CascadeVotes ?? p.CascadeVotes,
            Quorum = Quorum ?? p.Quorum,
            QuorumComparison = QuorumComparison ?? p.QuorumComparison,
            MajorityBase = MajorityBase ?? p.MajorityBase,
            RequireTurnoutMajority = RequireTurnoutMajority ?? p.RequireTurnoutMajority,
            ReturnedLimit = ReturnedLimit ?? p.ReturnedLimit,
            SupplementaryRoundMinimum = SupplementaryRoundMinimum ?? p.SupplementaryRoundMinimum,
            SupplementaryExtraCandidates = SupplementaryExtraCandidates ?? p.SupplementaryExtraCandidates,
            SameNameInTwoPosts = SameNameInTwoPosts ?? p.SameNameInTwoPosts,
            SupplementaryTies = SupplementaryTies ?? p.SupplementaryTies,
            WomenSeat = WomenSeat ?? p.WomenSeat,
            SerialNumbers = SerialNumbers ?? p.SerialNumbers,
            SealArea = (SealArea ?? p.SealArea) || (RequireSeal ?? p.RequireSeal),
            RequireSeal = RequireSeal ?? p.RequireSeal,
        };
    }
}
