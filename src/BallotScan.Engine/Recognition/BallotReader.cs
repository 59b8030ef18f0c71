using System.Diagnostics;
using System.Security.Cryptography;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>Limits of the reader. A plain value: <c>new ReaderOptions { MaxSkewDegrees = … }</c>.</summary>
public readonly record struct ReaderOptions()
{
    /// <summary>A sheet turned further than this from a quarter turn goes to review (degrees): beyond a hand-held photo's tilt, a feeder jam.</summary>
    public double MaxSkewDegrees { get; init; } = 20;

    /// <summary>A box whose printed border is seen less completely than this is unreadable (0 to 1).</summary>
    public double MinBorderScore { get; init; } = 0.5;

    /// <summary>The share of a mark's ink outside its box above which whose mark it is, and whether it counts, is for a person.</summary>
    public double StrayInkLimit { get; init; } = 0.2;

    /// <summary>Ink in a write-in name cell, as a share of it, above which a name is written (a handwritten name covers 5 % or more).</summary>
    public double WriteInInkLimit { get; init; } = 0.015;

    public LocateOptions Locate { get; init; } = new();

    public DecodeOptions Decode { get; init; } = new();
}

/// <summary>One box measured on a located sheet.</summary>
internal sealed record BoxMeasurement(MarkingBox Box, BoxInspection Inspection, double[] Features, MarkGeometry Geometry, double? WriteInInk)
{
    /// <summary>What the symbol guards are given about this box, read as <paramref name="symbol"/>.</summary>
    public SymbolGuards.Evidence Evidence(MarkSymbol symbol) =>
        new(symbol, Features, Geometry, Inspection.OutsidePixels, Inspection.BorderTouchPixels, Inspection.SpeckPixels);
}

/// <summary>
/// Reads ballot sheets: find the sheet by its corner codes, fit the layout to it, snap each box to its printed border,
/// measure the ink, classify each mark with a confidence, and send everything uncertain to a person. One small call:
/// <c>reader.Read(image)</c>. Thread-safe: one reader serves every core.
/// </summary>
public sealed class BallotReader(IReadOnlyList<BallotLayout> layouts, MarkClassifier classifier, ReaderOptions? options = null)
{
    private readonly ReaderOptions _options = options ?? new ReaderOptions();

    /// <summary>The reader's limits.</summary>
    internal ReaderOptions Options => _options;

    public IReadOnlyList<BallotLayout> Layouts { get; } = layouts;

    public MarkClassifier Classifier { get; } = classifier;

    /// <summary>Reads one sheet image.</summary>
    public SheetInterpretation Read(GrayImage image) => Read(image, firstCodes: null);

    /// <summary>As the public call, the tight corner squares' first codes read already (see <see cref="SheetLocator"/>).</summary>
    private SheetInterpretation Read(GrayImage image, IReadOnlyList<QrSymbol>? firstCodes)
    {
        ArgumentNullException.ThrowIfNull(image);
        var clock = Stopwatch.StartNew();
        var located = SheetLocator.Locate(image, Layouts, _options.Locate, firstCodes);
        if (located.Sheet is not { } sheet)
        {
            return Rejected(located) with { ReadMs = clock.Elapsed.TotalMilliseconds };
        }

        var sheetReasons = new List<ReviewReason>();
        if (Math.Abs(sheet.SkewDegrees) > _options.MaxSkewDegrees)
        {
            sheetReasons.Add(ReviewReason.ExcessSkew);
        }

        // The seal area, where the rules require a stamp: a sheet with none goes to a person (a ballot not issued at the venue).
        var stamp = sheet.Page.Seal is { Required: true } seal ? SealInspector.Inspect(image, sheet, seal) : (SealReading?)null;
        if (stamp is { Stamped: false })
        {
            sheetReasons.Add(ReviewReason.NoSeal);
        }

        var positions = Measure(image, sheet).Select(Decide).ToList();
        var first = sheet.Codes[0].Payload;
        return new SheetInterpretation
        {
            Accepted = true,
            ElectionId = first.ElectionId,
            BallotStyle = first.BallotStyle,
            Page = first.Page,
            LayoutHash = first.LayoutHash,
            RotationDegrees = Math.Round(sheet.RotationDegrees, 3),
            SkewDegrees = Math.Round(sheet.SkewDegrees, 3),
            ResidualPx = Math.Round(sheet.ResidualPx, 3),
            PixelsPerMm = Math.Round(sheet.PixelsPerMm, 4),
            LayoutToImage = sheet.LayoutToImage.ToArray(),
            CodesRead = sheet.Codes.Count,
            SheetReasons = sheetReasons,
            SealInk = stamp is { } found ? Math.Round(found.Ink, 5) : null,
            SealRing = stamp is { } measured ? Math.Round(measured.Ring, 4) : null,
            Positions = positions,
            ReadMs = clock.Elapsed.TotalMilliseconds,
        };
    }

