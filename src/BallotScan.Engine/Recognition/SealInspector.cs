using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Recognition;

/// <summary>
/// Whether a sheet's seal area (印章区) carries a stamp: the share of its pixels that are ink. A stamp is a ring, a star and
/// characters (red, gray once scanned in gray or read as gray); an empty area holds only paper, specks and the printed rule.
/// The reader only reports: a sheet below <see cref="MinStampInk"/>, or whose ink draws no seal's ring (<see cref="MinRing"/>),
/// goes to the scrutineers, who look at the paper.
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

    /// <summary>
    /// For the ring, ink is this much darker than the paper: half <see cref="InkContrast"/>, so that a faint or dry stamp's
    /// ring, lightened further by the scan's blur and JPEG, still shows. The ring test asks for a shape (an inked circle with
    /// bare paper outside), which paper noise (a few gray levels) never draws.
    /// </summary>
    private const int RingContrast = 30;

    /// <summary>The part of the seal area read: inside its printed rule, above its printed label.</summary>
    public static RectMm InkRegion(SealArea seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var box = seal.Box;
        return new RectMm(box.X + 1.2, box.Y + 1.2, box.Width - 2.4, (box.Height * 0.84) - 1.2);
    }

    /// <summary>
    /// A stamp's ring: on the best circle of a seal's radius (17 to 22 mm, centred anywhere in the area), the share of its
    /// visible length that is inked, less the share inked on the circle 1.5 mm outside it, is at least this. A seal's ring is
    /// inked all round (patches and a dry pad still leave most of it) with bare paper just outside (the ring is at most 1.4 mm
    /// wide); a scribble or a signature crosses a circle at a few points, and where strokes cross it they ink the circle
    /// just outside as much. Set from the
    /// seal's shape, not fitted.
    /// </summary>
    public const double MinRing = 0.5;

    /// <summary>What the seal area holds: the share of its pixels that are ink, and how well the best seal-sized circle is inked.</summary>
    public static (double Ink, double Ring) Inspect(GrayImage image, LocatedSheet sheet, SealArea seal)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var crop = SheetCrops.Upright(image, sheet.LayoutToImage, InkRegion(seal), PixelsPerMm);
        var pixels = crop.ToPackedArray();
        if (pixels.Length == 0)
        {
            return (0, 0);
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

        var share = (double)ink / pixels.Length;
        return (share, share < MinStampInk ? 0 : Ring(pixels, crop.Width, crop.Height, paper - RingContrast));
    }

    /// <summary>The best ring score (inked share of a circle less that of the circle 1.5 mm outside), over centres on a 1.5 mm grid and radii 17 to 22 mm.</summary>
    private static double Ring(byte[] pixels, int width, int height, int limit)
    {
        const int points = 96;
        var best = 0.0;
        var (cos, sin) = (new double[points], new double[points]);
        for (var k = 0; k < points; k++)
        {
            (cos[k], sin[k]) = (Math.Cos(2 * Math.PI * k / points), Math.Sin(2 * Math.PI * k / points));
        }

        bool Ink(double x, double y)
        {
            var (px, py) = ((int)x, (int)y);
            return px >= 0 && py >= 0 && px < width && py < height && pixels[(py * width) + px] < limit;
        }

        const double step = 1.5 * PixelsPerMm;
        for (var cy = 0.0; cy <= height; cy += step)
        {
            for (var cx = 0.0; cx <= width; cx += step)
            {
                for (var radiusMm = 17.0; radiusMm <= 22.0; radiusMm += 0.5)
                {
                    var (visible, inked, outside) = (0, 0, 0);
                    var (r, outer) = (radiusMm * PixelsPerMm, (radiusMm + 1.5) * PixelsPerMm);
                    for (var k = 0; k < points; k++)
                    {
                        var (x, y) = (cx + (r * cos[k]), cy + (r * sin[k]));
                        var (ox, oy) = (cx + (outer * cos[k]), cy + (outer * sin[k]));
                        if (x < 0 || y < 0 || x >= width || y >= height || ox < 0 || oy < 0 || ox >= width || oy >= height)
                        {
                            continue;
                        }

                        visible++;
                        // Within 0.75 mm of the circle, across the ring's width.
                        if (Ink(x, y) || Ink(x + (3 * cos[k]), y + (3 * sin[k])) || Ink(x - (3 * cos[k]), y - (3 * sin[k])))
                        {
                            inked++;
                        }

                        if (Ink(ox, oy))
                        {
                            outside++;
                        }
                    }

                    if (visible >= points / 2)
                    {
                        best = Math.Max(best, (double)(inked - outside) / visible);
                    }
                }
            }
        }

        return best;
    }
}
