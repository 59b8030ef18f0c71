using BallotScan.Engine.Elections;
using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Layout;

/// <summary>A rectangle on the paper in millimetres from the top-left corner of the sheet.</summary>
public readonly record struct RectMm(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public PointD Center => new(X + (Width / 2), Y + (Height / 2));

    /// <summary>Top-left, top-right, bottom-right, bottom-left.</summary>
    public PointD[] Corners() => [new(X, Y), new(Right, Y), new(Right, Bottom), new(X, Bottom)];

    /// <summary>This rectangle shrunk by <paramref name="margin"/> on every side.</summary>
    public RectMm Inset(double margin) => new(X + margin, Y + margin, Width - (2 * margin), Height - (2 * margin));
}

/// <summary>The corner of the sheet a QR code is printed in.</summary>
public enum Corner
{
    TopLeft,
    TopRight,
    BottomRight,
    BottomLeft,
}

/// <summary>One of the four QR codes of a sheet: where it is printed and what it says.</summary>
/// <param name="Corner">Which corner of the sheet.</param>
/// <param name="Payload">The encoded text (<see cref="QrPayload"/>).</param>
/// <param name="Symbol">The symbol's outer edge, without its quiet zone.</param>
/// <param name="Modules">Modules per side.</param>
public sealed record QrPlacement(Corner Corner, string Payload, RectMm Symbol, int Modules);

/// <summary>What a marking box is for.</summary>
public enum BoxKind
{
    /// <summary>The box of a listed candidate.</summary>
    Candidate,

    /// <summary>The box of a write-in cell (另选他人); its name cell is blank for the voter to write in.</summary>
    WriteIn,
}

/// <summary>A marking box and the name cell that belongs to it.</summary>
/// <param name="Id">Stable within the election: "contest/3" for the third listed candidate in ballot order, "contest/w1" for the first write-in cell.</param>
/// <param name="ContestId">The contest (职位).</param>
/// <param name="Kind">Candidate or write-in.</param>
/// <param name="Position">1-based position among the contest's boxes of this kind, in ballot order.</param>
/// <param name="CandidateName">The printed name; null for a write-in cell.</param>
/// <param name="Box">The printed square the voter marks (its outer edge).</param>
/// <param name="NameCell">The cell holding the printed name, or blank for a write-in.</param>
public sealed record MarkingBox(string Id, string ContestId, BoxKind Kind, int Position, string? CandidateName, RectMm Box, RectMm NameCell);

/// <summary>How a line of text sits in its rectangle.</summary>
public enum TextAlignment
{
    Left,
    Center,
}

/// <summary>Printed text: the title, the instructions, contest headings, names.</summary>
public sealed record TextItem(string Text, RectMm Box, double SizePt, bool Bold = false, TextAlignment Alignment = TextAlignment.Center);

/// <summary>A printed straight line (table rules), in millimetres.</summary>
public sealed record LineMm(double X1, double Y1, double X2, double Y2, double WidthMm);

/// <summary>The seal area (印章区) of a sheet: where the election committee stamps each ballot it issues.</summary>
/// <param name="Box">The printed square.</param>
/// <param name="Required">A sheet whose seal area holds no stamp goes to the scrutineers (a ballot not issued at the venue).</param>
public sealed record SealArea(RectMm Box, bool Required);

/// <summary>Everything printed on one page (one side) of the ballot.</summary>
public sealed record SheetLayout(
    int Page,
    IReadOnlyList<QrPlacement> QrCodes,
    IReadOnlyList<MarkingBox> Boxes,
    IReadOnlyList<TextItem> Texts,
    IReadOnlyList<LineMm> Lines)
{
    /// <summary>The seal area, when the rules print one (<see cref="Elections.RuleProfile.SealArea"/>).</summary>
    public SealArea? Seal { get; init; }
}

/// <summary>A contest as printed: its candidates in ballot order.</summary>
public sealed record ContestLayout(string Id, string Title, int Seats, IReadOnlyList<string> Candidates, int WriteIns);

/// <summary>
/// The geometry of one ballot style, in millimetres: what is printed where. It is the template the reader fits to
/// each scan, the synthetic generator draws marks into, and the proofer checks prints against.
/// </summary>
public sealed record BallotLayout
{
    public const string CurrentSchema = "ballotscan/layout/1";

    public required string Schema { get; init; }

    public required string ElectionId { get; init; }

    public required string BallotStyle { get; init; }

    /// <summary>A hash of everything printed (<see cref="LayoutHasher"/>): a print from an older definition does not match.</summary>
    public required string LayoutHash { get; init; }

    public PaperSize Paper { get; init; }

    public double WidthMm { get; init; }

    public double HeightMm { get; init; }

    /// <summary>Marking boxes' border line width, mm.</summary>
    public double BoxLineMm { get; init; }

    /// <summary>The contests in printed order with candidates in ballot order.</summary>
    public required IReadOnlyList<ContestLayout> Contests { get; init; }

    public required IReadOnlyList<SheetLayout> Pages { get; init; }

    /// <summary>Every marking box on every page.</summary>
    public IEnumerable<MarkingBox> AllBoxes => Pages.SelectMany(p => p.Boxes);

    /// <summary>The page a sheet was read as (1-based; none or out of range: the nearest page, the first for none).</summary>
    public SheetLayout PageOf(int? page) => Pages[Math.Clamp((page ?? 1) - 1, 0, Pages.Count - 1)];
}