    /// <summary>
    /// Decodes and reads every page of an image file. A file that cannot be decoded gives one rejected interpretation
    /// saying why; the caller goes on with the next file.
    /// </summary>
    public IReadOnlyList<SheetInterpretation> ReadFile(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (Printing.PdfRasterizer.IsPdf(bytes))
        {
            return ReadPdf(bytes, source, sha);
        }

        ImageInfo info;
        try
        {
            info = ImageProbe.Read(bytes);
        }
        catch (ImageDecodeException e)
        {
            return [Unreadable(source, sha, 0, e.Message)];
        }

        var results = new List<SheetInterpretation>(info.PageCount);
        var pagesSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var page = 0; page < info.PageCount; page++)
        {
            try
            {
                if (info.Pages[page] is { } size && Math.Min(size.Width, size.Height) < MinSheetSide)
                {
                    results.Add(Unreadable(source, sha, page, $"The image is {size.Width} x {size.Height} pixels: too small to be a scanned sheet (a sheet scanned at 200 to 300 dpi is about 1700 x 2300)."));
                    continue;
                }

                var sheet = info.Format == ImageFileFormat.Jpeg ? ReadByRows(bytes, ImageCodec.CheckPage(info, page, _options.Decode)) : null;
                if (sheet is null)
                {
                    using var image = ImageCodec.Decode(bytes, page, _options.Decode);
                    sheet = Read(image);
                    if (info.PageCount > 1)
                    {
                        sheet = FlagIdenticalPage(sheet, image, page, pagesSeen);
                    }
                }

                results.Add(sheet with { Source = source, Sha256 = sha, SourcePage = page });
            }
            catch (ImagingException e)
            {
                results.Add(Unreadable(source, sha, page, e.Message));
            }
#pragma warning disable CA1031 // one sheet the reader cannot handle must never stop the count: it goes to a person
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                results.Add(Unreadable(source, sha, page, $"The reader failed on this sheet ({e.GetType().Name}: {e.Message}); a scrutineer must read it. Please report this as a bug."));
            }
        }

        return results;
    }

    /// <summary>
    /// Reads a gray JPEG while decoding it, turning into pixels only the rows the reading takes: the top corner squares,
    /// then the rows of the boxes where their codes put them (<see cref="RowPlan"/>), then the bottom corner squares.
    /// Pixel for pixel the rows of a whole decode, read in the same steps, so the same reading. Null when the file does
    /// not qualify (<see cref="JpegRowDecoder"/>) or is damaged, or when the reading reached a row the plan skipped: the
    /// caller then decodes it whole and reads it as always. <see cref="SheetInterpretation.ReadMs"/> leaves out the time in libjpeg.
    /// </summary>
    internal SheetInterpretation? ReadByRows(byte[] bytes, PageSize size)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var decoder = JpegRowDecoder.TryOpen(bytes, size);
            if (decoder is null)
            {
                return null;
            }

            var image = decoder.Image;
            var squares = SheetLocator.TightSquares(image.Width, image.Height, _options.Locate.TightCropFraction);
            decoder.DecodeTo(squares[0].Bottom);
            var top = SheetLocator.ReadFirstCodes(image, squares[..2]);
            foreach (var (start, end) in RowPlan.Plan(top, Layouts, image.Height, squares[2].Y) ?? [])
            {
                decoder.SkipTo(start);
                decoder.DecodeTo(end);
            }

            decoder.DecodeTo(image.Height);
            if (decoder.Damaged)
            {
                return null;
            }

            var sheet = Read(image, [.. top, .. SheetLocator.ReadFirstCodes(image, squares[2..])]);
            return sheet with { ReadMs = (clock.Elapsed - decoder.DecodeTime).TotalMilliseconds };
        }
        catch (Exception e) when (e is MissingRowsException or ImagingException)
        {
            return null;
        }
    }

    /// <summary>Every box of the located page, measured (no decision yet): what calibration learns from.</summary>
    internal static IEnumerable<BoxMeasurement> Measure(GrayImage image, LocatedSheet sheet)
    {
        // Scanner streaks run down the image. The sheet lies on the image turned by θ, so on the upright sheet an image
        // column runs along (sin θ, cos θ): at θ from the sheet's own vertical.
        var streakAngle = sheet.RotationDegrees;
        foreach (var box in sheet.Page.Boxes)
        {
            var inspection = BoxInspector.Inspect(image, sheet, box, streakAngle);
            var (features, geometry) = MarkFeatures.Measure(inspection.Interior, inspection.InteriorSize, inspection.FaintInk);
            var writeIn = box.Kind == BoxKind.WriteIn ? BoxInspector.WriteInInk(image, sheet, box, streakAngle) : (double?)null;
            yield return new BoxMeasurement(box, inspection, features, geometry, writeIn);
        }
    }

    /// <summary>The reading of one measured box: the classifier's symbol, the guards, every reason a person must look.</summary>
    internal PositionReading Decide(BoxMeasurement m)
    {
        var p = Classifier.Probabilities(m.Features);
        var best = MarkClassifier.ArgMax(p);
        var symbol = (MarkSymbol)best;
        var reasons = new List<ReviewReason>();
        if (m.Inspection.BorderScore < _options.MinBorderScore)
        {
            reasons.Add(ReviewReason.Unreadable);
        }

        // A mark read as ○ is shown to the shape network too, which looks at the ink itself (SymbolGuard.CircleShape).
        if (symbol == MarkSymbol.Circle && Classifier.Shape is { } shape && ShapeNet.Normalise(m.Inspection.Interior, m.Inspection.InteriorSize) is { } image)
        {
            m = m with { Geometry = m.Geometry with { ShapeCircle = Math.Round(shape.CircleProbability(image), 6) } };
        }

        // The shape checks beside the classifier's score (SymbolGuards): a mark is counted as ○, × or √ only when it has that
        // symbol's shape as a person would describe it.
        var guards = SymbolGuards.Check(m.Evidence(symbol), Classifier);
        if (p[best] < SymbolGuards.CountingThreshold(Classifier, symbol, m.Geometry) || guards.Count > 0)
        {
            reasons.Add(ReviewReason.MarginalMark);
        }

        if (symbol == MarkSymbol.Other)
        {
            reasons.Add(ReviewReason.UnrecognisedSymbol);
        }

        // A mark that strays, or that goes on beyond the band the reader sees, is for a person: whose box, and what it is.
        if (m.Inspection.StrayInk > _options.StrayInkLimit || m.Inspection.Truncated)
        {
            reasons.Add(ReviewReason.StrayMark);
        }

        // A write-in is read by a person: the name, and whether it stands with a ○.
        if (m.Box.Kind == BoxKind.WriteIn && (m.WriteInInk > _options.WriteInInkLimit || symbol != MarkSymbol.Blank))
        {
            reasons.Add(ReviewReason.WriteIn);
        }

        return new PositionReading(
            m.Box.Id, m.Box.ContestId, m.Box.Kind, symbol, Math.Round(p[best], 6),
            reasons.Count == 0 ? DecisionBand.Confident : DecisionBand.Review,
            reasons,
            p.Select(v => Math.Round(v, 6)).ToList(),
            m.Features.Select(v => Math.Round(v, 5)).ToList(),
            [Math.Round(m.Inspection.SnapMm.X, 3), Math.Round(m.Inspection.SnapMm.Y, 3)],
            Math.Round(m.Inspection.BorderScore, 4),
            m.WriteInInk is { } ink ? Math.Round(ink, 5) : null,
            m.Inspection.StreakRemoved)
        {
            SpeckPixels = m.Inspection.SpeckPixels,
            BorderTouchPixels = m.Inspection.BorderTouchPixels,
            Geometry = m.Geometry,
            Guards = guards,
        };
    }

    private static SheetInterpretation Rejected(LocateResult located)
    {
        var reason = located.Failure switch
        {
            LocateFailure.WrongElection => ReviewReason.WrongElection,
            LocateFailure.LayoutMismatch => ReviewReason.LayoutMismatch,
            LocateFailure.UnknownStyle or LocateFailure.UnknownPage => ReviewReason.UnknownStyleOrPage,
            LocateFailure.NoCodes or LocateFailure.NotABallot => ReviewReason.NotABallot,
            _ => ReviewReason.Unlocatable,
        };
        var first = located.PayloadsRead.Count > 0 ? located.PayloadsRead[0] : null;
        return new SheetInterpretation
        {
            Accepted = false,
            ElectionId = first?.ElectionId,
            BallotStyle = first?.BallotStyle,
            Page = first?.Page,
            LayoutHash = first?.LayoutHash,
            CodesRead = located.PayloadsRead.Count,
            SheetReasons = [reason],
            Message = located.Message,
        };
    }

    /// <summary>
    /// A page that is pixel for pixel an earlier page of the same file (<see cref="ReviewReason.IdenticalPage"/>): no two
    /// scans of paper are identical, so it is a copied page, and the scrutineers decide whether it is another ballot.
    /// </summary>
    private static SheetInterpretation FlagIdenticalPage(SheetInterpretation sheet, GrayImage image, int page, Dictionary<string, int> pagesSeen)
    {
        var pixels = Convert.ToHexStringLower(SHA256.HashData(image.Pixels));
        if (pagesSeen.TryAdd(pixels, page))
        {
            return sheet;
        }

        return sheet with
        {
            SheetReasons = [.. sheet.SheetReasons, ReviewReason.IdenticalPage],
            Message = $"Page {page + 1} is pixel for pixel page {pagesSeen[pixels] + 1} of this file: a copied page, not a second scan of paper; the scrutineers decide whether it is another ballot.{(sheet.Message is null ? string.Empty : " " + sheet.Message)}",
        };
    }

    /// <summary>A PDF from an office scanner: each page rendered at the scan's resolution (pdftoppm) and read as a sheet.</summary>
    private List<SheetInterpretation> ReadPdf(byte[] bytes, string source, string sha)
    {
        // One page rendered at a time: a PDF of a whole box never sits in memory at once.
        IEnumerator<GrayImage> pages;
        try
        {
            pages = Printing.PdfRasterizer.ScanPages(bytes).GetEnumerator();
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            return [Unreadable(source, sha, 0, $"The PDF cannot be read as scans: {e.Message}")];
        }

        var results = new List<SheetInterpretation>();
        var pagesSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var rendered = pages;
        for (var page = 0; ; page++)
        {
            try
            {
                if (!rendered.MoveNext())
                {
                    break;
                }
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
            {
                results.Add(Unreadable(source, sha, page, $"Page {page + 1} of the PDF cannot be read as a scan: {e.Message}"));
                break;
            }

            using var image = rendered.Current;
            SheetInterpretation sheet;
            try
            {
                sheet = Math.Min(image.Width, image.Height) < MinSheetSide
                    ? Unreadable(source, sha, page, $"Page {page + 1} of the PDF is {image.Width} x {image.Height} pixels: too small to be a scanned sheet.")
                    : FlagIdenticalPage(Read(image), image, page, pagesSeen);
            }
#pragma warning disable CA1031 // one page the reader cannot handle must never stop the count: it goes to a person
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                sheet = Unreadable(source, sha, page, $"The reader failed on page {page + 1} of this PDF ({e.GetType().Name}: {e.Message}); a scrutineer must read it. Please report this as a bug.");
            }

            results.Add(sheet with { Source = source, Sha256 = sha, SourcePage = page });
        }

        return results.Count > 0 ? results : [Unreadable(source, sha, 0, "The PDF has no page.")];
    }

    /// <summary>A sheet image's shorter side has at least this many pixels (a ballot's at 200 dpi has some 1,650).</summary>
    public const int MinSheetSide = 100;

    private static SheetInterpretation Unreadable(string source, string sha, int page, string message) => new()
    {
        Source = source,
        Sha256 = sha,
        SourcePage = page,
        Accepted = false,
        SheetReasons = [ReviewReason.Unlocatable],
        Message = message,
    };
}
