using System.Text;
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

    /// <summary>Where OCR read the name otherwise than it is spelt but exactly as it reads a correct print of it (李玥 as
    /// 李表): what it read.</summary>
    public string? Ocr { get; init; }

    /// <summary>OCR could neither confirm the name nor read another with confidence (below <see cref="BallotProofer.DoubtBelow"/>):
    /// not a finding, but a cell a person looks at (<see cref="Crop"/>) before printing.</summary>
    public bool Doubtful { get; init; }

    /// <summary>For a doubtful or mismatched name read by OCR: the cell as scanned (PNG), to look at.</summary>
    public byte[]? Crop { get; init; }
}

/// <summary>What a proof finds wrong with a print.</summary>
public enum ProofFindingCode
{
    /// <summary>An image the locator could not place as a page of this ballot (<see cref="ProofFinding.Failure"/> says why: another election's ballot, no codes …).</summary>
    NotLocated,

    /// <summary>The QR codes carry another layout: the ballot was printed from another version of the definition.</summary>
    LayoutMismatch,

    /// <summary>A page of the ballot was not among the images.</summary>
    MissingPage,

    /// <summary>Two names of a contest printed in each other's places.</summary>
    NamesSwapped,

    /// <summary>A cell holds another name than the definition puts there, or none.</summary>
    NameMismatch,
}

/// <summary>
/// Something on a printed ballot that does not match its definition: a code and the facts it needs, by name (the edges give
/// the words). Facts a code does not use are null.
/// </summary>
public sealed record ProofFinding(ProofFindingCode Code)
{
    /// <summary>The image (from 1) the finding is about, for <see cref="ProofFindingCode.NotLocated"/>.</summary>
    public int? Image { get; init; }

    /// <summary>Why the image could not be placed.</summary>
    public LocateFailure? Failure { get; init; }

    /// <summary>The election the image's QR codes name, when they name one.</summary>
    public string? ElectionRead { get; init; }

    /// <summary>The ballot's page.</summary>
    public int? Page { get; init; }

    /// <summary>Of how many pages (a missing page).</summary>
    public int? Pages { get; init; }

    /// <summary>The layout the QR codes carry, and the one this definition gives.</summary>
    public string? LayoutPrinted { get; init; }

    public string? LayoutDefined { get; init; }

    /// <summary>The contest's title (职位).</summary>
    public string? Contest { get; init; }

    /// <summary>The cell's position in the contest, from 1, and the name the definition puts there.</summary>
    public int? Position { get; init; }

    public string? Expected { get; init; }

    /// <summary>What was read in the cell (empty: nothing), and how sure OCR was (0 to 100).</summary>
    public string? Read { get; init; }

    public int? Confidence { get; init; }

    /// <summary>For names swapped: the other cell's position and the name the definition puts there.</summary>
    public int? OtherPosition { get; init; }

    public string? OtherExpected { get; init; }
}

/// <summary>The outcome of proofing a print: every name read, and every finding. No finding means the print is right.</summary>
public sealed record ProofReport(IReadOnlyList<NameReading> Names, IReadOnlyList<ProofFinding> Findings, int PagesChecked)
{
    public bool Passed => Findings.Count == 0;

    /// <summary>Names OCR could not confirm: the print passes only once a person has looked at each crop.</summary>
    public IReadOnlyList<NameReading> Doubts => [.. Names.Where(n => n.Doubtful)];
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
    /// A name OCR reads otherwise, below this mean confidence (Tesseract's 0 to 100), is a doubt shown as a crop, not a misprint:
    /// Tesseract's own scale, where readings under 60 are the ones it marks as unsure, set without looking at any proof.
    /// </summary>
    public const int DoubtBelow = 60;

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
        // The election's own characters: every printed name's.
        var alphabet = string.Concat(layout.Contests.SelectMany(c => c.Candidates).SelectMany(n => n.EnumerateRunes()).Distinct().Select(r => r.ToString()));

