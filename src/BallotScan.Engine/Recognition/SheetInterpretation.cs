using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>Why a person must look at a sheet or a position before it is counted.</summary>
public enum ReviewReason
{
    /// <summary>The mark lies between the confident bands: the machine is not sure what it is.</summary>
    MarginalMark,

    /// <summary>Something that is not ○, × or √: a scribble, a blot, a dash, a correction.</summary>
    UnrecognisedSymbol,

    /// <summary>A name is written in a write-in cell: a person reads it and matches it.</summary>
    WriteIn,

    /// <summary>Ink runs over the box border: whose box it is, and whether it counts, is for a person.</summary>
    StrayMark,

    /// <summary>The printed box could not be found where the layout puts it (covered, torn, folded).</summary>
    Unreadable,

    /// <summary>The sheet is skewed beyond the set limit.</summary>
    ExcessSkew,

    /// <summary>A ballot of another election.</summary>
    WrongElection,

    /// <summary>Printed from another version of the definition.</summary>
    LayoutMismatch,

    /// <summary>A ballot style or page this election does not have.</summary>
    UnknownStyleOrPage,

    /// <summary>No ballot codes: a blank sheet or something other than a ballot.</summary>
    NotABallot,

    /// <summary>Too few codes could be read, or they do not fit the layout.</summary>
    Unlocatable,

    /// <summary>The same file (or the same paper) was read before.</summary>
    Duplicate,

    /// <summary>
    /// A different image whose marks match, box by box, a sheet read before: perhaps the same paper fed again (重复扫描).
    /// The scrutineers compare the two images and decide whether it is a second ballot or the same one.
    /// </summary>
    PossibleRescan,

    /// <summary>
    /// This page of a multi-page file is pixel for pixel an earlier page of the same file: a page copied (no two scans of
    /// paper are identical), so the scrutineers decide whether it is another ballot.
    /// </summary>
    IdenticalPage,

    /// <summary>The rules require the election committee's seal (印章区) and the sheet's seal area holds no stamp: perhaps a
    /// ballot not issued at the venue. The scrutineers look at the paper and count it or void it.</summary>
    NoSeal,
}

/// <summary>Whether a decision may be counted without a person.</summary>
public enum DecisionBand
{
    /// <summary>The machine is sure: counted as read.</summary>
    Confident,

    /// <summary>Between the bands, or needing a person for another reason: not counted until a scrutineer decides.</summary>
    Review,
}

/// <summary>The machine's reading of one marking box, with every raw figure it was decided on.</summary>
/// <param name="BoxId">The layout's box id.</param>
/// <param name="ContestId">The contest.</param>
/// <param name="Kind">Candidate box or write-in cell.</param>
/// <param name="Symbol">The most likely symbol.</param>
/// <param name="Confidence">The classifier's probability of that symbol, 0 to 1.</param>
/// <param name="Band">Confident, or Review.</param>
/// <param name="Reasons">Why it needs a person (empty when confident).</param>
/// <param name="Probabilities">The classifier's probability of each symbol (Blank, Circle, Cross, Check, Other).</param>
/// <param name="Features">The raw features of the ink (see <see cref="MarkFeatures"/>).</param>
/// <param name="SnapMm">How far the printed border was found from where the layout put it (x, y), millimetres.</param>
/// <param name="BorderScore">How completely the printed border was seen, 0 to 1.</param>
/// <param name="WriteInInk">For a write-in cell: the share of its name cell covered by ink.</param>
/// <param name="StreakRemoved">A scanner streak ran through the box and was taken out before the mark was read.</param>
public sealed record PositionReading(
    string BoxId,
    string ContestId,
    BoxKind Kind,
    MarkSymbol Symbol,
    double Confidence,
    DecisionBand Band,
    IReadOnlyList<ReviewReason> Reasons,
    IReadOnlyList<double> Probabilities,
    IReadOnlyList<double> Features,
    IReadOnlyList<double> SnapMm,
    double BorderScore,
    double? WriteInInk,
    bool StreakRemoved)
{
    /// <summary>Ink pixels (at 8 px/mm) taken out as specks: many are a stroke broken into dots, and send the box to a person.</summary>
    public int SpeckPixels { get; init; }

    /// <summary>Ink pixels within 0.5 mm inside the box's border: a √ running into the border goes to a person.</summary>
    public int BorderTouchPixels { get; init; }

    /// <summary>The mark's geometry the symbol guards checked (roundness, stroke directions, crossing, leg angle).</summary>
    public MarkGeometry Geometry { get; init; } = MarkGeometry.None;

    /// <summary>The symbol guards this reading failed (<see cref="SymbolGuard"/>): why its shape sent it to a person.</summary>
    public IReadOnlyList<SymbolGuard> Guards { get; init; } = [];
}

