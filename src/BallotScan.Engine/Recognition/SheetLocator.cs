using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>Why a sheet could not be located; each is also a review reason.</summary>
public enum LocateFailure
{
    /// <summary>No QR code was found: a blank sheet, a photo of something else, or codes too damaged to read.</summary>
    NoCodes,

    /// <summary>QR codes were found, but none is a BallotScan ballot code.</summary>
    NotABallot,

    /// <summary>The codes disagree with each other (parts of two different ballots).</summary>
    InconsistentCodes,

    /// <summary>A ballot of another election.</summary>
    WrongElection,

    /// <summary>A ballot style this election does not have.</summary>
    UnknownStyle,

    /// <summary>A page number the ballot does not have.</summary>
    UnknownPage,

    /// <summary>The right election, but printed from a different layout (the definition changed after printing).</summary>
    LayoutMismatch,

    /// <summary>Only one ballot code could be read: not enough to fit the sheet safely.</summary>
    TooFewCodes,

    /// <summary>The codes read do not sit where the layout puts them (a fold, a cut, a torn corner).</summary>
    ExcessResidual,
}

/// <summary>One ballot code found on a sheet.</summary>
public sealed record FoundCode(QrPayload Payload, IReadOnlyList<PointD> Corners);

/// <summary>A sheet whose ballot, page and position on the image are known.</summary>
/// <param name="Layout">The layout the sheet was printed from.</param>
/// <param name="Page">The sheet's page of that layout.</param>
/// <param name="Codes">The ballot codes read.</param>
/// <param name="LayoutToImage">Millimetres on the paper to pixels on the image.</param>
/// <param name="ResidualPx">RMS distance between where the fit puts the QR corners and where they were read.</param>
/// <param name="RotationDegrees">The sheet's rotation on the image, −180 to 180 (180 for an upside-down feed).</param>
/// <param name="PixelsPerMm">The scan's scale along the sheet's x axis.</param>
/// <param name="UsedWholePage">Whether the corner crops failed and the whole page had to be searched.</param>
public sealed record LocatedSheet(
    BallotLayout Layout,
    SheetLayout Page,
    IReadOnlyList<FoundCode> Codes,
    Homography LayoutToImage,
    double ResidualPx,
    double RotationDegrees,
    double PixelsPerMm,
    bool UsedWholePage)
{
    /// <summary>How far the sheet is from the nearest quarter turn, in degrees (0 for a straight feed).</summary>
    public double SkewDegrees => RotationDegrees - (90 * Math.Round(RotationDegrees / 90));
}

/// <summary>What locating a sheet gave: the sheet, or why not, in words for the scrutineers.</summary>
public sealed record LocateResult(LocatedSheet? Sheet, LocateFailure? Failure, string Message, IReadOnlyList<QrPayload> PayloadsRead)
{
    public bool Succeeded => Sheet is not null;
}

/// <summary>Options for <see cref="SheetLocator.Locate(GrayImage, IReadOnlyList{BallotLayout}, LocateOptions?)"/>. A plain value.</summary>
public readonly record struct LocateOptions()
{
    /// <summary>First try: square corner crops of this share of the image's shorter side (about 36 mm on an A4 scan: the code and its quiet zone with room for a feeder's shift).</summary>
    public double TightCropFraction { get; init; } = 0.17;

    /// <summary>Second try: corner crops of this share of the image width and height.</summary>
    public double CornerCropFraction { get; init; } = 0.3;

    /// <summary>A QR corner farther than this from the fit is dropped as an outlier (pixels).</summary>
    public double OutlierTolerancePx { get; init; } = 6;

    /// <summary>Above this RMS residual (pixels) the sheet is not trusted.</summary>
    public double MaxResidualPx { get; init; } = 4;

    /// <summary>
    /// Refuse a sheet whose layout hash differs from the election's (always, when reading votes). Proofing turns it off
    /// to go on and find which printed names differ.
    /// </summary>
    public bool RequireLayoutHash { get; init; } = true;
}

