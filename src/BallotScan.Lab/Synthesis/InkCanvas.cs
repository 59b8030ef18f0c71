using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Lab.Synthesis;

/// <summary>
/// Draws pen strokes onto a page image in millimetre coordinates, anti-aliased, as ink on paper: a stroke only ever
/// darkens, and crossing itself does not darken twice (ballpoint ink does not build up much).
/// </summary>
internal sealed class InkCanvas(GrayImage page, double pixelsPerMm)
{
    public GrayImage Page { get; } = page;

    public double PixelsPerMm { get; } = pixelsPerMm;

    /// <summary>Draws a polyline (millimetres) with <paramref name="pen"/>.</summary>
    public void Stroke(IReadOnlyList<PointD> points, Pen pen, Random random)
    {
        var half = Math.Max(0.55, pen.WidthMm * PixelsPerMm / 2);
        var grainSeed = random.Next();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            Segment(points[i] * PixelsPerMm, points[i + 1] * PixelsPerMm, half, pen, grainSeed);
        }
    }

    /// <summary>A round dot (a speck, or a full stop) of diameter <paramref name="diameterMm"/>.</summary>
    public void Dot(PointD centreMm, double diameterMm, byte ink)
    {
        var c = centreMm * PixelsPerMm;
        Segment(c, c, Math.Max(0.5, diameterMm * PixelsPerMm / 2), new Pen(PenKind.Ballpoint, diameterMm, ink, 0), 0);
    }

    private void Segment(PointD a, PointD b, double half, Pen pen, int grainSeed)
    {
        var x0 = Math.Max(0, (int)Math.Floor(Math.Min(a.X, b.X) - half - 1));
        var x1 = Math.Min(Page.Width - 1, (int)Math.Ceiling(Math.Max(a.X, b.X) + half + 1));
        var y0 = Math.Max(0, (int)Math.Floor(Math.Min(a.Y, b.Y) - half - 1));
        var y1 = Math.Min(Page.Height - 1, (int)Math.Ceiling(Math.Max(a.Y, b.Y) + half + 1));
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var lengthSquared = (dx * dx) + (dy * dy);
        var depth = 255 - pen.Ink;
        for (var y = y0; y <= y1; y++)
        {
            var row = Page.Row(y);
            for (var x = x0; x <= x1; x++)
            {
                var t = lengthSquared == 0 ? 0 : Math.Clamp((((x - a.X) * dx) + ((y - a.Y) * dy)) / lengthSquared, 0, 1);
                var px = a.X + (t * dx) - x;
                var py = a.Y + (t * dy) - y;
                var coverage = Math.Clamp(half + 0.5 - Math.Sqrt((px * px) + (py * py)), 0, 1);
                if (coverage <= 0)
                {
                    continue;
                }

                if (pen.Grain > 0)
                {
                    coverage *= 1 - (pen.Grain * Hash01(x, y, grainSeed));
                }

                var value = (byte)(255 - (depth * coverage));
                if (value < row[x])
                {
                    row[x] = value;
                }
            }
        }
    }

    /// <summary>A fixed pseudo-random value in [0, 1) per pixel: pencil and ballpoint grain that does not depend on drawing order.</summary>
    private static double Hash01(int x, int y, int seed)
    {
        var h = (uint)((x * 73856093) ^ (y * 19349663) ^ (seed * 83492791));
        h ^= h >> 13;
        h *= 0x5bd1e995;
        h ^= h >> 15;
        return (h & 0xFFFF) / 65536.0;
    }
}
