using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Host.Station.Web;

/// <summary>A sheet's image as a browser shows it (PNG: scanners' TIFF is not shown by browsers), with its size.</summary>
internal sealed record ShownImage(byte[] Png, int Width, int Height);

/// <summary>Sheet images for the review pages, decoded from the stored originals; the last few are kept.</summary>
internal sealed class SheetImages(CountingStation station)
{
    private const int Kept = 24;
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Sheet, ShownImage Image)> _recent = new();

    /// <summary>The ink of each write-in cell already looked at: a sheet is decoded once for all its cells, not at every page.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Sheet, string Box), InkSignature> _inks = new();

    /// <summary>The most cells whose ink is kept (about 2 KB each).</summary>
    private const int InksKept = 20_000;

    /// <summary>
    /// The ink written in each of <paramref name="cells"/>' name cells (<see cref="InkLikeness"/>), for grouping like writing
    /// on the 另选 page; a cell whose sheet cannot be decoded or placed has none. Each sheet is decoded once, sheets in parallel.
    /// </summary>
    public IReadOnlyDictionary<(string Sheet, string Box), InkSignature> NameCellInks(IReadOnlyCollection<(string Sheet, string Box)> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (_inks.Count + cells.Count > InksKept)
        {
            _inks.Clear();
        }

        var missing = cells.Where(c => !_inks.ContainsKey(c)).GroupBy(c => c.Sheet, StringComparer.Ordinal).ToList();
        Parallel.ForEach(missing, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, station.Options.ReadParallelism) }, sheetCells =>
        {
            if (station.Reading.Interpretation(sheetCells.Key) is not { Accepted: true, LayoutToImage: { } h } sheet)
            {
                return;
            }

            using var image = Decoded(sheetCells.Key);
            if (image is null)
            {
                return;
            }

            var toImage = new Homography(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]);
            var page = station.Layout.PageOf(sheet.Page);
            foreach (var cell in sheetCells)
            {
                if (page.Boxes.FirstOrDefault(b => b.Id == cell.Box && b.Kind == BoxKind.WriteIn) is { } box)
                {
                    _inks[cell] = InkLikeness.OfNameCell(image, toImage, box);
                }
            }
        });
        return cells.Where(_inks.ContainsKey).ToDictionary(c => c, c => _inks[c]);
    }

    /// <summary>The image of <paramref name="sheetId"/>, or null when the sheet is unknown or its file cannot be decoded.</summary>
    public ShownImage? Of(string sheetId)
    {
        lock (_lock)
        {
            if (_recent.FirstOrDefault(x => x.Sheet == sheetId) is { Image: not null } hit)
            {
                return hit.Image;
            }
        }

        using var image = Decoded(sheetId);
        if (image is null)
        {
            return null;
        }

        var shown = new ShownImage(ImageCodec.EncodePng(image), image.Width, image.Height);
        lock (_lock)
        {
            _recent.AddFirst((sheetId, shown));
            while (_recent.Count > Kept)
            {
                _recent.RemoveLast();
            }
        }

        return shown;
    }

    /// <summary>The sheet's page decoded from its stored original, or null when the sheet is unknown or its file cannot be decoded.</summary>
    private GrayImage? Decoded(string sheetId)
    {
        if (station.Reading.Sheet(sheetId) is not { } sheet)
        {
            return null;
        }

        try
        {
            var bytes = station.Intake.FileBytes(sheet.FileId);
            return Engine.Printing.PdfRasterizer.IsPdf(bytes) ? Engine.Printing.PdfRasterizer.RenderScan(bytes, sheet.Page).Single() : ImageCodec.Decode(bytes, sheet.Page);
        }
        catch (Exception e) when (e is ImagingException or InvalidDataException or FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// A zoomed crop of one box (for a write-in cell, the name cell and its box) with a margin, upright (a sheet fed upside
    /// down is turned), as PNG; null when the sheet was not placed or has no such box. Cut from the original decoded afresh (a
    /// scanned page decodes in about 10 ms; the shown PNG of the whole page costs 130 ms to make and 40 to read back), so that
    /// a page of 200 crops (符号, 另选) does not make 200 whole-page PNGs.
    /// </summary>
    public byte[]? Crop(string sheetId, string boxId)
    {
        if (station.Reading.Interpretation(sheetId) is not { Accepted: true, LayoutToImage: not null } sheet)
        {
            return null;
        }

        var page = station.Layout.PageOf(sheet.Page);
        if (page.Boxes.FirstOrDefault(b => b.Id == boxId) is not { } box)
        {
            return null;
        }

        using var image = Decoded(sheetId);
        if (image is null)
        {
            return null;
        }

        using var crop = image.Crop(CropRect(sheet, box));
        if (sheet.RotationDegrees is { } rotation && Math.Abs(Math.Abs(rotation) - 180) < 45)
        {
            // Half a turn about the crop's middle pixel: every pixel lands on a pixel, none is interpolated.
            using var upright = ImageOps.Warp(crop, Homography.Rotation(180, new PointD((crop.Width - 1) / 2.0, (crop.Height - 1) / 2.0)), crop.Width, crop.Height, Interpolation.Nearest);
            return ImageCodec.EncodePng(upright);
        }

        return ImageCodec.EncodePng(crop);
    }

    /// <summary>Where on the sheet's image (pixels, before any turn) the crop of <paramref name="box"/> is cut: the box and, for a write-in cell, its name cell, with a margin.</summary>
    public static PixelRect CropRect(SheetInterpretation sheet, MarkingBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var corners = Corners(sheet, box.Box).Concat(box.Kind == BoxKind.WriteIn ? Corners(sheet, box.NameCell) : []).ToList();
        var margin = Math.Max(8, (corners.Max(c => c.Y) - corners.Min(c => c.Y)) / 4);
        var (x0, y0) = ((int)Math.Floor(corners.Min(c => c.X) - margin), (int)Math.Floor(corners.Min(c => c.Y) - margin));
        var (x1, y1) = ((int)Math.Ceiling(corners.Max(c => c.X) + margin), (int)Math.Ceiling(corners.Max(c => c.Y) + margin));
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The four corners of a layout rectangle on the image (pixels), through the sheet's homography.</summary>
    public static IReadOnlyList<(double X, double Y)> Corners(SheetInterpretation sheet, RectMm box)
    {
        var h = sheet.LayoutToImage ?? throw new InvalidOperationException("The sheet was not placed on its layout.");
        var toImage = new Homography(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]);
        (double, double) Map(double x, double y) => toImage.Map(new PointD(x, y)) is var p ? (p.X, p.Y) : default;
        return [Map(box.X, box.Y), Map(box.X + box.Width, box.Y), Map(box.X + box.Width, box.Y + box.Height), Map(box.X, box.Y + box.Height)];
    }
}
