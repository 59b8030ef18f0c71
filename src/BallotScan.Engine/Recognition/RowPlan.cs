using System.Numerics;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>
/// The image rows a sheet's reading takes, planned from the codes of its top corner squares before the rest of the
/// image is decoded (<see cref="JpegRowDecoder"/>): the rows of every crop of every box (<see cref="BoxInspector.RegionsRead"/>)
/// where the two codes put them, with a margin, and the bottom corner squares. A plan is only where to decode: the
/// reading checks each row it reads (<see cref="GrayImage.HasRows"/>), so a sheet whose boxes lie beyond the plan is
/// decoded whole and read again, never read from rows without pixels.
/// </summary>
internal static class RowPlan
{
    /// <summary>Room around each crop for what two codes cannot tell: the fitted homography, the snap to the border.</summary>
    private const double MarginMm = 4;

    /// <summary>And a share of the crop's distance below the codes: a sheet stretched or shrunk along the feed, perspective.</summary>
    private const double StretchShare = 0.03;

    /// <summary>Gaps shorter than this many rows are decoded: skipping them saves nothing (libjpeg works eight rows at a time).</summary>
    private const int MinimumSkip = 16;

    /// <summary>
    /// The bands of rows to decode, [start, end), in order and apart, for an image <paramref name="height"/> rows high whose
    /// bottom corner squares start at <paramref name="bottomSquares"/>; null when <paramref name="topCodes"/> (the codes
    /// read in the top squares) are not two ballot codes of one page of one of <paramref name="layouts"/>: then decode it all.
    /// (With one top code missing, the locator may look for codes beyond the tight squares, on rows no plan would hold.)
    /// </summary>
    public static List<(int Start, int End)>? Plan(IReadOnlyList<QrSymbol> topCodes, IReadOnlyList<BallotLayout> layouts, int height, int bottomSquares)
    {
        var codes = SheetLocator.Ballot(topCodes);
        if (codes.Count != 2 || codes[0].Payload with { Corner = codes[1].Payload.Corner } != codes[1].Payload)
        {
            return null;
        }

        var payload = codes[0].Payload;
        var layout = layouts.FirstOrDefault(l => l.ElectionId == payload.ElectionId && l.BallotStyle == payload.BallotStyle && l.LayoutHash == payload.LayoutHash);
        if (layout is null || payload.Page < 1 || payload.Page > layout.Pages.Count)
        {
            return null;
        }

        var page = layout.Pages[payload.Page - 1];
        var pairs = new List<(Complex Layout, Complex Image)>();
        foreach (var code in codes)
        {
            if (page.QrCodes.FirstOrDefault(q => q.Corner == code.Payload.Corner) is not { } placed)
            {
                return null;
            }

            pairs.AddRange(placed.Symbol.Corners().Zip(code.Corners, (l, i) => (new Complex(l.X, l.Y), new Complex(i.X, i.Y))));
        }

        var (s, t) = Similarity(pairs);
        var codesY = pairs.Max(p => p.Image.Imaginary);
        var bands = new List<(int Start, int End)> { (bottomSquares, height) };
        var regions = page.Boxes.SelectMany(BoxInspector.RegionsRead);
        if (page.Seal is { Required: true } seal)
        {
            regions = regions.Append(SealInspector.InkRegion(seal));
        }

        foreach (var region in regions)
        {
            var ys = region.Corners().Select(c => ((s * new Complex(c.X, c.Y)) + t).Imaginary).ToList();
            var (top, bottom) = (ys.Min(), ys.Max());
            var margin = (MarginMm * s.Magnitude) + (StretchShare * Math.Max(0, bottom - codesY));
            bands.Add(((int)Math.Clamp(Math.Floor(top - margin), 0, height), (int)Math.Clamp(Math.Ceiling(bottom + margin), 0, height)));
        }

        return Merge(bands);
    }

    /// <summary>
    /// The similarity z -> s z + t (turn, scale, shift; complex numbers) that takes the codes' corners on the layout
    /// nearest, in least squares, to theirs on the image.
    /// </summary>
    private static (Complex S, Complex T) Similarity(List<(Complex Layout, Complex Image)> pairs)
    {
        var layoutMean = pairs.Aggregate(Complex.Zero, (sum, p) => sum + p.Layout) / pairs.Count;
        var imageMean = pairs.Aggregate(Complex.Zero, (sum, p) => sum + p.Image) / pairs.Count;
        var (cross, norm) = (Complex.Zero, 0.0);
        foreach (var (l, i) in pairs)
        {
            cross += Complex.Conjugate(l - layoutMean) * (i - imageMean);
            norm += (l - layoutMean).Magnitude * (l - layoutMean).Magnitude;
        }

        var s = cross / norm;
        return (s, imageMean - (s * layoutMean));
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> bands)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in bands.Where(b => b.End > b.Start).OrderBy(b => b.Start))
        {
            if (merged.Count > 0 && start - merged[^1].End < MinimumSkip)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }
}
