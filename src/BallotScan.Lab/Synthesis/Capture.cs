using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Lab.Synthesis;

/// <summary>The image a capture produced: its file bytes, format, the page-to-image transform and what was applied.</summary>
internal sealed record CaptureResult(byte[] Bytes, string Extension, Homography PageToImage, CaptureTruth Truth);

/// <summary>
/// What a scanner or a camera does to a sheet of paper: position and skew (or perspective), light, blur, noise, streaks,
/// folds and cut edges, and the file format it saves. Applied to the marked page raster.
/// </summary>
internal static class Capture
{
    private const int NoiseTableSize = 1 << 20;

    /// <summary>Standard normal samples × 256, reused with a random start per image: noise at memory speed, still deterministic.</summary>
    private static readonly short[] s_noise = MakeNoise();

    /// <summary>clamp[ClampOffset + v] is v limited to 0…255, for v from −ClampOffset to 255 + ClampOffset.</summary>
    private const int ClampOffset = 512;

    private static readonly byte[] s_clamp = Enumerable.Range(-ClampOffset, 256 + (2 * ClampOffset)).Select(v => (byte)Math.Clamp(v, 0, 255)).ToArray();

    public static CaptureResult Apply(GrayImage paper, double pixelsPerMm, bool camera, SynthesisOptions o, Random random)
    {
        var fold = random.NextDouble() < o.FoldRate;
        if (fold)
        {
            Fold(paper, random);
        }

        return camera ? Camera(paper, o, random, fold) : Scanner(paper, pixelsPerMm, o, random, fold);
    }

    private static CaptureResult Scanner(GrayImage paper, double pixelsPerMm, SynthesisOptions o, Random random, bool fold)
    {
        var u = (random.NextDouble() * 2) - 1;
        var skew = o.ScannerMaxSkewDegrees * u * Math.Abs(u); // mostly small, sometimes up to the maximum
        var upsideDown = random.NextDouble() < o.UpsideDownRate;
        var rotation = skew + (upsideDown ? 180 : 0);
        var scale = 1 + Pen.Between(random, -o.ScannerMaxScaleError, o.ScannerMaxScaleError);
        var offset = new PointD(Pen.Between(random, -1, 1), Pen.Between(random, -1, 1)) * (o.ScannerMaxOffsetMm * pixelsPerMm);
        var centre = new PointD(paper.Width / 2.0, paper.Height / 2.0);
        var transform = Homography.Translation(centre.X + offset.X, centre.Y + offset.Y) * Homography.Rotation(rotation, new PointD(0, 0))
            * Homography.Scale(scale, scale) * Homography.Translation(-centre.X, -centre.Y);

        // The scan area holds the whole sheet however it is skewed (a scanner scans past the paper's edge); what lies
        // outside the paper is the lid (white) or, on some feeders, a dark backing.
        PointD[] corners = [new(0, 0), new(paper.Width, 0), new(paper.Width, paper.Height), new(0, paper.Height)];
        var placedCorners = corners.Select(transform.Map).ToList();
        var margin = 2 * pixelsPerMm;
        var shift = new PointD(Math.Max(0, margin - placedCorners.Min(c => c.X)), Math.Max(0, margin - placedCorners.Min(c => c.Y)));
        transform = Homography.Translation(shift.X, shift.Y) * transform;
        var width = (int)Math.Ceiling(Math.Max(paper.Width, placedCorners.Max(c => c.X) + shift.X + margin));
        var height = (int)Math.Ceiling(Math.Max(paper.Height, placedCorners.Max(c => c.Y) + shift.Y + margin));
        var backing = random.NextDouble() < 0.2 ? (byte)random.Next(20, 70) : (byte)255;
        using var placed = ImageOps.Warp(paper, transform, width, height, Interpolation.Linear, backing);
        var blur = o.ScannerMaxBlur * random.NextDouble();
        using var blurred = blur > 0.3 ? ImageOps.GaussianBlur(placed, blur) : placed.Clone();
        var noise = Pen.Between(random, 1, o.MaxNoise);
        AddNoise(blurred, noise, random);
        var streaks = random.NextDouble() < o.StreakRate ? random.Next(1, 4) : 0;
        for (var s = 0; s < streaks; s++)
        {
            Streak(blurred, random);
        }

        var cut = random.NextDouble() < o.CutEdgeRate ? CutEdge(blurred, pixelsPerMm, random, backing) : null;
        var bilevel = random.NextDouble() < o.BilevelTiffShare;
        var quality = bilevel ? 0 : random.Next(o.JpegQualityMin, o.JpegQualityMax + 1);
        if (bilevel)
        {
            // Scanners set their 1-bit threshold well above mid-gray so that pencil and pale pens survive.
            Threshold(blurred, (byte)random.Next(190, 216));
        }

        var bytes = bilevel ? ImageCodec.EncodeTiff([blurred], TiffCompression.Group4, o.Dpi) : ImageCodec.EncodeJpeg(blurred, quality);
        var truth = new CaptureTruth("scanner", bilevel ? "tiff-g4" : "jpeg", quality, Math.Round(rotation, 3), upsideDown, Math.Round(blur, 3), Math.Round(noise, 3), 1, streaks, fold, cut);
        return new CaptureResult(bytes, bilevel ? ".tif" : ".jpg", transform, truth);
    }

