using System.Numerics;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>
/// The image rows a sheet's reading takes, planned from the codes of its two top corner squares before the rest of the
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
        var placed = codes.Select(c => page.QrCodes.FirstOrDefault(q => q.Corner == c.Payload.Corner)).ToList();
        if (placed.Any(p => p is null))
        {
            return null;
        }

        // The similarity z -> s z + t (complex numbers) that takes the two codes' centres on the layout to theirs on the image.
        var (layoutA, layoutB) = (Centre(placed[0]!.Symbol.Corners()), Centre(placed[1]!.Symbol.Corners()));
        var (imageA, imageB) = (Centre(codes[0].Corners), Centre(codes[1].Corners));
        var s = (imageB - imageA) / (layoutB - layoutA);
        var t = imageA - (s * layoutA);
        var codesY = Math.Max(imageA.Imaginary, imageB.Imaginary);
        var bands = new List<(int Start, int End)> { (bottomSquares, height) };
        foreach (var region in page.Boxes.SelectMany(BoxInspector.RegionsRead))
        {
            var ys = region.Corners().Select(c => ((s * new Complex(c.X, c.Y)) + t).Imaginary).ToList();
            var (top, bottom) = (ys.Min(), ys.Max());
            var margin = (MarginMm * s.Magnitude) + (StretchShare * Math.Max(0, bottom - codesY));
            bands.Add(((int)Math.Clamp(Math.Floor(top - margin), 0, height), (int)Math.Clamp(Math.Ceiling(bottom + margin), 0, height)));
        }

        return Merge(bands);
    }

    private static Complex Centre(IEnumerable<PointD> corners)
    {
        var list = corners.ToList();
        return new Complex(list.Average(c => c.X), list.Average(c => c.Y));
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
