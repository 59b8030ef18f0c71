namespace BallotScan.Lab.Synthesis;

/// <summary>The capture a corpus simulates.</summary>
public enum CaptureConditions
{
    /// <summary>A sheet-fed scanner: small skew, upside-down feeds, grayscale JPEG or 1-bit TIFF, streaks.</summary>
    Scanner,

    /// <summary>A phone or document camera: perspective, uneven light, background around the page, blur.</summary>
    Camera,

    /// <summary>Each sheet scanner or camera at random (two to one).</summary>
    Mixed,
}

/// <summary>
/// Every knob of the synthetic generator, with its default. docs/synthesis.md describes each (meaning, range, default),
/// so that an evaluation names exactly what it ran on. A plain value: copy with <c>with { … }</c>.
/// </summary>
public sealed record SynthesisOptions
{
    // ---- the corpus ----

    /// <summary>Seed of the whole corpus; each sheet's randomness derives from it and the sheet's number.</summary>
    public int Seed { get; init; } = 1;

    public CaptureConditions Conditions { get; init; } = CaptureConditions.Scanner;

    /// <summary>Scan resolution in dots per inch.</summary>
    public int Dpi { get; init; } = 200;

    // ---- voters ----

    /// <summary>Per contest: chance the voter approves as many as the seats (otherwise any number from none to the seats).</summary>
    public double FullApprovalRate { get; init; } = 0.7;

    /// <summary>Share of ballots left with no mark at all.</summary>
    public double BlankBallotRate { get; init; } = 0.02;

    /// <summary>Per contest: chance the voter approves one more than the seats (an over-vote).</summary>
    public double OverVoteRate { get; init; } = 0.015;

    /// <summary>Per contest with write-in cells: chance of writing in a name.</summary>
    public double WriteInRate { get; init; } = 0.05;

    /// <summary>Share of write-ins that are a listed candidate's name.</summary>
    public double WriteInListedNameRate { get; init; } = 0.1;

    /// <summary>Share of write-ins with no ○ in the box.</summary>
    public double WriteInWithoutCircleRate { get; init; } = 0.15;

    /// <summary>Per box: chance the voter leaves it blank rather than marking ×, for a candidate not approved.</summary>
    public double AbstainRate { get; init; } = 0.35;

    /// <summary>
    /// Per candidate name: how likely a voter approves them against the others of the contest, as a village's preferences
    /// (the demo's election); null: every candidate alike (the corpora's voters, whose draws it leaves as they were).
    /// </summary>
    public IReadOnlyDictionary<string, double>? Popularity { get; init; }

    /// <summary>Per approval: chance it is drawn as √ instead of ○.</summary>
    public double CheckInsteadOfCircleRate { get; init; } = 0.02;

    /// <summary>Per marked box: chance of something that is not ○, × or √ (scribble, blot, dash, dot).</summary>
    public double OtherMarkRate { get; init; } = 0.004;

    /// <summary>Per marked box: chance the mark is struck through and redrawn (a correction).</summary>
    public double CorrectionRate { get; init; } = 0.004;

    /// <summary>Per marked box: chance the mark strays over the box border.</summary>
    public double StrayRate { get; init; } = 0.02;

    /// <summary>Specks and stray dots per sheet (mean of a uniform 0 to twice this).</summary>
    public double SpecksPerSheet { get; init; } = 3;

    // ---- the seal ----

    /// <summary>
    /// Per ballot: chance it bears the election committee's seal (选举委员会印章, <see cref="SealStamp"/>), stamped in its seal
    /// area (印章区) or, without one, over the title. 0 (the default) stamps none; the truth says which sheets bear one.
    /// </summary>
    public double SealRate { get; init; }

    /// <summary>
    /// Per blank sheet (<see cref="BlankSheetRate"/>: the back of a ballot in a duplex scan): chance it carries the
    /// 监票人's signatures, as some venues sign the back of each ballot. It must still be set aside as no ballot.
    /// </summary>
    public double BackSignatureRate { get; init; }

    // ---- real marks ----

    /// <summary>
    /// A pack of real hand-drawn shapes (<see cref="RealMarkSet"/>, e.g. calibration/real-marks/hand-drawn-shapes.bin.gz):
    /// with <see cref="RealMarkRate"/> above 0, that share of ○ and of other marks are real drawings instead of drawn ones.
    /// </summary>
    public string? RealMarks { get; init; }

