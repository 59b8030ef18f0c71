using System.Text.Json.Serialization;

namespace BallotScan.Engine.Elections;

/// <summary>
/// What is wrong with an election definition or a candidate list, as a code; its values are beside it in
/// <see cref="DefinitionProblem"/>. Each is said in words, Chinese first, by the Host's ProblemWords; written by name
/// wherever a problem is kept.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DefinitionProblemCode>))]
public enum DefinitionProblemCode
{
    BadAge,
    BadBirth,
    BornAfterElection,
    TooYoung,
    UnknownEducation,
    UnknownEthnicity,
    UnknownPolitical,
    UnknownTenure,
    BadBallotStyle,
    BadContestId,
    BadDate,
    BadId,
    BadJson,
    BadNumber,
    BadRound,
    BadValue,
    BadWriteIns,
    CharacterNotInFont,
    DuplicateCandidate,
    DuplicateContestId,
    Empty,
    EmptyContestTitle,
    EmptyName,
    EmptyTitle,
    FileNotFound,
    FullWidthPunctuation,
    MissingElectorate,
    MissingField,
    NameTooLong,
    NoCandidates,
    NoContest,
    NoContests,
    NoNames,
    NoSeats,
    NoStrokeCount,
    NoWomanCandidate,
    NotAList,

    /// <summary>A candidate list larger than any is, or a workbook that unpacks to more (values: file, limitMb).</summary>
    ListTooLarge,
    OpenNominationCells,
    SameNameInTwoContests,
    SeatsDiffer,
    SerialNumbers,
    StrokeTie,
    TooFewCandidates,
    UnknownField,
    UnknownPreset,
    UnknownSetting,
    UnreadableList,
    UnsupportedSchema,
    ZeroSeats,
}
