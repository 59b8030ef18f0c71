using BallotScan.Engine.Geometry;

namespace BallotScan.Engine.Recognition;

/// <summary>Options for <see cref="RescanDetector"/>. A plain value.</summary>
public readonly record struct RescanOptions()
{
    /// <summary>
    /// Two sheets are the same paper when, in every inked box, their ink differs by at most this much (the mean relative
    /// difference of the shape figures in <see cref="RescanDetector.ShapeFeatures"/>). Measured on synthetic corpora (seeds
    /// 77001 scanner 1,200 sheets, 77002 camera 500): the same paper fed again 0.000–0.057 in 99 of 102 pairs (three at
    /// 0.088–0.283), different voters' sheets with the same symbols 0.058 and more (scanner) and 0.081 and more (camera), over
    /// 1,255 pairs. The threshold sits in that gap; a rescan it misses shows as one ballot more than 收回选票. See docs/station.md.
    /// </summary>
    public double MaxDistance { get; init; } = 0.055;

    /// <summary>
    /// Two sheets are the same paper only when, in every inked box, the ink's centre (<see cref="MarkGeometry.InkCentre"/>)
    /// lies within this many millimetres on both. Measured on synthetic corpora (seeds 8203 party scanner 8,000 sheets, 8205 villagers camera 600 and 8206 party camera 400, each paper fed again at 0.3 % and 10 %): another image of the same paper 0.04–0.24 mm over 100 pairs; the 102 other voters' ballots of seed 8203 whose shapes matched as closely (the generator draws one symbol much alike from voter to voter) 0.90 mm and more.
    /// </summary>
    public double MaxCentreShiftMm { get; init; } = 0.5;

    /// <summary>Fewer inked boxes than this and nothing tells two sheets apart (two blank ballots look the same): never flagged.</summary>
    public int MinInkedBoxes { get; init; } = 2;

    /// <summary>A box with less ink than this share of its interior counts as empty.</summary>
    public double InkFloor { get; init; } = 0.01;
}

/// <summary>
/// What identifies one paper among the ballots of a count without identifying its voter: per box the symbol read and the
/// shape of the ink. A second image of the same paper gives the same symbols and nearly the same shapes; another voter's
/// ○ in the same box has a different size, stroke and position.
/// </summary>
/// <param name="Sheet">The sheet (<see cref="SheetInterpretation.SheetId"/>).</param>
/// <param name="Key">Style, page and the symbol of every box: only sheets with the same key are compared.</param>
/// <param name="Shapes">Per box, the <see cref="RescanDetector.ShapeFeatures"/> (empty for an empty box).</param>
/// <param name="Centres">Per box, where its ink's centre lies (<see cref="MarkGeometry.InkCentre"/>; null for an empty box). Null in fingerprints kept before it was.</param>
public sealed record SheetFingerprint(string Sheet, string Key, IReadOnlyList<IReadOnlyList<double>> Shapes, IReadOnlyList<PointD?>? Centres = null);

/// <summary>
/// Finds a different image of a paper read before (重复扫描: a sheet fed twice, or photographed again). A match is only a
/// suspicion for the scrutineers (<see cref="ReviewReason.PossibleRescan"/>); they compare the two images and decide.
/// </summary>
public static class RescanDetector
{
    /// <summary>The mark features compared: those that describe where and how big the ink is, not what symbol it is.</summary>
    public static IReadOnlyList<MarkFeature> ShapeFeatures { get; } =
    [
        MarkFeature.Ink, MarkFeature.BboxWidth, MarkFeature.BboxHeight, MarkFeature.RadiusMean, MarkFeature.StrokeWidth, MarkFeature.CentreInk,
        MarkFeature.EdgeInk, MarkFeature.Fill, MarkFeature.MainDiagonal, MarkFeature.AntiDiagonal, MarkFeature.HorizontalExtent,
    ];

    /// <summary>The fingerprint of an accepted sheet, or null for a sheet the machine could not place.</summary>
    public static SheetFingerprint? Of(SheetInterpretation sheet, RescanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var o = options ?? new RescanOptions();
        if (!sheet.Accepted || sheet.Positions.Count == 0)
        {
            return null;
        }

        var key = $"{sheet.BallotStyle}|{sheet.Page}|{string.Concat(sheet.Positions.Select(p => (char)('0' + (int)p.Symbol)))}";
        bool Inked(PositionReading p) => p.Features.Count > 0 && p.Features.At(MarkFeature.Ink) >= o.InkFloor;
        var shapes = sheet.Positions.Select(p => Inked(p) ? (IReadOnlyList<double>)[.. ShapeFeatures.Select(p.Features.At)] : []).ToList();
        var centres = sheet.Positions.Select(p => Inked(p) ? p.Geometry.InkCentre : null).ToList();
        return new SheetFingerprint(sheet.SheetId, key, shapes, centres);
    }

