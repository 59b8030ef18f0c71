using System.Globalization;

namespace BallotScan.Engine.Layout;

/// <summary>
/// What each corner QR code says, version 1: <c>BS1|election|style|page|pages|corner|layouthash</c>,
/// e.g. <c>BS1|example-village-2026|A|1|1|TL|3fa2c91b0d4e</c>. Nothing in it identifies a voter: every ballot of a style prints the same codes.
/// </summary>
public sealed record QrPayload(string ElectionId, string BallotStyle, int Page, int PageCount, Corner Corner, string LayoutHash)
{
    public const string Version1 = "BS1";

    private static readonly string[] s_cornerCodes = ["TL", "TR", "BR", "BL"];

    public static string CornerCode(Corner corner) => s_cornerCodes[(int)corner];

    public override string ToString() => string.Join('|', Version1, ElectionId, BallotStyle,
        Page.ToString(CultureInfo.InvariantCulture), PageCount.ToString(CultureInfo.InvariantCulture), CornerCode(Corner), LayoutHash);

    /// <summary>Reads a payload; null when the text is not a BallotScan ballot code of a version this software reads.</summary>
    public static QrPayload? TryParse(string? text)
    {
        var parts = (text ?? string.Empty).Split('|');
        if (parts.Length != 7 || parts[0] != Version1)
        {
            return null;
        }

        var corner = Array.IndexOf(s_cornerCodes, parts[5]);
        return int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
               && int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var pages)
               && corner >= 0 && page >= 1 && page <= pages && parts[1].Length > 0 && parts[6].Length > 0
            ? new QrPayload(parts[1], parts[2], page, pages, (Corner)corner, parts[6])
            : null;
    }
}
