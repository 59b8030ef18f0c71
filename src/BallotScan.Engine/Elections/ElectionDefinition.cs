using System.Text.Json.Serialization;

namespace BallotScan.Engine.Elections;

/// <summary>Which body is elected: the rules, the wording on the ballot and the electorate figures follow from it.</summary>
public enum ElectionType
{
    /// <summary>党组织委员会 (党支部/党总支/党委): elected by the party members at the 党员大会.</summary>
    PartyCommittee,

    /// <summary>村民委员会: elected by the registered villagers (村民委员会组织法 Art. 15).</summary>
    VillagersCommittee,

    /// <summary>居民委员会: elected by the residents or their household or group representatives.</summary>
    ResidentsCommittee,

    /// <summary>村务监督委员会: elected by the 村民会议 or 村民代表会议.</summary>
    SupervisionCommittee,
}

/// <summary>Candidate's gender, needed only for the women's-seat rule (妇女成员).</summary>
public enum Gender
{
    Unspecified,
    Female,
    Male,
}

/// <summary>Which round of voting this is.</summary>
public enum ElectionRound
{
    /// <summary>The first vote.</summary>
    Regular,

    /// <summary>另行选举: a further vote for seats left empty (villagers: the most votes wins, but not with fewer than a third of the ballots cast).</summary>
    Supplementary,
}

/// <summary>Paper the ballot is printed on, portrait.</summary>
public enum PaperSize
{
    A4,
    A3,
}

/// <summary>How candidates are ordered on the ballot.</summary>
public enum CandidateOrder
{
    /// <summary>姓氏笔画: by the stroke count of the surname, then of the following characters (the usual rule).</summary>
    SurnameStrokes,

    /// <summary>Exactly as listed in the definition: the election committee's explicit order overrides the stroke rule.</summary>
    AsListed,
}

/// <summary>A listed person (候选人).</summary>
/// <remarks>
/// Beside the name, the facts an office keeps (性别, 出生年月 or 年龄, 文化程度, 政治面貌, 民族, 连任/新任): never printed on the
/// ballot, carried into the result for those elected (what a township reports). Each is optional.
/// </remarks>
public sealed record Candidate
{
    public required string Name { get; init; }

    public Gender Gender { get; init; }

    /// <summary>出生年月.</summary>
    public YearMonth? Born { get; init; }

    /// <summary>年龄 on the election day, where the list gives an age instead of a birth month.</summary>
    public int? Age { get; init; }

    /// <summary>文化程度.</summary>
    public Education? Education { get; init; }

    /// <summary>政治面貌.</summary>
    public PoliticalStatus? Political { get; init; }

    /// <summary>民族, by its full name (汉族).</summary>
    public string? Ethnicity { get; init; }

    /// <summary>连任 or 新任.</summary>
    public Tenure? Tenure { get; init; }

    /// <summary>Age on <paramref name="date"/>: from the birth month, else the age as listed.</summary>
    public int? AgeOn(DateOnly date) => Born is { } born ? born.AgeOn(date) : Age;
}

/// <summary>A post or group of seats voted on (职位): 主任, 副主任, 委员 ….</summary>
public sealed record Contest
{
    /// <summary>A short identifier, letters, digits and '-' (used in file names and QR payloads), e.g. "director".</summary>
    public required string Id { get; init; }

    /// <summary>The post as printed, e.g. 主任.</summary>
    public required string Title { get; init; }

    /// <summary>How many are to be elected (应选名额).</summary>
    public int Seats { get; init; }

    /// <summary>The listed candidates, in the definition's order (the ballot order follows <see cref="ElectionDefinition.Order"/>).</summary>
    public IReadOnlyList<Candidate> Candidates { get; init; } = [];

    /// <summary>Write-in cells (另选他人) printed for this contest; each is a name cell and a marking box.</summary>
    public int WriteIns { get; init; }

    /// <summary>
    /// 无候选人选举 (直接提名, "海选"): no listed candidates; the voter writes a name in each of the contest's name cells
    /// (<see cref="WriteIns"/>, as many as the seats), each with its box. Every vote is a name the scrutineers read.
    /// </summary>
    public bool OpenNomination { get; init; }
}

/// <summary>Where the election is held.</summary>
public sealed record Place
{
    /// <summary>乡镇 / 街道.</summary>
    public string Township { get; init; } = string.Empty;

    /// <summary>村 / 社区.</summary>
    public string Village { get; init; } = string.Empty;
}

/// <summary>The electorate figures known before the day, that the rules count against.</summary>
public sealed record Electorate
{
    /// <summary>应到会有选举权的人数: party members due to attend (party committee elections).</summary>
    public int? DueToAttend { get; init; }

    /// <summary>登记选民: registered voters (villagers' and residents' committees).</summary>
    public int? Registered { get; init; }
}

/// <summary>
/// One election (选举): one vote of one body on one day, as the township election office defines it.
/// The same definition drives printing, reading and counting, so a ballot can only ever be read against the election it was printed for.
/// </summary>
public sealed record ElectionDefinition
{
    public const string CurrentSchema = "ballotscan/election/1";

    /// <summary>The format version of this file.</summary>
    public required string Schema { get; init; }

    /// <summary>A short identifier, unique across elections: letters, digits, '-' and '.', at most 40 (it is printed in the QR codes).</summary>
    public required string Id { get; init; }

    public ElectionType Type { get; init; }

    /// <summary>The title printed on the ballot, e.g. 某某村第十二届村民委员会选举.</summary>
    public required string Title { get; init; }

    public Place Place { get; init; } = new();

    /// <summary>Election day.</summary>
    public DateOnly Date { get; init; }

    public Electorate Electorate { get; init; } = new();

    /// <summary>The first vote, or a 另行选举 for seats left empty.</summary>
    public ElectionRound Round { get; init; } = ElectionRound.Regular;

    /// <summary>For a 另行选举: which round it is (2 for the first 另行选举, 3 for one after it); null for the first vote.</summary>
    public int? RoundNumber { get; init; }

    /// <summary>For a 另行选举: the id of the election's first round, whose result named who stands (its sheets are another election's here).</summary>
    public string? FirstRound { get; init; }

    /// <summary>The counting rules: a named preset and any settings that differ from it.</summary>
    public RuleSettings Rules { get; init; } = new();

    public PaperSize Paper { get; init; } = PaperSize.A4;

    public CandidateOrder Order { get; init; } = CandidateOrder.SurnameStrokes;

    /// <summary>The ballot style printed in the QR codes; one election normally has one style.</summary>
    public string BallotStyle { get; init; } = "A";

    public IReadOnlyList<Contest> Contests { get; init; } = [];

    /// <summary>The rule profile in force: the preset with this definition's settings applied.</summary>
    [JsonIgnore]
    public RuleProfile RuleProfile => Rules.Resolve(Type);
}
