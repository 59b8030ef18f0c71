using System.Globalization;
using System.Text;

namespace BallotScan.Engine.Elections;

/// <summary>
/// The one normal form of a person's name (姓名), used everywhere a name is compared or counted: the definition's candidates,
/// written-in names, the hand tally and the reconciliation. Compatibility forms folded (NFKC: full-width letters and digits
/// to their usual form), every space taken out (half-width, full-width U+3000, no-break U+00A0, tabs) and invisible format
/// characters (zero-width spaces and joiners) dropped: 「王 强」, 「王　强」 and 「王强」 are one name.
/// </summary>
public static class PersonName
{
    /// <summary>The name in its normal form; null when nothing is left.</summary>
    public static string? Normalise(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var folded = name.Normalize(NormalizationForm.FormKC);
        var text = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                text.Append(c);
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }
}
