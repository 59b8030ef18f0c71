using BallotScan.Engine.Fonts;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;

namespace BallotScan.Benchmarks;

/// <summary>
/// A 200 dpi A4 page with the content a ballot has (four corner QR codes, a title, names in cells, marking boxes, a few
/// pen marks) and the paper grain a scanner records, so that file sizes and decode times are those of real scans.
/// </summary>
internal static class BallotLikePage
{
    public const int Width = 1654;
    public const int Height = 2339;

    public static GrayImage Draw()
    {
        var page = GrayImage.Create(Width, Height);
        string[] corners = ["TL", "TR", "BR", "BL"];
        for (var i = 0; i < 4; i++)
        {
            var qr = QrMatrix.Encode($"BS1|E=bench-2026|S=1|P=1|C={corners[i]}|H=5d41402a", QrErrorCorrection.Q);
            var side = qr.Size * 4;
            Raster.DrawQr(page, qr, i is 0 or 3 ? 60 : Width - 60 - side, i is 0 or 1 ? 60 : Height - 60 - side, 4);
        }

        var font = FontLocator.Chinese;
        using (var title = TextRenderer.Render("某某村第十二届村民委员会选举选票", font, 56, 0))
        {
            Raster.PasteDarker(page, title, (Width - title.Width) / 2, 120);
        }

        string[] names = ["王秀英", "李娜", "张建国", "刘伟", "陈静", "杨洋", "赵丽", "黄磊", "周敏", "吴刚", "徐明", "孙芳", "马超", "朱琳"];
        var random = new Random(2026);
        for (var row = 0; row < names.Length; row++)
        {
            var y = 330 + (row * 130);
            using (var name = TextRenderer.Render(names[row], font, 44, 0))
            {
                Raster.PasteDarker(page, name, 260, y + 20);
            }

            foreach (var x in new[] { 900, 1100, 1300 })
            {
                Raster.Fill(page, new PixelRect(x, y, 90, 90), 0);
                Raster.Fill(page, new PixelRect(x + 3, y + 3, 84, 84), 255);
                if (random.Next(3) == 0)
                {
                    DrawRing(page, new PointD(x + 45, y + 45), 30, 3.5);
                }
            }
        }

        AddPaperGrain(page, random);
        return page;
    }

    private static void DrawRing(GrayImage page, PointD centre, double radius, double pen)
    {
        for (var y = (int)(centre.Y - radius - pen); y <= centre.Y + radius + pen; y++)
        {
            for (var x = (int)(centre.X - radius - pen); x <= centre.X + radius + pen; x++)
            {
                var d = Math.Abs(new PointD(x, y).DistanceTo(centre) - radius);
                if (d < pen)
                {
                    page[x, y] = (byte)Math.Min(page[x, y], 40 + (160 * d / pen));
                }
            }
        }
    }

    private static void AddPaperGrain(GrayImage page, Random random)
    {
        var pixels = page.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var v = pixels[i] - 12 + random.Next(9);
            pixels[i] = (byte)Math.Clamp(v, 0, 255);
        }
    }
}
