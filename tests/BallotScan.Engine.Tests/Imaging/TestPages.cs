using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Tests.Imaging;

/// <summary>Pages drawn for the imaging tests: a 200 dpi A4 sheet with a QR code in each corner and some ink.</summary>
internal static class TestPages
{
    public const int A4Width200Dpi = 1654;
    public const int A4Height200Dpi = 2339;
    public const int ModuleSize = 4;

    public static readonly string[] CornerNames = ["TL", "TR", "BR", "BL"];

    public static string Payload(string corner) => $"BS1|E=test-2026|S=1|P=1|C={corner}|H=0f3a9c21";

    /// <summary>The page and, for each corner QR, its four printed corners (TL, TR, BR, BL of the symbol).</summary>
    public static (GrayImage Page, PointD[][] QrCorners) FourCornerPage()
    {
        var page = GrayImage.Create(A4Width200Dpi, A4Height200Dpi);
        var corners = new PointD[4][];
        const int margin = 60;
        for (var i = 0; i < 4; i++)
        {
            var qr = QrMatrix.Encode(Payload(CornerNames[i]));
            var side = qr.Size * ModuleSize;
            var x = i is 0 or 3 ? margin : A4Width200Dpi - margin - side;
            var y = i is 0 or 1 ? margin : A4Height200Dpi - margin - side;
            var r = Raster.DrawQr(page, qr, x, y, ModuleSize);
            corners[i] = [new(r.X, r.Y), new(r.Right, r.Y), new(r.Right, r.Bottom), new(r.X, r.Bottom)];
        }

        // Some ink in the middle, so the page is not trivially empty: boxes like marking boxes.
        for (var row = 0; row < 12; row++)
        {
            var box = new PixelRect(500, 300 + (row * 140), 90, 90);
            Raster.Fill(page, box, 0);
            Raster.Fill(page, new PixelRect(box.X + 4, box.Y + 4, box.Width - 8, box.Height - 8), 255);
        }

        return (page, corners);
    }

    /// <summary>Rotates <paramref name="page"/> by <paramref name="degrees"/> about its centre onto a canvas that holds all of it.</summary>
    public static (GrayImage Rotated, Homography Transform) Rotate(GrayImage page, double degrees)
    {
        var r = degrees * Math.PI / 180;
        var (c, s) = (Math.Abs(Math.Cos(r)), Math.Abs(Math.Sin(r)));
        var width = (int)Math.Ceiling((page.Width * c) + (page.Height * s));
        var height = (int)Math.Ceiling((page.Width * s) + (page.Height * c));
        var transform = Homography.Translation((width - page.Width) / 2.0, (height - page.Height) / 2.0)
            * Homography.Rotation(degrees, new PointD(page.Width / 2.0, page.Height / 2.0));
        return (ImageOps.Warp(page, transform, width, height), transform);
    }
}
