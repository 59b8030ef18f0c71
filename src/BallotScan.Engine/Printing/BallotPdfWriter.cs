using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BallotScan.Engine.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BallotScan.Engine.Printing;

/// <summary>
/// Writes a ballot layout as a PDF for printing: every page at its paper size, text in the embedded Chinese face,
/// QR codes as exact vector modules. Deterministic: the same layout gives the same bytes.
/// </summary>
public static partial class BallotPdfWriter
{
    private const double PointsPerMm = 72 / 25.4;

    /// <summary>The PDF of <paramref name="layout"/>, titled <paramref name="title"/>.</summary>
    public static byte[] Write(BallotLayout layout, string title)
    {
        ArgumentNullException.ThrowIfNull(layout);
        BallotFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Subject = $"{layout.ElectionId} 选票 {layout.BallotStyle}";
        document.Info.Creator = "BallotScan";
        // Fixed dates keep the output identical from run to run (the date is not secret: it is the layout's, not a voter's).
        document.Info.CreationDate = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        document.Info.ModificationDate = document.Info.CreationDate;
        foreach (var sheet in layout.Pages)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromMillimeter(layout.WidthMm);
            page.Height = XUnit.FromMillimeter(layout.HeightMm);
            using var g = XGraphics.FromPdfPage(page);
            Draw(g, sheet, layout.BoxLineMm);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return MakeDeterministic(NonBmpText.Mend(stream.ToArray()), layout.LayoutHash);
    }

    private static void Draw(XGraphics g, SheetLayout sheet, double boxLineMm)
    {
        foreach (var line in sheet.Lines)
        {
            var pen = new XPen(XColors.Black, line.WidthMm * PointsPerMm) { LineCap = XLineCap.Square };
            g.DrawLine(pen, line.X1 * PointsPerMm, line.Y1 * PointsPerMm, line.X2 * PointsPerMm, line.Y2 * PointsPerMm);
        }

        var boxPen = new XPen(XColors.Black, boxLineMm * PointsPerMm);
        foreach (var box in sheet.Boxes)
        {
            // The printed border lies inside the box's outer edge, so the edge is exactly where the layout says.
            var r = box.Box.Inset(boxLineMm / 2);
            g.DrawRectangle(boxPen, r.X * PointsPerMm, r.Y * PointsPerMm, r.Width * PointsPerMm, r.Height * PointsPerMm);
        }

        foreach (var text in sheet.Texts)
        {
            var rect = new XRect(text.Box.X * PointsPerMm, text.Box.Y * PointsPerMm, text.Box.Width * PointsPerMm, text.Box.Height * PointsPerMm);
            PdfText.Draw(g, text.Text, text.SizePt, text.Bold, rect, centred: text.Alignment != TextAlignment.Left);
        }

        foreach (var qr in sheet.QrCodes)
        {
            DrawQr(g, qr);
        }
    }

    private static void DrawQr(XGraphics g, QrPlacement placement)
    {
        var matrix = Imaging.QrMatrix.Encode(placement.Payload, Imaging.QrErrorCorrection.M);
        if (matrix.Size != placement.Modules)
        {
            throw new InvalidOperationException($"The QR code for '{placement.Payload}' has {matrix.Size} modules; the layout expected {placement.Modules}.");
        }

        QrDrawing.Draw(g, matrix, placement.Symbol.X * PointsPerMm, placement.Symbol.Y * PointsPerMm, placement.Symbol.Width / matrix.Size * PointsPerMm);
    }

    /// <summary>
    /// PdfSharp writes a random file identifier, random XMP UUIDs and random font-subset tags (ABCDEF+Name). Replace them in place, with
    /// values derived from the layout hash, so the same layout always gives the same bytes (no offset moves).
    /// </summary>
    private static byte[] MakeDeterministic(byte[] pdf, string layoutHash)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in SubsetTag().Matches(text))
        {
            var random = m.Groups[1].Value;
            if (!tags.TryGetValue(random, out var fixedTag))
            {
                fixedTag = string.Concat(Enumerable.Range(0, 6).Select(k => (char)('A' + ((tags.Count * 7) + k) % 26)));
                tags[random] = fixedTag;
            }

            Encoding.ASCII.GetBytes(fixedTag).CopyTo(pdf, m.Groups[1].Index);
        }

        var uuids = 0;
        foreach (Match m in XmpUuid().Matches(text))
        {
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"BallotScan XMP {layoutHash} {uuids++}")));
            var uuid = $"{digest[..8]}-{digest[8..12]}-{digest[12..16]}-{digest[16..20]}-{digest[20..32]}";
            Encoding.ASCII.GetBytes(uuid).CopyTo(pdf, m.Groups[1].Index);
        }

        var at = text.LastIndexOf("/ID", StringComparison.Ordinal);
        if (at < 0)
        {
            return pdf;
        }

        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("BallotScan PDF " + layoutHash)));
        var i = at;
        for (var n = 0; n < 2; n++)
        {
            var open = text.IndexOf('<', i);
            var close = open < 0 ? -1 : text.IndexOf('>', open);
            if (close < 0)
            {
                return pdf;
            }

            for (var k = open + 1; k < close; k++)
            {
                pdf[k] = (byte)id[(k - open - 1) % id.Length];
            }

            i = close + 1;
        }

        return pdf;
    }

    [GeneratedRegex("uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex XmpUuid();

    [GeneratedRegex(@"/(?:FontName|BaseFont)/([A-Z]{6})\+")]
    private static partial Regex SubsetTag();
}
