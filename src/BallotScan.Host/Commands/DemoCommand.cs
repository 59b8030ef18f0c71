using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BallotScan.Engine.Fonts;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;

namespace BallotScan.Host.Commands;

/// <summary>
/// `ballotscan demo`: the main job. For now it proves the imaging layer end to end: it draws a 200 dpi A4 page with a
/// QR code in each corner and a printed title, saves it the ways scanners do (PNG, JPEG, 1-bit TIFF, upside down,
/// skewed), reads every file back and prints what it found. Later issues turn this into a full count.
/// </summary>
internal static class DemoCommand
{
    private const string Title = "示例村民委员会选举";
    private const int Width = 1654;   // A4 at 200 dpi
    private const int Height = 2339;

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Folder for the demo's images.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "demo")),
        };
        var command = new Command("demo", "Draw a page with four QR codes, save it as scanners do, read every copy back and print what was found.");
        command.Options.Add(output);
        command.SetAction(parse => Run(parse.GetValue(output)!));
        return command;
    }

    private static int Run(DirectoryInfo output)
    {
        output.Create();
        Console.WriteLine($"BallotScan demo: imaging engines {EngineInfo.NativeVersions}");
        using var page = DrawPage();
        var files = SaveAsScannersDo(page, output);

        var failures = 0;
        foreach (var file in files)
        {
            failures += ReadBack(file) ? 0 : 1;
        }

        using var ocr = TesseractEngine.Open(new OcrOptions { Segmentation = PageSegmentation.SingleLine });
        var titleCrop = Raster.InkBounds(page.Crop(TitleRegion), margin: 6) is { } ink
            ? page.Crop(new PixelRect(TitleRegion.X + ink.X, TitleRegion.Y + ink.Y, ink.Width, ink.Height))
            : throw new InvalidOperationException("The title was not drawn.");
        using (titleCrop)
        {
            var read = ocr.Read(titleCrop);
            var same = read.Text == Title;
            failures += same ? 0 : 1;
            Console.WriteLine($"Printed title read by Tesseract: \"{read.Text}\" (confidence {read.Confidence}) {(same ? "matches" : "DOES NOT MATCH")} \"{Title}\"");
        }

        Console.WriteLine(failures == 0
            ? $"All {files.Count} scans read back correctly. Images are in {output.FullName}."
            : $"{failures} check(s) failed; images are in {output.FullName}.");
        return failures == 0 ? 0 : 1;
    }

    private static PixelRect TitleRegion => new(300, 80, Width - 600, 140);

    private static GrayImage DrawPage()
    {
        var page = GrayImage.Create(Width, Height);
        string[] corners = ["TL", "TR", "BR", "BL"];
        const int module = 4;
        const int margin = 60;
        for (var i = 0; i < 4; i++)
        {
            var qr = QrMatrix.Encode(Payload(corners[i]), QrErrorCorrection.Q);
            var side = qr.Size * module;
            Raster.DrawQr(page, qr, i is 0 or 3 ? margin : Width - margin - side, i is 0 or 1 ? margin : Height - margin - side, module);
        }

        using var title = TextRenderer.Render(Title, FontLocator.Chinese, 64, padding: 0);
        Raster.PasteDarker(page, title, (Width - title.Width) / 2, TitleRegion.Y + 30);
        return page;
    }

    private static string Payload(string corner) => $"BS1|E=demo-2026|S=1|P=1|C={corner}|H=00000000";

    private static List<string> SaveAsScannersDo(GrayImage page, DirectoryInfo output)
    {
        var files = new List<string>();
        void Save(string name, byte[] bytes)
        {
            var path = Path.Combine(output.FullName, name);
            File.WriteAllBytes(path, bytes);
            files.Add(path);
        }

        Save("page.png", ImageCodec.EncodePng(page));
        Save("page.jpg", ImageCodec.EncodeJpeg(page, 85));
        Save("page-g4.tif", ImageCodec.EncodeTiff([page], TiffCompression.Group4));
        using (var upsideDown = ImageOps.Warp(page, Homography.Rotation(180, new PointD(Width / 2.0, Height / 2.0)), Width, Height))
        {
            Save("page-upside-down.jpg", ImageCodec.EncodeJpeg(upsideDown, 85));
        }

        using (var skewed = ImageOps.Warp(page, Homography.Rotation(3, new PointD(Width / 2.0, Height / 2.0)), Width, Height))
        {
            Save("page-skewed-3deg.jpg", ImageCodec.EncodeJpeg(skewed, 85));
        }

        return files;
    }

    private static bool ReadBack(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var clock = Stopwatch.StartNew();
        using var image = ImageCodec.Decode(bytes);
        var decodeMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var (w, h) = (image.Width / 4, image.Height / 6);
        PixelRect[] crops = [new(0, 0, w, h), new(image.Width - w, 0, w, h), new(image.Width - w, image.Height - h, w, h), new(0, image.Height - h, w, h)];
        var symbols = crops.SelectMany(c => QrReader.Read(image, c, new QrReadOptions { TryHarder = false })).ToList();
        var qrMs = clock.Elapsed.TotalMilliseconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)}: {bytes.Length / 1024} KiB, {image.Width}x{image.Height}, decoded in {decodeMs:0.0} ms, {symbols.Count} QR codes read in {qrMs:0.0} ms"));
        foreach (var s in symbols)
        {
            Console.WriteLine($"    {s.Text}  at {s.Corners[0]} turned {s.OrientationDegrees}°");
        }

        return symbols.Count == 4;
    }
}
