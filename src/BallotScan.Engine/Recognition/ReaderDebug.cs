using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Recognition;

/// <summary>One box as the reader saw it, for whoever investigates a reading: the upright crop, the ink mask read, the reading.</summary>
/// <param name="BoxId">The layout's box id.</param>
/// <param name="Crop">The box and the band around it, upright at 8 px/mm, as PNG.</param>
/// <param name="InkMask">The ink the features were measured on (border and specks taken out), black on white, as PNG.</param>
/// <param name="Reading">What the reader made of it, with the guards it failed.</param>
/// <param name="Shape">What the shape network sees of the ink (<see cref="ShapeNet.Normalise"/>, 32 px square shown 4 times as large), as PNG; null for an empty box.</param>
public sealed record BoxDebugImage(string BoxId, byte[] Crop, byte[] InkMask, PositionReading Reading, byte[]? Shape = null);

/// <summary>The reader's stages as images (as vxsuite's debug images per stage): per box its crop and its ink mask, beside the reading and the guards it failed.</summary>
public static class ReaderDebug
{
    /// <summary>Every box of a located sheet: its crop, its ink mask and its reading; empty when the sheet is not located.</summary>
    public static IReadOnlyList<BoxDebugImage> Boxes(BallotReader reader, GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(image);
        var located = SheetLocator.Locate(image, reader.Layouts, reader.Options.Locate);
        if (located.Sheet is not { } sheet)
        {
            return [];
        }

        // The reader's own stages on the one location: each box measured, then decided as a read decides it.
        var result = new List<BoxDebugImage>();
        foreach (var m in BallotReader.Measure(image, sheet))
        {
            using var crop = SheetCrops.Upright(image, sheet.LayoutToImage, BoxInspector.InspectedRegion(m.Box), BoxInspector.PixelsPerMm);
            var n = m.Inspection.InteriorSize;
            var mask = new byte[n * n];
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = m.Inspection.Interior[i] != 0 ? (byte)0 : (byte)255;
            }

            using var maskImage = GrayImage.FromPixels(mask, n, n, n);
            result.Add(new BoxDebugImage(m.Box.Id, ImageCodec.EncodePng(crop), ImageCodec.EncodePng(maskImage), reader.Decide(m), ShapePng(m.Inspection.Interior, n)));
        }

        return result;
    }

    /// <summary>The shape network's input, ink black on white, each of its pixels drawn as 4 × 4.</summary>
    private static byte[]? ShapePng(byte[] interior, int n)
    {
        if (ShapeNet.Normalise(interior, n) is not { } shape)
        {
            return null;
        }

        const int zoom = 4;
        const int side = ShapeNet.Side * zoom;
        var pixels = new byte[side * side];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Round(255 * (1 - shape[((i / side / zoom) * ShapeNet.Side) + (i % side / zoom)]));
        }

        using var image = GrayImage.FromPixels(pixels, side, side, side);
        return ImageCodec.EncodePng(image);
    }
}