    private static CaptureResult Camera(GrayImage paper, SynthesisOptions o, Random random, bool fold)
    {
        // A phone photo: about 8 megapixels, the page filling most of the frame, on a table.
        const int width = 2400;
        const int height = 3200;
        var fill = Pen.Between(random, 0.78, 0.92);
        var pageHeight = height * fill;
        var pageWidth = pageHeight * paper.Width / paper.Height;
        var centre = new PointD((width / 2.0) + Pen.Between(random, -60, 60), (height / 2.0) + Pen.Between(random, -60, 60));
        var rotation = Pen.Between(random, -o.CameraMaxRotationDegrees, o.CameraMaxRotationDegrees) + (random.NextDouble() < o.UpsideDownRate ? 180 : 0);
        var jitter = o.CameraMaxPerspective * pageWidth;
        PointD Corner(double x, double y)
        {
            var p = new PointD((x - 0.5) * pageWidth, (y - 0.5) * pageHeight) + new PointD(Pen.Between(random, -jitter, jitter), Pen.Between(random, -jitter, jitter));
            var r = rotation * Math.PI / 180;
            return centre + new PointD((p.X * Math.Cos(r)) - (p.Y * Math.Sin(r)), (p.X * Math.Sin(r)) + (p.Y * Math.Cos(r)));
        }

        PointD[] source = [new(0, 0), new(paper.Width, 0), new(paper.Width, paper.Height), new(0, paper.Height)];
        PointD[] destination = [Corner(0, 0), Corner(1, 0), Corner(1, 1), Corner(0, 1)];

        // The person taking the photo keeps the whole page in the frame: shrink towards the centre until it fits.
        const double frameMargin = 40;
        var overshoot = destination.Max(p => Math.Max(Math.Max(frameMargin - p.X, p.X - (width - frameMargin)), Math.Max(frameMargin - p.Y, p.Y - (height - frameMargin))));
        if (overshoot > 0)
        {
            var k = 1 - (overshoot / Math.Min(width / 2.0, height / 2.0));
            destination = destination.Select(p => centre + ((p - centre) * k)).ToArray();
        }

        var transform = HomographyFit.Fit(source, destination).Transform;
        var table = (byte)random.Next(35, 120);
        using var photo = ImageOps.Warp(paper, transform, width, height, Interpolation.Linear, table);
        var light = Pen.Between(random, o.CameraMinLight, 1);
        Light(photo, light, random);
        var blur = Pen.Between(random, 0.5, o.CameraMaxBlur);
        using var blurred = ImageOps.GaussianBlur(photo, blur);
        var noise = Pen.Between(random, 2, o.MaxNoise + 2);
        AddNoise(blurred, noise, random);
        var quality = random.Next(80, 93);
        var truth = new CaptureTruth("camera", "jpeg", quality, Math.Round(rotation, 3), Math.Abs(rotation) > 90, Math.Round(blur, 3), Math.Round(noise, 3), Math.Round(light, 3), 0, fold, null);
        return new CaptureResult(ImageCodec.EncodeJpeg(blurred, quality), ".jpg", transform, truth);
    }

