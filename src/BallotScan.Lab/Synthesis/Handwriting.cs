using BallotScan.Engine.Fonts;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;

namespace BallotScan.Lab.Synthesis;

/// <summary>
/// A write-in name in a handwriting-like rendering: each character of the ballot face drawn at its own size, slant,
/// rotation and height, in the voter's pen, spaced unevenly across the name cell.
/// </summary>
internal static class Handwriting
{
    public static void Write(InkCanvas canvas, string name, RectMm cell, Pen pen, Random random)
    {
        var characters = name.EnumerateRunes().Select(r => r.ToString()).ToList();
        var sizeMm = Math.Min(cell.Height * Pen.Between(random, 0.5, 0.72), (cell.Width - 2) / characters.Count);
        var px = canvas.PixelsPerMm;
        var advance = (cell.Width - 2) / characters.Count;
        var x = cell.X + 1 + Pen.Between(random, 0, Math.Max(0, advance - sizeMm));
        var depth = 255 - pen.Ink;
        foreach (var character in characters)
        {
            var size = sizeMm * Pen.Between(random, 0.88, 1.12);
            using var glyph = TextRenderer.Render(character, FontLocator.Chinese, Math.Max(8, (int)(size * px)), padding: (int)(size * px * 0.3));
            var centre = new PointD(glyph.Width / 2.0, glyph.Height / 2.0);
            var slant = Pen.Between(random, -0.18, 0.18);
            var transform = Homography.Translation(centre.X, centre.Y)
                * Homography.Rotation(Pen.Between(random, -7, 7), new PointD(0, 0))
                * new Homography(1, slant, 0, 0, 1, 0, 0, 0, 1)
                * Homography.Translation(-centre.X, -centre.Y);
            using var shaped = ImageOps.Warp(glyph, transform, glyph.Width, glyph.Height);
            var left = (int)Math.Round(((x + (size / 2)) * px) - (shaped.Width / 2.0));
            var top = (int)Math.Round(((cell.Center.Y + Pen.Between(random, -0.8, 0.8)) * px) - (shaped.Height / 2.0));
            Blend(canvas.Page, shaped, left, top, depth);
            x += advance * Pen.Between(random, 0.92, 1.08);
        }
    }

    /// <summary>Lays a black-on-white glyph onto the page in the pen's ink, only ever darkening.</summary>
    private static void Blend(GrayImage page, GrayImage glyph, int left, int top, int depth)
    {
        var r = new PixelRect(left, top, glyph.Width, glyph.Height).Intersect(page.Bounds);
        for (var y = r.Y; y < r.Bottom; y++)
        {
            var from = glyph.Row(y - top);
            var to = page.Row(y);
            for (var x = r.X; x < r.Right; x++)
            {
                var coverage = (255 - from[x - left]) / 255.0;
                var value = (byte)(255 - (depth * coverage));
                if (value < to[x])
                {
                    to[x] = value;
                }
            }
        }
    }
}