    /// <summary>Only these writers of the pack (comma-separated); null: every writer in it.</summary>
    public string? RealMarkWriters { get; init; }

    /// <summary>Per ○ and per other mark: chance it is a real drawing from <see cref="RealMarks"/>.</summary>
    public double RealMarkRate { get; init; }

    // ---- pens (the rest are ballpoint) ----

    public double GelShare { get; init; } = 0.3;

    public double PencilShare { get; init; } = 0.05;

    public double LightPenShare { get; init; } = 0.03;

    // ---- whole-sheet cases (the rest are ballots of this election) ----

    /// <summary>A ballot of another election.</summary>
    public double OtherElectionRate { get; init; } = 0.004;

    /// <summary>This election's ballot printed from another version of the definition (layout hash differs).</summary>
    public double LayoutMismatchRate { get; init; } = 0.002;

    /// <summary>A page number this ballot does not have.</summary>
    public double UnknownPageRate { get; init; } = 0.002;

    /// <summary>A blank sheet of paper.</summary>
    public double BlankSheetRate { get; init; } = 0.003;

    /// <summary>A photo or scan of something that is not a ballot (sometimes with a QR code of its own).</summary>
    public double NotABallotRate { get; init; } = 0.003;

    /// <summary>A sheet scanned again (same marks, new scan).</summary>
    public double RescanRate { get; init; } = 0.003;

    /// <summary>A file imported twice (identical bytes).</summary>
    public double DuplicateFileRate { get; init; } = 0.002;

    // ---- scanner ----

    /// <summary>Largest skew in degrees (uniform ±).</summary>
    public double ScannerMaxSkewDegrees { get; init; } = 5;

    /// <summary>Share of sheets fed upside down.</summary>
    public double UpsideDownRate { get; init; } = 0.25;

    /// <summary>Largest offset of the page on the scan, millimetres.</summary>
    public double ScannerMaxOffsetMm { get; init; } = 3;

    /// <summary>Largest scale error (0.01 = 1 %).</summary>
    public double ScannerMaxScaleError { get; init; } = 0.01;

    /// <summary>Share of scans saved as 1-bit CCITT G4 TIFF (the rest grayscale JPEG).</summary>
    public double BilevelTiffShare { get; init; } = 0.2;

    /// <summary>JPEG quality range.</summary>
    public int JpegQualityMin { get; init; } = 70;

    public int JpegQualityMax { get; init; } = 95;

    /// <summary>Largest Gaussian blur sigma, pixels.</summary>
    public double ScannerMaxBlur { get; init; } = 0.8;

    /// <summary>Largest sensor noise standard deviation, gray levels.</summary>
    public double MaxNoise { get; init; } = 5;

    /// <summary>Share of scans with vertical streaks from dirty scanner glass.</summary>
    public double StreakRate { get; init; } = 0.05;

    /// <summary>Share of sheets with a fold line.</summary>
    public double FoldRate { get; init; } = 0.03;

    /// <summary>Share of sheets with a strip cut off at one edge (losing part of one corner code at most).</summary>
    public double CutEdgeRate { get; init; } = 0.02;

    // ---- camera ----

    /// <summary>Largest in-plane rotation of a photo, degrees.</summary>
    public double CameraMaxRotationDegrees { get; init; } = 10;

    /// <summary>Largest displacement of each page corner by perspective, as a share of the page width.</summary>
    public double CameraMaxPerspective { get; init; } = 0.06;

    /// <summary>Darkest corner of the uneven light, as a share of full brightness (1 = even light).</summary>
    public double CameraMinLight { get; init; } = 0.6;

    /// <summary>Camera blur sigma range, pixels.</summary>
    public double CameraMaxBlur { get; init; } = 1.3;

    /// <summary>These options with every sheet a ballot of the election: no foreign, blank, repeated or other-version sheets.</summary>
    public SynthesisOptions OnlyBallots() => this with
    {
        OtherElectionRate = 0, LayoutMismatchRate = 0, UnknownPageRate = 0, BlankSheetRate = 0, NotABallotRate = 0, RescanRate = 0, DuplicateFileRate = 0,
    };
}
