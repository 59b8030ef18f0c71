using System.Text.Json.Serialization;

namespace BallotScan.Engine.Elections;

/// <summary>What is wrong with an election definition or a candidate list, as a code; its values are beside it in <see cref="DefinitionProblem"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DefinitionProblemCode>))]
public enum DefinitionProblemCode
{
    /// <summary>BadBallotStyle (its words: the Host's ProblemWords).</summary>
    BadBallotStyle,

    /// <summary>BadContestId (its words: the Host's ProblemWords).</summary>
    BadContestId,

    /// <summary>BadDate (its words: the Host's ProblemWords).</summary>
    BadDate,

    /// <summary>BadId (its words: the Host's ProblemWords).</summary>
    BadId,

    /// <summary>BadJson (its words: the Host's ProblemWords).</summary>
    BadJson,

    /// <summary>BadNumber (its words: the Host's ProblemWords).</summary>
    BadNumber,

    /// <summary>BadValue (its words: the Host's ProblemWords).</summary>
    BadValue,

    /// <summary>BadWriteIns (its words: the Host's ProblemWords).</summary>
    BadWriteIns,

    /// <summary>CharacterNotInFont (its words: the Host's ProblemWords).</summary>
    CharacterNotInFont,

    /// <summary>DuplicateCandidate (its words: the Host's ProblemWords).</summary>
    DuplicateCandidate,

    /// <summary>DuplicateContestId (its words: the Host's ProblemWords).</summary>
    DuplicateContestId,

    /// <summary>Empty (its words: the Host's ProblemWords).</summary>
    Empty,

    /// <summary>EmptyContestTitle (its words: the Host's ProblemWords).</summary>
    EmptyContestTitle,

    /// <summary>EmptyName (its words: the Host's ProblemWords).</summary>
    EmptyName,

    /// <summary>EmptyTitle (its words: the Host's ProblemWords).</summary>
    EmptyTitle,

    /// <summary>FileNotFound (its words: the Host's ProblemWords).</summary>
    FileNotFound,

    /// <summary>FullWidthPunctuation (its words: the Host's ProblemWords).</summary>
    FullWidthPunctuation,

    /// <summary>MissingElectorate (its words: the Host's ProblemWords).</summary>
    MissingElectorate,

    /// <summary>MissingField (its words: the Host's ProblemWords).</summary>
    MissingField,

    /// <summary>NameTooLong (its words: the Host's ProblemWords).</summary>
    NameTooLong,

    /// <summary>NoCandidates (its words: the Host's ProblemWords).</summary>
    NoCandidates,

    /// <summary>NoContest (its words: the Host's ProblemWords).</summary>
    NoContest,

    /// <summary>NoContests (its words: the Host's ProblemWords).</summary>
    NoContests,

    /// <summary>NoSeats (its words: the Host's ProblemWords).</summary>
    NoSeats,

    /// <summary>NoStrokeCount (its words: the Host's ProblemWords).</summary>
    NoStrokeCount,

    /// <summary>NoWomanCandidate (its words: the Host's ProblemWords).</summary>
    NoWomanCandidate,

    /// <summary>NotAList (its words: the Host's ProblemWords).</summary>
    NotAList,

    /// <summary>SameNameInTwoContests (its words: the Host's ProblemWords).</summary>
    SameNameInTwoContests,

    /// <summary>SeatsDiffer (its words: the Host's ProblemWords).</summary>
    SeatsDiffer,

    /// <summary>SerialNumbers (its words: the Host's ProblemWords).</summary>
    SerialNumbers,

    /// <summary>StrokeTie (its words: the Host's ProblemWords).</summary>
    StrokeTie,

    /// <summary>TooFewCandidates (its words: the Host's ProblemWords).</summary>
    TooFewCandidates,

    /// <summary>UnknownField (its words: the Host's ProblemWords).</summary>
    UnknownField,

    /// <summary>UnknownPreset (its words: the Host's ProblemWords).</summary>
    UnknownPreset,

    /// <summary>UnknownSetting (its words: the Host's ProblemWords).</summary>
    UnknownSetting,

    /// <summary>UnreadableList (its words: the Host's ProblemWords).</summary>
    UnreadableList,

    /// <summary>UnsupportedSchema (its words: the Host's ProblemWords).</summary>
    UnsupportedSchema,

    /// <summary>ZeroSeats (its words: the Host's ProblemWords).</summary>
    ZeroSeats,
}