/// <summary>
/// What the machine read on one sheet image (JSON): which ballot and page, how it lay on the image, every position
/// with its raw scores, and every reason a person must look. The original reading is never edited; decisions are added beside it.
/// </summary>
public sealed record SheetInterpretation
{
    public const string CurrentSchema = "ballotscan/interpretation/1";

    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The image file as received, when read from a file.</summary>
    public string? Source { get; init; }

    /// <summary>SHA-256 of the image file's bytes.</summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// The sheet's identity wherever it is counted, reviewed or archived: the image file's SHA-256, and for a page after the
    /// first of a multi-page file, "/" and that page. Nothing in it identifies a voter.
    /// </summary>
    public string SheetId => (Sha256 ?? Source ?? "unnamed") + (SourcePage > 0 ? $"/{SourcePage}" : string.Empty);

    /// <summary>The page of a multi-page file (TIFF), 0-based.</summary>
    public int SourcePage { get; init; }

    /// <summary>
    /// The batch the sheet's paper belongs to (批次: a ballot box such as 中心会场 or 流动票箱1, or one scanner run), as named at
    /// intake. Kept so that the paper behind an image can be found: each batch's paper stays together, in scan order.
    /// </summary>
    public string? Batch { get; init; }

    /// <summary>The image file's place in its batch (1 first, in the order taken in); with <see cref="SourcePage"/>, the paper's place.</summary>
    public int? BatchPosition { get; init; }

    /// <summary>Whether the sheet was located and read. A rejected sheet has no positions and says why.</summary>
    public bool Accepted { get; init; }

    public string? ElectionId { get; init; }

    public string? BallotStyle { get; init; }

    public int? Page { get; init; }

    public string? LayoutHash { get; init; }

    /// <summary>The sheet's rotation on the image, degrees (180: fed upside down).</summary>
    public double? RotationDegrees { get; init; }

    public double? SkewDegrees { get; init; }

    /// <summary>RMS distance of the QR corners from the fitted layout, pixels.</summary>
    public double? ResidualPx { get; init; }

    /// <summary>The scan's scale, pixels per millimetre.</summary>
    public double? PixelsPerMm { get; init; }

    /// <summary>
    /// Where the page's layout lies on the image: the homography from layout millimetres to image pixels, row-major 3 x 3.
    /// With it a box of the layout can be outlined on the original image for the scrutineers.
    /// </summary>
    public IReadOnlyList<double>? LayoutToImage { get; init; }

    /// <summary>The corner QR codes read.</summary>
    public int CodesRead { get; init; }

    /// <summary>Reasons that concern the sheet as a whole.</summary>
    public IReadOnlyList<ReviewReason> SheetReasons { get; init; } = [];

    /// <summary>Where the rules require the seal: the share of the seal area that is ink (<see cref="SealInspector"/>), kept as read.</summary>
    public double? SealInk { get; init; }

    /// <summary>Where the rules require the seal: how well the best seal-sized circle in the area is inked (0 to 1), kept as read.</summary>
    public double? SealRing { get; init; }

    /// <summary>For a rejected sheet: what was wrong, for a person.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// What this sheet repeats: the earlier sheet whose marks it matches (<see cref="ReviewReason.PossibleRescan"/>), or the
    /// file it is byte for byte (<see cref="ReviewReason.Duplicate"/>); each edge says it in its reader's language.
    /// </summary>
    public string? SameAs { get; init; }

    public IReadOnlyList<PositionReading> Positions { get; init; } = [];

    /// <summary>Whether anything on the sheet waits for a person.</summary>
    public bool NeedsReview => !Accepted || SheetReasons.Count > 0 || Positions.Any(p => p.Band == DecisionBand.Review);

    /// <summary>Milliseconds spent reading (decode excluded).</summary>
    public double ReadMs { get; init; }
}
