using BallotScan.Engine.Geometry;
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
    /// just outside as much. Set from the seal's shape, not fitted.
    /// </summary>
    public const double MinRing = 0.5;

    /// <summary>What the seal area holds: the share of its pixels that are ink, and how well the best seal-sized circle is inked.</summary>
    public static SealReading Inspect(GrayImage image, LocatedSheet sheet, SealArea seal)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var crop = SheetCrops.Upright(image, sheet.LayoutToImage, InkRegion(seal), PixelsPerMm);
        var pixels = crop.ToPackedArray();
        if (pixels.Length == 0)
        {
            return new SealReading(0, 0);
        }

        // The paper's level: the 90th percentile (a stamp never covers nine tenths of the area).
        var paper = BoxInspector.Percentile(pixels, 0.9);
        var share = (double)BoxInspector.CountBelow(pixels, (double)(paper - InkContrast)) / pixels.Length;
        var region = InkRegion(seal);
        var centre = new PointD((seal.Box.Center.X - region.X) * PixelsPerMm, (seal.Box.Center.Y - region.Y) * PixelsPerMm);
        return new SealReading(share, share < MinStampInk ? 0 : Ring(pixels, crop.Width, crop.Height, paper - RingContrast, centre));
    }

    /// <summary>
    /// Where a seal's centre can be: within this distance of the area's centre. A stamper aims at the 46 mm area; a 40 mm seal
    /// slid a sixth of itself over the area's rule has its centre some 10 mm off.
    /// </summary>
    private const double CentreReachMm = 12;

    /// <summary>
    /// The best ring score (inked share of a circle less that of the circle 1.5 mm outside), over centres on a 1.5 mm grid
    /// within <see cref="CentreReachMm"/> of the area's centre and radii 17 to 22 mm a millimetre apart. A point of the circle
    /// is inked when ink lies within 0.75 mm of it across the ring (a radius between two tried is at most 0.5 mm off).
    /// </summary>
    private static double Ring(byte[] pixels, int width, int height, int limit, PointD centre)
    {
        const int points = 96;
        bool Ink(double x, double y) => pixels[((int)y * width) + (int)x] < limit;
        const double across = 0.75 * PixelsPerMm;
        var (cos, sin) = (new double[points], new double[points]);
        for (var k = 0; k < points; k++)
        {
            (cos[k], sin[k]) = (Math.Cos(2 * Math.PI * k / points), Math.Sin(2 * Math.PI * k / points));
        }

        var best = 0.0;
        const double step = 1.5 * PixelsPerMm;
        const double reach = CentreReachMm * PixelsPerMm;
        for (var cy = centre.Y - reach; cy <= centre.Y + reach; cy += step)
        {
            for (var cx = centre.X - reach; cx <= centre.X + reach; cx += step)
            {
                for (var radiusMm = 17.0; radiusMm <= 22.0; radiusMm += 1)
                {
                    var (visible, inked, outside) = (0, 0, 0);
                    var (r, outer) = (radiusMm * PixelsPerMm, (radiusMm + 1.5) * PixelsPerMm);
                    for (var k = 0; k < points; k++)
                    {
                        // The circle 0.75 mm either side of the point is inside the crop whenever the one 1.5 mm outside is.
                        var (x, y) = (cx + (r * cos[k]), cy + (r * sin[k]));
                        var (ox, oy) = (cx + (outer * cos[k]), cy + (outer * sin[k]));
                        var (ix, iy) = (cx + ((r - across) * cos[k]), cy + ((r - across) * sin[k]));
                        if (Math.Min(Math.Min(ox, ix), x) < 0 || Math.Min(Math.Min(oy, iy), y) < 0 || Math.Max(ox, ix) >= width || Math.Max(oy, iy) >= height)
                        {
                            continue;
                        }

                        visible++;
                        if (Ink(x, y) || Ink(x + (across * cos[k]), y + (across * sin[k])) || Ink(ix, iy))
                        {
                            inked++;
                        }

                        outside += Ink(ox, oy) ? 1 : 0;
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

/// <summary>What the seal area of a sheet holds (<see cref="SealInspector"/>): the raw scores, and whether they make a stamp.</summary>
/// <param name="Ink">The share of the area's pixels that are ink.</param>
/// <param name="Ring">How well the best seal-sized circle is inked against the circle just outside it (0 without enough ink).</param>
internal readonly record struct SealReading(double Ink, double Ring)
{
    /// <summary>Enough ink, and ink that draws a seal's ring.</summary>
    public bool Stamped => Ink >= SealInspector.MinStampInk && Ring >= SealInspector.MinRing;
}
