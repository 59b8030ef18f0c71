using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Proofing;

/// <summary>One name as printed on a proof and as read back.</summary>
public sealed record NameReading(int Page, string BoxId, string Contest, int Position, string Expected, string Read, int Confidence)
{
    public bool Matches => Read == Expected;
}

/// <summary>Something on a printed ballot that does not match its definition.</summary>
/// <param name="Code">WrongElection, LayoutMismatch, NotABallot, MissingPage, NameMismatch, NamesSwapped, …</param>
/// <param name="Where">Which page and place.</param>
/// <param name="Message">What is wrong, for the election office.</param>
public sealed record ProofFinding(string Code, string Where, string Message);

/// <summary>The outcome of proofing a print: every name read, and every finding. No finding means the print is right.</summary>
public sealed record ProofReport(IReadOnlyList<NameReading> Names, IReadOnlyList<ProofFinding> Findings, int PagesChecked)
{
    public bool Passed => Findings.Count == 0;
}

/// <summary>
/// Checks a printed ballot (its PDF rendered, or a scan or photo of a print) against the election definition:
/// the QR codes must name this election, style, page and layout, and every printed name must read back as the name
/// the definition puts at that place. Catches a misspelt or swapped name and the wrong village's ballot before election day.
/// </summary>
public static class BallotProofer
{
    /// <summary>OCR crops are taken at 12 pixels per millimetre (about 300 dpi), Tesseract's favourite.</summary>
    private const double CropPixelsPerMm = 12;

    /// <summary>
    /// Proofs <paramref name="pages"/> (in any order) against <paramref name="layout"/>. With <paramref name="textLayer"/>
    /// (a PDF's words, page by page in the order of <paramref name="pages"/>), each name is read from the text the PDF will
    /// print, not by OCR; the QR codes and the layout are still read from the rendered page.
    /// </summary>
    public static ProofReport Proof(BallotLayout layout, IReadOnlyList<GrayImage> pages, TesseractEngine ocr, IReadOnlyList<IReadOnlyList<PdfWord>>? textLayer = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(ocr);
        var names = new List<NameReading>();
        var findings = new List<ProofFinding>();
        var seenPages = new HashSet<int>();

        for (var i = 0; i < pages.Count; i++)
        {
            var where = pages.Count == 1 ? "the sheet" : $"image {i + 1}";
            var located = SheetLocator.Locate(pages[i], [layout], new LocateOptions { RequireLayoutHash = false });
            if (located.Sheet is not { } sheet)
            {
                findings.Add(new ProofFinding(located.Failure!.Value.ToString(), where, located.Message));
                continue;
            }

            var printedHash = sheet.Codes[0].Payload.LayoutHash;
            if (printedHash != layout.LayoutHash)
            {
                findings.Add(new ProofFinding(nameof(LocateFailure.LayoutMismatch), $"page {sheet.Page.Page}",
                    $"The QR codes carry layout {printedHash}, but this definition gives {layout.LayoutHash}: the ballot was printed from another version of the definition. The names read are listed below."));
            }

            seenPages.Add(sheet.Page.Page);
            var words = textLayer is not null && i < textLayer.Count && textLayer[i].Count > 0 ? textLayer[i] : null;
            var pageNames = sheet.Page.Boxes.Where(b => b.Kind == BoxKind.Candidate).Select(box =>
            {
                OcrResult read;
                if (words is not null)
                {
                    read = new OcrResult(PdfTextLayer.TextIn(words, box.NameCell), 100);
                }
                else
                {
                    using var crop = SheetCrops.Upright(pages[i], sheet.LayoutToImage, box.NameCell.Inset(1.2), CropPixelsPerMm);
                    read = ReadName(crop, ocr, box.CandidateName!);
                }

                var contest = layout.Contests.First(c => c.Id == box.ContestId).Title;
                return new NameReading(sheet.Page.Page, box.Id, contest, box.Position, box.CandidateName!, read.Text, read.Confidence);
            }).ToList();
            names.AddRange(pageNames);
            findings.AddRange(NameFindings(pageNames));
        }

        foreach (var missing in Enumerable.Range(1, layout.Pages.Count).Where(p => !seenPages.Contains(p) && seenPages.Count > 0))
        {
            findings.Add(new ProofFinding("MissingPage", $"page {missing}", $"Page {missing} of {layout.Pages.Count} was not among the images."));
        }

        return new ProofReport(names, findings, seenPages.Count);
    }

