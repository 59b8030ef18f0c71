using System.Text.Json.Serialization;

namespace BallotScan.Engine.Problems;

/// <summary>What is wrong with a file a person wrote (a hand tally, the ballots issued per batch, a spot-check record), as a code; its values are beside it in <see cref="FileProblem"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileProblemCode>))]
public enum FileProblemCode
{
    /// <summary>BadCount (its words: the Host's ProblemWords).</summary>
    BadCount,

    /// <summary>BadJson (its words: the Host's ProblemWords).</summary>
    BadJson,

    /// <summary>LineTwice (its words: the Host's ProblemWords).</summary>
    LineTwice,

    /// <summary>LinesLeftOut (its words: the Host's ProblemWords).</summary>
    LinesLeftOut,

    /// <summary>MoreThanBallots (its words: the Host's ProblemWords).</summary>
    MoreThanBallots,

    /// <summary>NameNeeded (its words: the Host's ProblemWords).</summary>
    NameNeeded,

    /// <summary>NoBatchColumns (its words: the Host's ProblemWords).</summary>
    NoBatchColumns,

    /// <summary>NoLines (its words: the Host's ProblemWords).</summary>
    NoLines,

    /// <summary>NoLinesArray (its words: the Host's ProblemWords).</summary>
    NoLinesArray,

    /// <summary>NoNumbers (its words: the Host's ProblemWords).</summary>
    NoNumbers,

    /// <summary>NoSuchBox (its words: the Host's ProblemWords).</summary>
    NoSuchBox,

    /// <summary>NoSuchSheet (its words: the Host's ProblemWords).</summary>
    NoSuchSheet,

    /// <summary>NotABallotCount (its words: the Host's ProblemWords).</summary>
    NotABallotCount,

    /// <summary>NotACandidate (its words: the Host's ProblemWords).</summary>
    NotACandidate,

    /// <summary>NotAContest (its words: the Host's ProblemWords).</summary>
    NotAContest,

    /// <summary>NotAFinding (its words: the Host's ProblemWords).</summary>
    NotAFinding,

    /// <summary>NotAHandTally (its words: the Host's ProblemWords).</summary>
    NotAHandTally,

    /// <summary>NotALine (its words: the Host's ProblemWords).</summary>
    NotALine,

    /// <summary>NotASheetOfTheCount (its words: the Host's ProblemWords).</summary>
    NotASheetOfTheCount,

    /// <summary>NotASymbol (its words: the Host's ProblemWords).</summary>
    NotASymbol,

    /// <summary>NotATable (its words: the Host's ProblemWords).</summary>
    NotATable,

    /// <summary>NotYesOrNo (its words: the Host's ProblemWords).</summary>
    NotYesOrNo,

    /// <summary>SumsDiffer (its words: the Host's ProblemWords).</summary>
    SumsDiffer,

    /// <summary>UnreadableWorkbook (its words: the Host's ProblemWords).</summary>
    UnreadableWorkbook,
}
