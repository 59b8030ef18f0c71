using System.Globalization;
using System.Xml.Linq;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Platform;

namespace BallotScan.Engine.Proofing;

/// <summary>One word of a PDF's text layer, where it is printed on its page (millimetres from the top left).</summary>
public sealed record PdfWord(string Text, RectMm At);

/// <summary>
/// The text layer of a PDF (poppler's pdftotext -bbox-layout): for a ballot PDF, exactly the characters that will be
/// printed, where they will be printed. Proofing a PDF from it has no OCR to doubt: a name is right or it is not.
/// </summary>
public static class PdfTextLayer
{
    private const double MmPerPoint = 25.4 / 72;

    /// <summary>The words of every page, in page order; an empty list for a page without text (a scan saved as PDF).</summary>
    /// <exception cref="InvalidDataException">The PDF cannot be read.</exception>
    public static IReadOnlyList<IReadOnlyList<PdfWord>> Read(string pdf)
    {
        var result = DebianTool.Run("pdftotext", "poppler-utils", "-bbox-layout", pdf, "-");
        if (result.ExitCode != 0)
        {
            throw new InvalidDataException($"The text of {Path.GetFileName(pdf)} could not be read: {result.Error.Trim()}");
        }

        XNamespace html = "http://www.w3.org/1999/xhtml";
        var document = XDocument.Parse(result.Output);
        return [.. document.Descendants(html + "page").Select(page => (IReadOnlyList<PdfWord>)[.. page.Descendants(html + "word").Select(w =>
        {
            double At(string name) => double.Parse((string?)w.Attribute(name) ?? "0", CultureInfo.InvariantCulture) * MmPerPoint;
            return new PdfWord(w.Value, new RectMm(At("xMin"), At("yMin"), At("xMax") - At("xMin"), At("yMax") - At("yMin")));
        })])];
    }

    /// <summary>The text printed inside <paramref name="cell"/>: the words whose centre lies in it, line by line from the top,
    /// each line left to right, joined (a long name printed on two lines reads as the one name).</summary>
    public static string TextIn(IReadOnlyList<PdfWord> words, RectMm cell)
    {
        ArgumentNullException.ThrowIfNull(words);
        static double Middle(PdfWord w) => w.At.Y + (w.At.Height / 2);
        var lines = new List<List<PdfWord>>();
        foreach (var word in words
            .Where(w => w.At.X + (w.At.Width / 2) is var x && x >= cell.X && x <= cell.X + cell.Width
                && Middle(w) is var y && y >= cell.Y && y <= cell.Y + cell.Height)
            .OrderBy(Middle))
        {
            if (lines.Count > 0 && Middle(word) - Middle(lines[^1][0]) < word.At.Height / 2)
            {
                lines[^1].Add(word);
            }
            else
            {
                lines.Add([word]);
            }
        }

        return string.Concat(lines.SelectMany(line => line.OrderBy(w => w.At.X)).Select(w => w.Text));
    }
}