/// <summary>
/// Finds a ballot sheet on an image by its corner QR codes: which election, style and page it is, and where it lies.
/// Corner crops first (fast), the whole page only when they do not give two codes.
/// </summary>
public static class SheetLocator
{
    /// <summary>Locates the sheet on <paramref name="image"/> against the election's <paramref name="layouts"/> (one per ballot style).</summary>
    public static LocateResult Locate(GrayImage image, IReadOnlyList<BallotLayout> layouts, LocateOptions? options = null) =>
        Locate(image, layouts, options ?? new LocateOptions(), firstCodes: null);

    /// <summary>
    /// As the public call; <paramref name="firstCodes"/>, when given, are the codes of the tight corner squares each read up
    /// to its first code (<see cref="ReadFirstCodes"/> of the four <see cref="TightSquares"/> in their order), read
    /// already: as that is the locator's own first step, the result is the same.
    /// </summary>
    internal static LocateResult Locate(GrayImage image, IReadOnlyList<BallotLayout> layouts, LocateOptions o, IReadOnlyList<QrSymbol>? firstCodes)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(layouts);
        // Tight corner squares first (where a scanner puts the codes), larger corner crops next, the whole page last.
        IReadOnlyList<QrSymbol> symbols = ReadTightCorners(image, o.TightCropFraction, firstCodes);
        if (Ballot(symbols).Count < 2)
        {
            symbols = ReadCorners(image, o.CornerCropFraction, square: false);
        }

        var wholePage = false;
        if (Ballot(symbols).Count < 2)
        {
            symbols = QrReader.Read(image);
            wholePage = true;
        }

        var codes = Ballot(symbols);
        var payloads = codes.Select(c => c.Payload).ToList();
        if (codes.Count == 0)
        {
            return symbols.Count == 0
                ? Fail(LocateFailure.NoCodes, "No QR code was found: a blank sheet, something other than a ballot, or codes too damaged or blurred to read.", payloads)
                : Fail(LocateFailure.NotABallot, $"The sheet carries QR codes that are not BallotScan ballot codes (e.g. \"{Shorten(symbols[0].Text)}\").", payloads);
        }

        var first = codes[0].Payload;
        if (codes.Any(c => c.Payload with { Corner = first.Corner } != first))
        {
            return Fail(LocateFailure.InconsistentCodes, "The QR codes on this sheet disagree (they belong to different ballots or pages).", payloads);
        }

        var ofElection = layouts.Where(l => l.ElectionId == first.ElectionId).ToList();
        if (ofElection.Count == 0)
        {
            return Fail(LocateFailure.WrongElection, $"This ballot belongs to election '{first.ElectionId}', not to {string.Join(" / ", layouts.Select(l => $"'{l.ElectionId}'").Distinct())}.", payloads);
        }

        var layout = ofElection.FirstOrDefault(l => l.BallotStyle == first.BallotStyle);
        if (layout is null)
        {
            return Fail(LocateFailure.UnknownStyle, $"Ballot style '{first.BallotStyle}' is not a style of this election.", payloads);
        }

        if (o.RequireLayoutHash && layout.LayoutHash != first.LayoutHash)
        {
            return Fail(LocateFailure.LayoutMismatch, $"The ballot was printed from a different version of the election definition (layout {first.LayoutHash}, expected {layout.LayoutHash}): names, order or boxes may differ.", payloads);
        }

        if (first.Page > layout.Pages.Count || first.PageCount != layout.Pages.Count)
        {
            return Fail(LocateFailure.UnknownPage, $"Page {first.Page} of {first.PageCount} is not a page of this ballot ({layout.Pages.Count} page(s)).", payloads);
        }

        if (codes.Count < 2)
        {
            return Fail(LocateFailure.TooFewCodes, "Only one of the four QR codes could be read; at least two are needed to place the sheet.", payloads);
        }

