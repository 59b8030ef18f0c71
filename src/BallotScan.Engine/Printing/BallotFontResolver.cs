using BallotScan.Engine.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace BallotScan.Engine.Printing;

/// <summary>
/// Gives PdfSharp the print faces (<see cref="PrintFaces"/>: the Chinese face, split out of its collection, then the
/// fallbacks for rare characters), each under a family name of its own. PdfSharp embeds only the glyphs used, so a ballot
/// PDF stays small, and a PDF with no rare character embeds the Chinese face alone.
/// </summary>
internal sealed class BallotFontResolver : IFontResolver
{
    /// <summary>The family of the Chinese face; fallback face k is <c>BallotCJK-k</c>.</summary>
    public const string Family = "BallotCJK";

    private static readonly Lock s_gate = new();
    private static bool s_installed;

    private readonly Dictionary<string, Lazy<byte[]>> _faces = PrintFaces.Faces
        .Select((face, i) => (Name: FamilyOf(i), Bytes: new Lazy<byte[]>(() => FontFaceExtractor.ExtractFace(File.ReadAllBytes(face.Path), face.Index))))
        .ToDictionary(x => x.Name, x => x.Bytes, StringComparer.Ordinal);

    /// <summary>Installs the resolver for the process (PdfSharp allows one, set before the first font is used).</summary>
    public static void EnsureInstalled()
    {
        lock (s_gate)
        {
            if (!s_installed)
            {
                GlobalFontSettings.FontResolver = new BallotFontResolver();
                s_installed = true;
            }
        }
    }

    /// <summary>The family name of print face <paramref name="face"/>.</summary>
    public static string FamilyOf(int face) => face == 0 ? Family : $"{Family}-{face}";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // The faces have no bold: PdfSharp simulates it, as printers' drivers do.
        new(_faces.ContainsKey(familyName) ? familyName : Family, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => (_faces.GetValueOrDefault(faceName) ?? _faces[Family]).Value;
}

/// <summary>Text drawn and measured in the print faces: each run of characters in the first face that has them.</summary>
internal static class PdfText
{
    public static XFont Font(int face, double sizePt, bool bold) => new(BallotFontResolver.FamilyOf(face), sizePt, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    /// <summary>The width of <paramref name="text"/> in points.</summary>
    public static double Width(XGraphics g, string text, double sizePt, bool bold = false) =>
        PrintFaces.Runs(text).Sum(run => g.MeasureString(run.Text, Font(run.Face, sizePt, bold)).Width);

    /// <summary>Draws <paramref name="text"/> in <paramref name="rect"/>, centred or at its left, centred vertically.</summary>
    public static void Draw(XGraphics g, string text, double sizePt, bool bold, XRect rect, bool centred)
    {
        var runs = PrintFaces.Runs(text);
        if (runs.Count <= 1 && runs.All(r => r.Face == 0))
        {
            // One face: drawn as always (the same bytes as before fallbacks existed).
            g.DrawString(text, Font(0, sizePt, bold), XBrushes.Black, rect, centred ? XStringFormats.Center : XStringFormats.CenterLeft);
            return;
        }

        var widths = runs.Select(run => g.MeasureString(run.Text, Font(run.Face, sizePt, bold)).Width).ToList();
        var x = centred ? rect.X + ((rect.Width - widths.Sum()) / 2) : rect.X;
        for (var i = 0; i < runs.Count; i++)
        {
            g.DrawString(runs[i].Text, Font(runs[i].Face, sizePt, bold), XBrushes.Black, new XRect(x, rect.Y, widths[i], rect.Height), XStringFormats.CenterLeft);
            x += widths[i];
        }
    }
}