        for (var i = 0; i < pages.Count; i++)
        {
            var located = SheetLocator.Locate(pages[i], [layout], new LocateOptions { RequireLayoutHash = false });
            if (located.Sheet is not { } sheet)
            {
                findings.Add(new ProofFinding(ProofFindingCode.NotLocated)
                {
                    Image = i + 1,
                    Failure = located.Failure,
                    ElectionRead = located.PayloadsRead.Select(p => p.ElectionId).FirstOrDefault(id => id != layout.ElectionId),
                });
                continue;
            }

            var printedHash = sheet.Codes[0].Payload.LayoutHash;
            if (printedHash != layout.LayoutHash)
            {
                findings.Add(new ProofFinding(ProofFindingCode.LayoutMismatch) { Page = sheet.Page.Page, LayoutPrinted = printedHash, LayoutDefined = layout.LayoutHash });
            }

            seenPages.Add(sheet.Page.Page);
            var words = textLayer is not null && i < textLayer.Count && textLayer[i].Count > 0 ? textLayer[i] : null;
            var pageNames = sheet.Page.Boxes.Where(b => b.Kind == BoxKind.Candidate).Select(box =>
            {
                OcrResult read;
                byte[]? crop = null;
                if (words is not null)
                {
                    read = new OcrResult(PdfTextLayer.TextIn(words, box.NameCell), 100);
                }
                else
                {
                    read = ReadPrinted(pages[i], sheet, box, ocr, alphabet);
                    if (read.Text != box.CandidateName)
                    {
                        using var cell = SheetCrops.Upright(pages[i], sheet.LayoutToImage, box.NameCell, 8);
                        crop = ImageCodec.EncodePng(cell);
                    }
                }

                var contestLayout = layout.Contests.First(c => c.Id == box.ContestId);
                // Another listed name of the contest read exactly is no doubt: names swapped are a finding however unsure OCR is.
                var doubtful = words is null && read.Text != box.CandidateName && read.Confidence < DoubtBelow && !contestLayout.Candidates.Contains(read.Text);
                return new NameReading(sheet.Page.Page, box.Id, contestLayout.Title, box.Position, box.CandidateName!, read.Text, read.Confidence)
                {
                    Ocr = read.Ocr,
                    Doubtful = doubtful,
                    Crop = crop,
                };
            }).ToList();
            if (words is null)
            {
                pageNames = Unswapped(pageNames, box => ReadPrinted(pages[i], sheet, sheet.Page.Boxes.First(b => b.Id == box.Id), ocr, alphabet, box.Other));
            }

            names.AddRange(pageNames);
            findings.AddRange(NameFindings(pageNames));
        }

        foreach (var missing in Enumerable.Range(1, layout.Pages.Count).Where(p => !seenPages.Contains(p) && seenPages.Count > 0))
        {
            findings.Add(new ProofFinding(ProofFindingCode.MissingPage) { Page = missing, Pages = layout.Pages.Count });
        }