    /// <summary>The ways each name cell is read: ink height in pixels and segmentation. Tesseract wavers on some
    /// characters (燕, 菩) from size to size; several open readings make the outcome stable.</summary>
    private static readonly (int InkHeight, PageSegmentation Mode)[] s_readings =
        [(36, PageSegmentation.SingleLine), (36, PageSegmentation.SingleWord), (30, PageSegmentation.SingleLine), (44, PageSegmentation.SingleLine), (30, PageSegmentation.SingleWord), (44, PageSegmentation.SingleWord)];

    /// <summary>
    /// Reads a name cell without restricting the characters. If any reading is exactly the expected name, the print is
    /// right: an unconstrained reading does not produce a particular name by chance. Otherwise the reading most often
    /// given is reported (a misprint is what proofing is for, so it must never be forced into the expected characters).
    /// </summary>
    private static OcrResult ReadName(GrayImage cell, TesseractEngine ocr, string expected)
    {
        if (Raster.InkBounds(cell, margin: 0) is not { } ink)
        {
            return new OcrResult(string.Empty, 0);
        }

        var readings = new List<OcrResult>();
        foreach (var (inkHeight, mode) in s_readings)
        {
            var scale = (double)inkHeight / ink.Height;
            var pad = (int)Math.Ceiling(8 / scale);
            using var trimmed = cell.Crop(new PixelRect(ink.X - pad, ink.Y - pad, ink.Width + (2 * pad), ink.Height + (2 * pad)));
            using var sized = ImageOps.Resize(trimmed, Math.Max(1, (int)Math.Round(trimmed.Width * scale)), Math.Max(1, (int)Math.Round(trimmed.Height * scale)),
                scale < 1 ? Interpolation.Area : Interpolation.Linear);
            var reading = ocr.Read(sized, segmentation: mode);
            if (reading.Text == expected)
            {
                return reading;
            }

            readings.Add(reading);
        }

        return readings.GroupBy(r => r.Text, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Sum(r => r.Confidence))
            .First()
            .MaxBy(r => r.Confidence)!;
    }

    private static IEnumerable<ProofFinding> NameFindings(List<NameReading> names)
    {
        var wrong = names.Where(n => !n.Matches).ToList();
        var explained = new HashSet<NameReading>();
        foreach (var a in wrong)
        {
            var b = wrong.FirstOrDefault(x => x != a && x.Contest == a.Contest && x.Read == a.Expected && a.Read == x.Expected);
            if (b is not null && !explained.Contains(a))
            {
                explained.Add(a);
                explained.Add(b);
                yield return new ProofFinding("NamesSwapped", $"page {a.Page}, {a.Contest}",
                    $"{a.Contest}: '{a.Expected}' and '{b.Expected}' are printed in each other's places (positions {a.Position} and {b.Position}).");
            }
        }

        foreach (var n in wrong.Where(n => !explained.Contains(n)))
        {
            yield return new ProofFinding("NameMismatch", $"page {n.Page}, {n.Contest} position {n.Position}",
                n.Read.Length == 0
                    ? $"{n.Contest}, position {n.Position}: '{n.Expected}' should be printed here, but the cell is empty."
                    : $"{n.Contest}, position {n.Position}: '{n.Expected}' should be printed here, but '{n.Read}' was read (confidence {n.Confidence}).");
        }
    }
}
