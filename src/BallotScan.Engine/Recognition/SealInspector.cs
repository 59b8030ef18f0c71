using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>
/// Whether a sheet's seal area (印章区) carries a stamp: the share of its pixels that are ink. A stamp is a ring, a star and
/// characters (red, gray once scanned in gray or read as gray); an empty area holds only paper, specks and the printed rule.
/// The reader only reports: a sheet below <see cref="MinStampInk"/> goes to the scrutineers, who look at the paper.
/// </summary>
internal static class SealInspector
{
    /// <summary>The area is read at 4 pixels per millimetre: a stamp's lines are 0.5 to 1 mm wide.</summary>
    public const double PixelsPerMm = 4;

    /// <summary>
    /// Below this share of ink the area holds no stamp. An impression of a 38 to 42 mm seal inks 8 to 20 % of the 46 mm area
    /// (its ring alone 6 %), a faint or half-missed one still 3 %; dust and a fold line stay under 0.5 %.
    /// </summary>
    public const double MinStampInk = 0.02;

    /// <summary>Ink is this much darker than the area's own paper (a red stamp read as gray lies 90 to 150 below white).</summary>
    private const int InkContrast = 60;

    /// <summary>The part of the seal area read: inside its printed rule, above its printed label.</summary>
    public static RectMm InkRegion(SealArea seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var box = seal.Box;
        return new RectMm(box.X + 1.2, box.Y + 1.2, box.Width - 2.4, (box.Height * 0.84) - 1.2);
    }

    /// <summary>The share of the seal area's pixels that are ink (0 to 1).</summary>
    public static double StampInk(GrayImage image, LocatedSheet sheet, SealArea seal)
    {
        using var crop = SheetCrops.Upright(image, sheet.LayoutToImage, InkRegion(seal), PixelsPerMm);
        var pixels = crop.ToPackedArray();
        if (pixels.Length == 0)
        {
            return 0;
        }

        var histogram = new int[256];
        foreach (var p in pixels)
        {
            histogram[p]++;
        }

        // The paper's level: the 90th percentile from the dark end (a stamp never covers nine tenths of the area).
        var (paper, seen) = (0, 0);
        while (paper < 255 && (seen += histogram[paper]) < 0.9 * pixels.Length)
        {
            paper++;
        }

        var limit = paper - InkContrast;
        var ink = 0;
        for (var v = 0; v < Math.Max(0, limit); v++)
        {
            ink += histogram[v];
        }

        return (double)ink / pixels.Length;
    }
}