        return new ProofReport(names, findings, seenPages.Count);
    }

    /// <summary>A name cell read by OCR: a name printed on one line read whole, a long one printed on two read line by line.</summary>
    /// <param name="page">The scan.</param>
    /// <param name="sheet">Where the layout lies on it.</param>
    /// <param name="box">The name's box.</param>
    /// <param name="ocr">The engine.</param>
    /// <param name="alphabet">The election's own characters.</param>
    /// <param name="expected">The name to test the cell against, when not the one printed there by the layout (a suspected swap).</param>
    private static OcrResult ReadPrinted(GrayImage page, LocatedSheet sheet, MarkingBox box, TesseractEngine ocr, string alphabet, string? expected = null)
    {
        var lines = sheet.Page.Texts.Where(t => t.Box.Center is var c && c.X > box.NameCell.X && c.X < box.NameCell.Right && c.Y > box.NameCell.Y && c.Y < box.NameCell.Bottom)
            .OrderBy(t => t.Box.Y).ToList();
        var regions = lines.Count < 2 || expected is not null
            ? [(Region: box.NameCell.Inset(1.2), Text: expected ?? box.CandidateName!, SizePt: lines.Count >= 1 ? lines[0].SizePt : 12)]
            : lines.Select(line => (Region: new RectMm(box.NameCell.X + 1.2, line.Box.Y + 0.2, box.NameCell.Width - 2.4, line.Box.Height - 0.4), line.Text, line.SizePt)).ToList();
        var readings = regions.Select(r =>
        {
            using var crop = SheetCrops.Upright(page, sheet.LayoutToImage, r.Region, CropPixelsPerMm);
            return ReadName(crop, ocr, r.Text, r.SizePt, sheet.PixelsPerMm, alphabet);
        }).ToList();
        return new OcrResult(string.Concat(readings.Select(r => r.Text)), readings.Min(r => r.Confidence));
    }

    /// <summary>The ways each name cell is read: ink height in pixels and segmentation. Tesseract wavers on some
    /// characters (燕, 菩) from size to size; several open readings make the outcome stable.</summary>
    private static readonly (int InkHeight, PageSegmentation Mode)[] s_readings =
        [(36, PageSegmentation.SingleLine), (36, PageSegmentation.SingleWord), (30, PageSegmentation.SingleLine), (44, PageSegmentation.SingleLine), (30, PageSegmentation.SingleWord), (44, PageSegmentation.SingleWord)];

    /// <summary>
    /// Reads a name cell of a scan or photo. Tesseract misreads some name characters however well they are printed (李玥 as
    /// 李表, 张喆 as 张赫, · as .), so the cell is compared with the name as it should be printed, not only as it should read:
    /// <list type="number">
    /// <item>any open reading that is exactly the expected name: the print is right (an open reading does not produce a
    /// particular name by chance);</item>
    /// <item>the expected name rendered in the ballot's own face at the scan's resolution (a correct print, as the scanner
    /// would see it) and read the same ways: when the cell reads as that correct print reads, the print is right; the
    /// reference's readings are the known look-alikes of this name;</item>
    /// <item>both read again restricted to the election's own characters, the look-alikes and the characters the cell
    /// itself read (so a misprinted character can still come back, never forced into the expected one), to set aside
    /// stray punctuation and noise: the same test again.</item>
    /// </list>
    /// Otherwise the reading most often given is reported: a misprint is what proofing is for.
    /// </summary>
    private static OcrResult ReadName(GrayImage cell, TesseractEngine ocr, string expected, double sizePt, double scanPixelsPerMm, string alphabet)
    {
        var open = Readings(cell, ocr, expected, whitelist: null);
        if (open.Any(r => r.Text == expected))
        {
            return open.First(r => r.Text == expected);
        }

        using var reference = ReferencePrint(expected, sizePt, scanPixelsPerMm);
        if (reference is not null)
        {
            var referenceOpen = Readings(reference, ocr, expected, whitelist: null);
            if (open.FirstOrDefault(r => referenceOpen.Any(x => x.Text == r.Text && r.Text.Length > 0)) is { } alike)
            {
                return new OcrResult(expected, alike.Confidence) { Ocr = alike.Text };
            }

            var whitelist = string.Concat(new[] { alphabet, expected }.Concat(referenceOpen.Select(r => r.Text)).Concat(open.Select(r => r.Text))
                .SelectMany(t => t.EnumerateRunes()).Where(r => !Rune.IsWhiteSpace(r)).Distinct().Select(r => r.ToString()));
            var restricted = Readings(cell, ocr, expected, whitelist);
            var referenceRestricted = Readings(reference, ocr, expected, whitelist);
            if (restricted.FirstOrDefault(r => r.Text == expected || referenceRestricted.Any(x => x.Text == r.Text && r.Text.Length > 0)) is { } same)
            {
                return new OcrResult(expected, same.Confidence) { Ocr = same.Text };
            }
        }

        return open.GroupBy(r => r.Text, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Sum(r => r.Confidence))
            .First()
            .MaxBy(r => r.Confidence)!;
    }

    /// <summary>Every reading of <paramref name="cell"/> (<see cref="s_readings"/>), stopping at the first that is <paramref name="expected"/>.</summary>
    private static List<OcrResult> Readings(GrayImage cell, TesseractEngine ocr, string expected, string? whitelist)
    {
        var readings = new List<OcrResult>();
        if (Raster.InkBounds(cell, margin: 0) is not { } ink)
        {
            return [new OcrResult(string.Empty, 0)];
        }

        foreach (var (inkHeight, mode) in s_readings)
        {
            var scale = (double)inkHeight / ink.Height;
            var pad = (int)Math.Ceiling(8 / scale);
            using var trimmed = cell.Crop(new PixelRect(ink.X - pad, ink.Y - pad, ink.Width + (2 * pad), ink.Height + (2 * pad)));
            using var sized = ImageOps.Resize(trimmed, Math.Max(1, (int)Math.Round(trimmed.Width * scale)), Math.Max(1, (int)Math.Round(trimmed.Height * scale)),
                scale < 1 ? Interpolation.Area : Interpolation.Linear);
            var reading = ocr.Read(sized, whitelist, mode);
            readings.Add(reading);
            if (reading.Text == expected)
            {
                break;
            }
        }

        return readings;
    }

    /// <summary>
    /// <paramref name="text"/> as a correct print of it looks to the reader: drawn in the ballot's face at its printed size
    /// and the scan's resolution, then taken to the crops' scale as a cell of the scan is. Null when the face cannot draw it
    /// (a rare character printed with a fallback face).
    /// </summary>
    private static GrayImage? ReferencePrint(string text, double sizePt, double scanPixelsPerMm)
    {
        try
        {
            var em = Math.Max(8, (int)Math.Round(sizePt * TextMetrics.MillimetresPerPoint * scanPixelsPerMm));
            using var scanned = TextRenderer.Render(text, Fonts.FontLocator.Chinese, em, padding: em / 2);
            var scale = CropPixelsPerMm / scanPixelsPerMm;
            return ImageOps.Resize(scanned, Math.Max(1, (int)Math.Round(scanned.Width * scale)), Math.Max(1, (int)Math.Round(scanned.Height * scale)), Interpolation.Linear);
        }
        catch (ImagingException)
        {
            return null;
        }
    }

    /// <summary>
    /// Two names of a contest that OCR read otherwise (or could not confirm) may be printed in each other's cells: each cell is read again against
    /// the other's name (as it reads when printed right). When both then read as the other's, they are reported read so,
    /// and <see cref="NameFindings"/> calls them swapped.
    /// </summary>
    private static List<NameReading> Unswapped(List<NameReading> names, Func<(string Id, string Other), OcrResult> readAs)
    {
        var wrong = names.Where(n => !n.Matches).ToList();
        var result = names.ToList();
        foreach (var a in wrong)
        {
            foreach (var b in wrong.Where(b => b != a && b.Contest == a.Contest && string.CompareOrdinal(b.BoxId, a.BoxId) > 0))
            {
                if (result.IndexOf(a) >= 0 && result.IndexOf(b) >= 0
                    && readAs((a.BoxId, b.Expected)).Text == b.Expected && readAs((b.BoxId, a.Expected)).Text == a.Expected)
                {
                    result[result.IndexOf(a)] = a with { Read = b.Expected, Doubtful = false };
                    result[result.IndexOf(b)] = b with { Read = a.Expected, Doubtful = false };
                }
            }
        }

        return result;
    }

    private static IEnumerable<ProofFinding> NameFindings(List<NameReading> names)
    {
        var wrong = names.Where(n => !n.Matches && !n.Doubtful).ToList();
        var explained = new HashSet<NameReading>();
        foreach (var a in wrong)
        {
            var b = wrong.FirstOrDefault(x => x != a && x.Contest == a.Contest && x.Read == a.Expected && a.Read == x.Expected);
            if (b is not null && !explained.Contains(a))
            {
                explained.Add(a);
                explained.Add(b);
                yield return new ProofFinding(ProofFindingCode.NamesSwapped)
                {
                    Page = a.Page, Contest = a.Contest, Position = a.Position, Expected = a.Expected, OtherPosition = b.Position, OtherExpected = b.Expected,
                };
            }
        }

        foreach (var n in wrong.Where(n => !explained.Contains(n)))
        {
            yield return new ProofFinding(ProofFindingCode.NameMismatch)
            {
                Page = n.Page, Contest = n.Contest, Position = n.Position, Expected = n.Expected, Read = n.Read, Confidence = n.Confidence,
            };
        }
    }
}
