using BallotScan.Engine.Fonts;
using PdfSharp.Fonts;

namespace BallotScan.Engine.Printing;

/// <summary>
/// Gives PdfSharp the ballot's Chinese face (found through fontconfig, split out of its collection) under one family
/// name. PdfSharp embeds only the glyphs used, so a ballot PDF stays small.
/// </summary>
internal sealed class BallotFontResolver : IFontResolver
{
    public const string Family = "BallotCJK";

    private static readonly Lock s_gate = new();
    private static bool s_installed;

    private readonly Lazy<byte[]> _face = new(() =>
    {
        var face = FontLocator.Chinese;
        return FontFaceExtractor.ExtractFace(File.ReadAllBytes(face.Path), face.Index);
    });

    /// <summary>Chooses PdfSharp's AGPL licence and installs the resolver for the process (PdfSharp allows one, set before the first font is used).</summary>
    public static void EnsureInstalled()
    {
        lock (s_gate)
        {
            if (!s_installed)
            {
                // PdfSharp 6.5 requires a licence choice; BallotScan is AGPL-3.0-or-later, so it uses PdfSharp under the AGPL.
                PdfSharp.PdfSharpLicense.SetAgplLicense();
                GlobalFontSettings.FontResolver = new BallotFontResolver();
                s_installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // The face has no bold: PdfSharp simulates it, as printers' drivers do.
        new(Family, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _face.Value;
}