    /// <summary>
    /// Adds Gaussian noise of standard deviation <paramref name="sigma"/> gray levels: the shared fixed-point table read
    /// in order from a random start, scaled by an integer multiply, clamped through a table (white paper plus noise
    /// crosses 255 half the time: a clamp by comparisons mispredicts and costs six times more).
    /// </summary>
    internal static unsafe void AddNoise(GrayImage image, double sigma, Random random)
    {
        var index = random.Next(NoiseTableSize);
        var scale = (int)Math.Round(Math.Min(sigma, 20) * 256);
        fixed (short* table = s_noise)
        fixed (byte* clamp = s_clamp)
        {
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                fixed (byte* p = row)
                {
                    for (var x = 0; x < row.Length; x++)
                    {
                        p[x] = clamp[ClampOffset + p[x] + (((table[index] * scale) + 32768) >> 16)];
                        index = (index + 1) & (NoiseTableSize - 1);
                    }
                }
            }
        }
    }

    private static void Threshold(GrayImage image, byte threshold)
    {
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < row.Length; x++)
            {
                row[x] = row[x] < threshold ? (byte)0 : (byte)255;
            }
        }
    }

    /// <summary>Light falling off across the photo: a linear gradient with a darkest corner at <paramref name="darkest"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Light(GrayImage image, double darkest, Random random)
    {
        var angle = Pen.Between(random, 0, 2 * Math.PI);
        var (ax, ay) = (Math.Cos(angle), Math.Sin(angle));
        var span = (Math.Abs(ax) * image.Width) + (Math.Abs(ay) * image.Height);
        var origin = (ax < 0 ? -ax * image.Width : 0) + (ay < 0 ? -ay * image.Height : 0);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < row.Length; x++)
            {
                var t = ((ax * x) + (ay * y) + origin) / span; // 0 at the bright side, 1 at the dark side
                row[x] = (byte)(row[x] * (1 - ((1 - darkest) * t)));
            }
        }
    }

    private static void Streak(GrayImage image, Random random)
    {
        var x0 = random.Next(image.Width);
        var width = random.Next(1, 4);
        var darken = random.Next(40, 130);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = x0; x < Math.Min(image.Width, x0 + width); x++)
            {
                row[x] = (byte)Math.Max(0, row[x] - darken);
            }
        }
    }

    /// <summary>A fold line across the paper: a soft shadowed crease.</summary>
    private static void Fold(GrayImage paper, Random random)
    {
        var horizontal = random.NextDouble() < 0.7;
        var at = horizontal ? random.Next(paper.Height / 4, paper.Height * 3 / 4) : random.Next(paper.Width / 4, paper.Width * 3 / 4);
        var depth = random.Next(15, 40);
        for (var d = -4; d <= 4; d++)
        {
            var shade = (int)(depth * Math.Exp(-(d * d) / 4.0));
            if (horizontal)
            {
                var row = paper.Row(at + d);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = (byte)Math.Max(0, row[x] - shade);
                }
            }
            else
            {
                for (var y = 0; y < paper.Height; y++)
                {
                    paper[at + d, y] = (byte)Math.Max(0, paper[at + d, y] - shade);
                }
            }
        }
    }

    /// <summary>A strip cut off one edge (the scanner sees its lid there). Returns which edge.</summary>
    private static string CutEdge(GrayImage image, double pixelsPerMm, Random random, byte background)
    {
        var edge = random.Next(4);
        var strip = (int)(Pen.Between(random, 3, 12) * pixelsPerMm);
        var rect = edge switch
        {
            0 => new PixelRect(0, 0, image.Width, strip),
            1 => new PixelRect(image.Width - strip, 0, strip, image.Height),
            2 => new PixelRect(0, image.Height - strip, image.Width, strip),
            _ => new PixelRect(0, 0, strip, image.Height),
        };
        Raster.Fill(image, rect, background);
        return edge switch { 0 => "top", 1 => "right", 2 => "bottom", _ => "left" };
    }

    private static short[] MakeNoise()
    {
        var random = new Random(20261122);
        var table = new short[NoiseTableSize];
        for (var i = 0; i < table.Length; i += 2)
        {
            // Box–Muller
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2 * Math.Log(u1));
            // Limited to ±6 standard deviations, so that noise of up to 20 levels stays inside the clamp table.
            table[i] = (short)Math.Round(256 * Math.Clamp(r * Math.Cos(2 * Math.PI * u2), -6, 6));
            table[i + 1] = (short)Math.Round(256 * Math.Clamp(r * Math.Sin(2 * Math.PI * u2), -6, 6));
        }

        return table;
    }
}
