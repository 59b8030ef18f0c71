using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Synthesis;

/// <summary>What a synthetic sheet is, as a whole.</summary>
public enum SheetKind
{
    /// <summary>A ballot of the election, marked by a voter.</summary>
    Ballot,

    /// <summary>A ballot of another election: must be rejected as WrongElection.</summary>
    OtherElection,

    /// <summary>Printed from another version of the definition: must be rejected as LayoutMismatch.</summary>
    LayoutMismatch,

    /// <summary>Its codes name a page the ballot does not have: must be rejected as UnknownPage.</summary>
    UnknownPage,

    /// <summary>A blank sheet: must be rejected as NoCodes.</summary>
    BlankSheet,

    /// <summary>Not a ballot: must be rejected as NoCodes or NotABallot.</summary>
    NotABallot,

    /// <summary>A ballot scanned a second time: same marks, new scan; must be flagged as a possible duplicate.</summary>
    Rescan,

    /// <summary>A file imported twice: identical bytes; must count once.</summary>
    DuplicateFile,
}

/// <summary>The truth of one marking box: what the voter meant and what was drawn.</summary>
/// <param name="BoxId">The layout's box id, e.g. "member/3" or "member/w1".</param>
/// <param name="Symbol">What the box holds, as a careful person would read it.</param>
/// <param name="Corrected">A mark was struck through and another drawn: a person must decide.</param>
/// <param name="Strays">The mark runs over the box border.</param>
/// <param name="Closed">For ○: whether the line meets itself.</param>
/// <param name="Pen">The pen used, when something was drawn.</param>
/// <param name="WriteInName">For a write-in cell: the name written in its name cell, or null.</param>
public sealed record BoxTruth(string BoxId, MarkSymbol Symbol, bool Corrected = false, bool Strays = false, bool Closed = false, PenKind? Pen = null, string? WriteInName = null)
{
    /// <summary>For a real drawing placed in the box: who drew it (the dataset's writer id).</summary>
    public string? Writer { get; init; }

    /// <summary>For a real drawing: its file in the dataset.</summary>
    public string? Source { get; init; }

    /// <summary>For a drawn mark that is none of ○, × and √: what it is (a shape's name, e.g. "heart", "plus").</summary>
    public string? Shape { get; init; }
}

/// <summary>The capture applied to a sheet: every parameter, so any result can be traced to it.</summary>
public sealed record CaptureTruth(
    string Conditions,
    string Format,
    int Quality,
    double RotationDegrees,
    bool UpsideDown,
    double Blur,
    double Noise,
    double Light,
    int Streaks,
    bool Fold,
    string? CutEdge);

/// <summary>Everything known about one synthetic sheet.</summary>
public sealed record SheetTruth
{
    public required int Index { get; init; }

    public required string File { get; init; }

    /// <summary>SHA-256 of the file's bytes, hex.</summary>
    public required string Sha256 { get; init; }

    public required SheetKind Kind { get; init; }

    /// <summary>For a rescan or duplicate file: the sheet it repeats.</summary>
    public int? RepeatOf { get; init; }

    /// <summary>The election, style, page and layout the sheet's codes name (null when it has none).</summary>
    public string? ElectionId { get; init; }

    public int? Page { get; init; }

    public string? LayoutHash { get; init; }

    public required CaptureTruth Capture { get; init; }

    /// <summary>Layout millimetres to image pixels (row-major 3 x 3), for a sheet with a layout.</summary>
    public IReadOnlyList<double>? LayoutToImage { get; init; }

    /// <summary>Every box of the page, for a ballot.</summary>
    public IReadOnlyList<BoxTruth> Boxes { get; init; } = [];

    /// <summary>With <see cref="SynthesisOptions.SealRate"/> above 0: whether the sheet bears the election committee's seal.</summary>
    public bool? Sealed { get; init; }

    /// <summary>The back of a ballot signed by the scrutineers: how many signatures (<see cref="SynthesisOptions.BackSignatureRate"/>).</summary>
    public int? Signatures { get; init; }
}

/// <summary>The corpus as a whole: what it was made from and with, and every sheet.</summary>
public sealed record CorpusManifest
{
    public const string CurrentSchema = "ballotscan/synthetic-corpus/1";

    public required string Schema { get; init; }

    public required string Generator { get; init; }

    public required string ElectionId { get; init; }

    public required string LayoutHash { get; init; }

    public required SynthesisOptions Options { get; init; }

    public required int SheetCount { get; init; }

    public required IReadOnlyDictionary<SheetKind, int> Kinds { get; init; }

    /// <summary>Index, file, kind and hash of each sheet; the full truth is in truth/NNNNNN.json.</summary>
    public required IReadOnlyList<CorpusEntry> Sheets { get; init; }
}

/// <summary>One line of the manifest.</summary>
public sealed record CorpusEntry(int Index, string File, string Truth, SheetKind Kind, string Sha256);
