using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace BallotScan.Engine.Printing;

/// <summary>
/// Mends the text layer of a PDF that prints a character outside the BMP (𠮷, U+20BB7). PdfSharp writes such a character
/// into the font's ToUnicode map as its code point in hex (<c>&lt;20BB7&gt;</c>), which PDF readers take for two
/// characters (U+20BB, then a stray digit): the print is right, but its text, which the print proof reads, is not. The
/// map must hold UTF-16 (<c>&lt;D842DFB7&gt;</c>). A PDF without such a character is returned as it is.
/// </summary>
internal static partial class NonBmpText
{
    public static byte[] Mend(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        // Only a fallback face draws characters outside the BMP (the Chinese face has none): without one embedded, nothing
        // to mend, and the PDF is not parsed again.
        var text = Encoding.Latin1.GetString(pdf);
        if (!Fonts.PrintFaces.FallbackFamilies.Any(family => text.Contains("+" + family, StringComparison.Ordinal)))
        {
            return pdf;
        }

        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Modify);
        var mended = false;
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } dictionary)
            {
                continue;
            }

            var map = Encoding.Latin1.GetString(stream.UnfilteredValue);
            if (!map.Contains("begincmap", StringComparison.Ordinal) || !CodePoint().IsMatch(map))
            {
                continue;
            }

            var utf16 = CodePoint().Replace(map, m =>
            {
                var value = int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return value <= 0xFFFF ? m.Value : "<" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(value))) + ">";
            });
            dictionary.Elements.Remove("/Filter");
            stream.Value = Encoding.Latin1.GetBytes(utf16);
            mended = true;
        }

        if (!mended)
        {
            return pdf;
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>A destination code of five or six hex digits: a code point PdfSharp wrote where UTF-16 belongs.</summary>
    [GeneratedRegex("<([0-9A-Fa-f]{5,6})>")]
    private static partial Regex CodePoint();
}
