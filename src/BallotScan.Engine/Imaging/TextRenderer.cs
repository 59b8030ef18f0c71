using BallotScan.Engine.Fonts;

namespace BallotScan.Engine.Imaging;

/// <summary>Renders a line of text with FreeType, black on white: printed names for tests, proofs and synthetic sheets.</summary>
public static class TextRenderer
{
    /// <summary>
    /// The text drawn at <paramref name="pixelHeight"/> pixels per em with <paramref name="padding"/> white pixels around it.
    /// </summary>
    /// <exception cref="ImagingException">The face lacks a glyph (kind NotFound), or the font cannot be opened.</exception>
    public static GrayImage Render(string text, FontFace face, int pixelHeight, int padding = 8)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(face);
        var status = ShimMethods.RenderText(face.Path, face.Index, text, pixelHeight, padding, out var handle);
        return GrayImage.FromNative(status, handle, $"render \"{text}\" with {face.Family}");
    }

    /// <summary>The first character of <paramref name="text"/> that <paramref name="face"/> cannot draw, or null when it can draw them all.</summary>
    public static string? FirstMissingGlyph(string text, FontFace face)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(face);
        ShimMethods.Check(ShimMethods.FontMissingGlyph(face.Path, face.Index, text, out var missing), "font coverage");
        return missing == 0 ? null : char.ConvertFromUtf32(missing);
    }
}
