using System.Text.Json.Serialization;

namespace BallotScan.Engine.Problems;

/// <summary>
/// What is wrong with a file a person wrote (a hand tally, the ballots issued per batch, a spot-check record), as a code;
/// its values are beside it in <see cref="FileProblem"/>. Each is said in words, Chinese first, by the Host's ProblemWords;
/// written by name wherever a problem is kept.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileProblemCode>))]
public enum FileProblemCode
{
    BadCount,
    BadJson,
    LineTwice,
    LinesLeftOut,
    MoreThanBallots,
    NameNeeded,
    NoBatchColumns,
    NoLines,
    NoLinesArray,
    NoNumbers,
    NoSuchBox,
    NoSuchSheet,
    NotABallotCount,
    NotACandidate,
    NotAContest,
    NotAFinding,
    NotAHandTally,
    NotALine,
    NotASheetOfTheCount,
    NotASymbol,
    NotATable,
    NotYesOrNo,
    SumsDiffer,

    /// <summary>A table file larger than any list or tally is, or a workbook that unpacks to more (values: file, limitMb).</summary>
    TableTooLarge,
    UnreadableWorkbook,
}
