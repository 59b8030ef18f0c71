using BallotScan.Engine.Fonts;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Lab.Synthesis;

/// <summary>
/// The election committee's seal (选举委员会印章) as stamped on a ballot at the venue: a ring 38 to 42 mm across, a
/// five-pointed star, the committee's name round the upper arc, in red ink that the reader sees as gray (a colour scan read
/// as gray, or a gray scan), unevenly inked and patchy. Stamped in the seal area (印章区), sliding over its rule, or, on a
/// ballot without one, over the end of the title; never over a marking box.
/// </summary>
internal static class SealStamp
{
    /// <summary>Stamps the seal on <paramref name="paper"/> (pixels at <paramref name="pixelsPerMm"/>); returns its centre (layout mm).</summary>
    public static PointD Stamp(GrayImage paper, BallotLayout layout, SheetLayout page, double pixelsPerMm, string committee, Random random)
    {
        var diameter = Pen.Between(random, 38, 42);
        PointD centre;
        if (page.Seal is { } area)
        {
            // Into the area, often off its middle: over the rule on one side by up to a sixth of the seal.
            var slack = (area.Box.Width - diameter) / 2;
            var reach = slack + (diameter / 6);
            centre = area.Box.Center + new PointD(Pen.Between(random, -reach, reach), Pen.Between(random, -reach, slack));
        }
        else
        {
            // Over the right end of the title, clear of the top-right code.
            var qr = page.QrCodes.Single(q => q.Corner == Corner.TopRight).Symbol;
            centre = new PointD(qr.X - 6 - (diameter / 2) - Pen.Between(random, 0, 20), Pen.Between(random, 14, 24));
        }

        // Red ink read as gray: darker where the stamp was pressed harder (one side), dropouts where the pad was dry.
        var ink = Pen.Between(random, 85, 150);
        var pressure = random.NextDouble() * 2 * Math.PI;
        var dropout = Pen.Between(random, 0.03, 0.3);
        var turn = Pen.Between(random, -0.5, 0.5);
        var outer = diameter / 2;
        var ringWidth = Pen.Between(random, 0.9, 1.4);
        var starRadius = diameter * Pen.Between(random, 0.16, 0.2);

        using var text = Characters(committee, diameter, pixelsPerMm, turn);
        var x0 = (int)Math.Floor((centre.X - outer - 1) * pixelsPerMm);
        var y0 = (int)Math.Floor((centre.Y - outer - 1) * pixelsPerMm);
        var side = (int)Math.Ceiling(((2 * outer) + 2) * pixelsPerMm);
        for (var py = Math.Max(0, y0); py < Math.Min(paper.Height, y0 + side); py++)
        {
            var row = paper.Row(py);
            for (var px = Math.Max(0, x0); px < Math.Min(paper.Width, x0 + side); px++)
            {
                var mm = new PointD((px + 0.5) / pixelsPerMm, (py + 0.5) / pixelsPerMm) - centre;
                var r = Math.Sqrt((mm.X * mm.X) + (mm.Y * mm.Y));
                var inked = (r <= outer && r >= outer - ringWidth)
                    || InStar(mm, starRadius, turn)
                    || (text.Width > 0 && text[px - x0, py - y0] < 128);
                if (!inked || random.NextDouble() < dropout)
                {
                    continue;
                }

                var along = ((mm.X * Math.Cos(pressure)) + (mm.Y * Math.Sin(pressure))) / outer;
                var level = Math.Clamp(ink + (along * 35) + ((random.NextDouble() - 0.5) * 30), 40, 200);
                row[px] = (byte)Math.Min(row[px], level);
            }
        }

        return centre;
    }

    /// <summary>The committee's name round the upper arc, each character upright to the ring, as a mask the seal's size.</summary>
    private static GrayImage Characters(string committee, double diameter, double pixelsPerMm, double turn)
    {
        var side = (int)Math.Ceiling((diameter + 2) * pixelsPerMm);
        var mask = GrayImage.Create(side, side);
        var runes = committee.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (runes.Count == 0 || FontLocator.Chinese is not { } face)
        {
            return mask;
        }

        var charMm = Math.Min(diameter * 0.16, Math.PI * diameter * 0.55 / runes.Count);
        var arcRadius = (diameter / 2) - 1.6 - (charMm / 2);
        var span = Math.PI * 1.25;
        for (var i = 0; i < runes.Count; i++)
        {
            var angle = -Math.PI / 2 - (span / 2) + (span * (i + 0.5) / runes.Count) + turn;
            using var glyph = TextRenderer.Render(runes[i], face, Math.Max(6, (int)Math.Round(charMm * pixelsPerMm)), 2);
            var rotation = angle + (Math.PI / 2);
            var cx = (side / 2.0) + (arcRadius * Math.Cos(angle) * pixelsPerMm);
            var cy = (side / 2.0) + (arcRadius * Math.Sin(angle) * pixelsPerMm);
            var (cos, sin) = (Math.Cos(rotation), Math.Sin(rotation));
            var reach = (int)Math.Ceiling(Math.Max(glyph.Width, glyph.Height) * 0.75);
            for (var y = -reach; y <= reach; y++)
            {
                for (var x = -reach; x <= reach; x++)
                {
                    // Back into the upright glyph: a turn by −rotation about its middle.
                    var gx = (int)Math.Round((glyph.Width / 2.0) + (x * cos) + (y * sin));
                    var gy = (int)Math.Round((glyph.Height / 2.0) - (x * sin) + (y * cos));
                    var (mx, my) = ((int)Math.Round(cx + x), (int)Math.Round(cy + y));
                    if (gx >= 0 && gy >= 0 && gx < glyph.Width && gy < glyph.Height && mx >= 0 && my >= 0 && mx < side && my < side && glyph[gx, gy] < 128)
                    {
                        mask.Row(my)[mx] = 0;
                    }
                }
            }
        }

        return mask;
    }

    /// <summary>Whether <paramref name="p"/> (mm from the centre) lies in a five-pointed star of outer radius <paramref name="radius"/>.</summary>
    private static bool InStar(PointD p, double radius, double turn)
    {
        var r = Math.Sqrt((p.X * p.X) + (p.Y * p.Y));
        if (r > radius)
        {
            return false;
        }

        // The star's edge runs straight from a point (radius, at angle 0 of its sector) to a notch (0.382 radius, at π/5):
        // the ray at φ meets it at r = (P × (Q − P)) / (u × (Q − P)).
        var angle = Math.Atan2(p.Y, p.X) + (Math.PI / 2) - turn;
        var sector = Math.PI / 5;
        var phi = Math.Abs((((angle % (2 * sector)) + (2 * sector)) % (2 * sector)) - sector);
        phi = sector - phi;
        var (qx, qy) = (radius * 0.382 * Math.Cos(sector), radius * 0.382 * Math.Sin(sector));
        var (dx, dy) = (qx - radius, qy);
        var edge = (radius * dy) / ((Math.Cos(phi) * dy) - (Math.Sin(phi) * dx));
        return r <= edge;
    }
}