    /// <summary>
    /// How far apart two sheets' ink is: the largest, over inked boxes, of the mean relative difference of the shape
    /// figures; infinity when they are not comparable (other style, page or symbols, or too few inked boxes) or when the ink
    /// of a box lies in another place on each (its centres further apart than <see cref="RescanOptions.MaxCentreShiftMm"/>).
    /// </summary>
    public static double Distance(SheetFingerprint a, SheetFingerprint b, RescanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var o = options ?? new RescanOptions();
        if (a.Key != b.Key || a.Shapes.Count != b.Shapes.Count)
        {
            return double.PositiveInfinity;
        }

        double worst = 0;
        var inked = 0;
        for (var k = 0; k < a.Shapes.Count; k++)
        {
            var (p, q) = (a.Shapes[k], b.Shapes[k]);
            if (p.Count == 0 && q.Count == 0)
            {
                continue;
            }

            if (p.Count == 0 || q.Count == 0 || p.Count != q.Count)
            {
                return double.PositiveInfinity;
            }

            inked++;
            if (CentreOf(a, k) is { } at && CentreOf(b, k) is { } bt && Math.Sqrt(((at.X - bt.X) * (at.X - bt.X)) + ((at.Y - bt.Y) * (at.Y - bt.Y))) > o.MaxCentreShiftMm)
            {
                return double.PositiveInfinity;
            }

            double d = 0;
            for (var j = 0; j < p.Count; j++)
            {
                d += Math.Abs(p[j] - q[j]) / (Math.Abs(p[j]) + Math.Abs(q[j]) + 0.02);
            }

            worst = Math.Max(worst, d / p.Count);
        }

        return inked < o.MinInkedBoxes ? double.PositiveInfinity : worst;
    }

    /// <summary>Where the ink of box <paramref name="k"/> lies on <paramref name="f"/>, when it was kept.</summary>
    private static PointD? CentreOf(SheetFingerprint f, int k) => f.Centres is { } centres && k < centres.Count ? centres[k] : null;

    /// <summary>The earlier sheet that <paramref name="sheet"/> is most likely a rescan of, or null.</summary>
    public static string? SamePaperAs(SheetFingerprint sheet, IEnumerable<SheetFingerprint> earlier, RescanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var o = options ?? new RescanOptions();
        string? best = null;
        var bestDistance = o.MaxDistance;
        foreach (var other in earlier)
        {
            var d = Distance(sheet, other, o);
            if (d <= bestDistance && other.Sheet != sheet.Sheet)
            {
                (best, bestDistance) = (other.Sheet, d);
            }
        }

        return best;
    }

    /// <summary>The sheet as flagged for the scrutineers: <see cref="ReviewReason.PossibleRescan"/>, naming the earlier sheet.</summary>
    public static SheetInterpretation Flagged(SheetInterpretation sheet, string earlier)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(earlier);
        return sheet with
        {
            SheetReasons = [.. sheet.SheetReasons, ReviewReason.PossibleRescan],
            Message = $"Its marks match sheet {earlier[..Math.Min(12, earlier.Length)]}… box by box: perhaps the same paper scanned again.",
            SameAs = earlier,
        };
    }

    /// <summary>Sheets in the order they were read, each one whose marks match an earlier sheet's flagged (<see cref="Flagged"/>).</summary>
    public static IReadOnlyList<SheetInterpretation> FlagRescans(IEnumerable<SheetInterpretation> sheets, RescanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var index = new RescanIndex(options);
        return [.. sheets.Select(index.FlagThenAdd)];
    }
}

/// <summary>The fingerprints of the sheets read so far, grouped by their key, to find the paper a new sheet may repeat.</summary>
public sealed class RescanIndex(RescanOptions? options = null)
{
    private readonly Dictionary<string, List<SheetFingerprint>> _byKey = new(StringComparer.Ordinal);

    public void Add(SheetFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (!_byKey.TryGetValue(fingerprint.Key, out var list))
        {
            _byKey[fingerprint.Key] = list = [];
        }

        list.Add(fingerprint);
    }

    /// <summary>
    /// The next sheet in reading order: the sheet read before that it most likely repeats (null for none, or for a sheet
    /// without a fingerprint), and then the sheet remembered for those after it.
    /// </summary>
    public string? MatchThenAdd(SheetFingerprint? fingerprint)
    {
        if (fingerprint is null)
        {
            return null;
        }

        var earlier = Match(fingerprint);
        Add(fingerprint);
        return earlier;
    }

    /// <summary>The next sheet in reading order, flagged (<see cref="RescanDetector.Flagged"/>) when it repeats a sheet read before; then remembered.</summary>
    public SheetInterpretation FlagThenAdd(SheetInterpretation sheet) =>
        MatchThenAdd(RescanDetector.Of(sheet, options)) is { } earlier ? RescanDetector.Flagged(sheet, earlier) : sheet;

    /// <summary>The sheet read before that <paramref name="fingerprint"/> most likely repeats, or null.</summary>
    public string? Match(SheetFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return _byKey.TryGetValue(fingerprint.Key, out var sameMarks) ? RescanDetector.SamePaperAs(fingerprint, sameMarks, options) : null;
    }
}