        var page = layout.Pages[first.Page - 1];
        var source = new List<PointD>();
        var destination = new List<PointD>();
        foreach (var code in codes)
        {
            var placement = page.QrCodes.First(q => q.Corner == code.Payload.Corner);
            source.AddRange(placement.Symbol.Corners());
            destination.AddRange(code.Corners);
        }

        var fit = HomographyFit.Fit(source, destination, o.OutlierTolerancePx, minimumPoints: 8);
        if (fit.RmsResidual > o.MaxResidualPx)
        {
            return Fail(LocateFailure.ExcessResidual, FormattableString.Invariant($"The QR codes do not sit where the ballot's layout puts them (misfit {fit.RmsResidual:0.0} px): the sheet may be folded, cut or torn."), payloads);
        }

        var h = fit.Transform;
        var origin = h.Map(new PointD(0, 0));
        var along = h.Map(new PointD(100, 0));
        var rotation = Math.Atan2(along.Y - origin.Y, along.X - origin.X) * 180 / Math.PI;
        var sheet = new LocatedSheet(layout, page, codes, h, fit.RmsResidual, rotation, along.DistanceTo(origin) / 100, wholePage);
        return new LocateResult(sheet, null, "located", payloads);
    }

    /// <summary>
    /// The tight corner squares, each read only up to its first code: when that gives four ballot codes of four different
    /// corners, one from each square, no square can hold another ballot code of the sheet (the squares do not overlap and
    /// every code is printed once), so reading each square to the end would give the same codes. Otherwise the squares
    /// are read to the end.
    /// </summary>
    private static IReadOnlyList<QrSymbol> ReadTightCorners(GrayImage image, double fraction, IReadOnlyList<QrSymbol>? firstCodes)
    {
        var first = firstCodes ?? ReadFirstCodes(image, TightSquares(image.Width, image.Height, fraction));
        return first.Count == 4 && Ballot(first).Count == 4 ? first : ReadCorners(image, fraction, square: true);
    }

    /// <summary>The four tight corner squares of a <paramref name="width"/> x <paramref name="height"/> image: top left, top right, bottom right, bottom left.</summary>
    internal static PixelRect[] TightSquares(int width, int height, double fraction) => Corners(width, height, fraction, square: true);

    /// <summary>Each square read only up to its first code.</summary>
    internal static List<QrSymbol> ReadFirstCodes(GrayImage image, IEnumerable<PixelRect> squares)
    {
        var fast = new QrReadOptions { TryHarder = false, MaxSymbols = 1 };
        return squares.SelectMany(c => QrReader.Read(image, c, fast)).ToList();
    }

    private static List<QrSymbol> ReadCorners(GrayImage image, double fraction, bool square)
    {
        var fast = new QrReadOptions { TryHarder = false };
        return Corners(image.Width, image.Height, fraction, square).SelectMany(c => QrReader.Read(image, c, fast)).ToList();
    }

    private static PixelRect[] Corners(int width, int height, double fraction, bool square)
    {
        var w = (int)(Math.Min(width, height) * fraction);
        var h = square ? w : (int)(height * fraction);
        w = square ? w : (int)(width * fraction);
        return [new(0, 0, w, h), new(width - w, 0, w, h), new(width - w, height - h, w, h), new(0, height - h, w, h)];
    }

    /// <summary>The ballot codes among <paramref name="symbols"/>, the first of each corner.</summary>
    internal static List<FoundCode> Ballot(IReadOnlyList<QrSymbol> symbols) =>
        symbols.Select(s => (Payload: QrPayload.TryParse(s.Text), s.Corners))
            .Where(x => x.Payload is not null)
            .GroupBy(x => x.Payload!.Corner)
            .Select(g => new FoundCode(g.First().Payload!, g.First().Corners))
            .ToList();

    private static LocateResult Fail(LocateFailure failure, string message, IReadOnlyList<QrPayload> payloads) => new(null, failure, message, payloads);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
