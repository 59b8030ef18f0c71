using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Counting;

/// <summary>What one part of a box, or a sheet, waits for.</summary>
public enum WaitingNeed
{
    /// <summary>A scrutineer's reading, for these review reasons.</summary>
    Reasons,

    /// <summary>The name written in a write-in cell, read by a person.</summary>
    WriteInName,

    /// <summary>The machine did not read the box (its sheet was not placed): a person reads it.</summary>
    NotRead,

    /// <summary>The machine could not place the sheet; <see cref="WaitingItem.Message"/> says why, in the reader's words.</summary>
    Unplaced,
}

/// <summary>
/// One thing a sheet waits for (<see cref="CastVoteRecord.Waiting"/>), as a code with its parameters: the box (null for the
/// whole sheet) and each need with its reasons. The record keeps it as text ("member/w1: write-in name to read", "sheet:
/// PossibleRescan"), the form archives hold; <see cref="Format"/> writes it and <see cref="Parse"/> reads it back, so the
/// edges render it in the reader's language without knowing the text.
/// </summary>
public sealed record WaitingItem(string? BoxId, IReadOnlyList<(WaitingNeed Need, IReadOnlyList<ReviewReason> Reasons)> Needs, string? Message = null)
{
    private const string SheetKey = "sheet";
    private const string WriteInNameText = "write-in name to read";
    private const string NotReadText = "not read";

    /// <summary>The text the record keeps.</summary>
    public string Format()
    {
        var parts = Needs.Select(n => n.Need switch
        {
            WaitingNeed.WriteInName => WriteInNameText,
            WaitingNeed.NotRead => NotReadText,
            WaitingNeed.Unplaced => Message ?? string.Empty,
            _ => string.Join(", ", n.Reasons),
        });
        return $"{BoxId ?? SheetKey}: {string.Join("; ", parts)}";
    }

    /// <summary>The item a record's text holds; an unknown text is a sheet the machine could not place, with that text.</summary>
    public static WaitingItem Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var (key, rest) = colon < 0 ? (SheetKey, text) : (text[..colon], text[(colon + 2)..]);
        var box = key == SheetKey ? null : key;
        var needs = new List<(WaitingNeed, IReadOnlyList<ReviewReason>)>();
        foreach (var part in rest.Split("; "))
        {
            var codes = part.Split(", ");
            if (part == WriteInNameText)
            {
                needs.Add((WaitingNeed.WriteInName, []));
            }
            else if (part == NotReadText)
            {
                needs.Add((WaitingNeed.NotRead, []));
            }
            else if (codes.All(c => EnumNames.TryParse<ReviewReason>(c, out _)))
            {
                needs.Add((WaitingNeed.Reasons, [.. codes.Select(EnumNames.Parse<ReviewReason>)]));
            }
            else
            {
                return new WaitingItem(box, [(WaitingNeed.Unplaced, [])], rest);
            }
        }

        return new WaitingItem(box, needs);
    }
}
