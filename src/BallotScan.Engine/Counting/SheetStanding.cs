namespace BallotScan.Engine.Counting;

/// <summary>Why a sheet stands as it does in the count (<see cref="CastVoteRecord.StatusReason"/>), as a code.</summary>
public enum StandingReason
{
    /// <summary>Void as a whole by the scrutineers' decision (监票人裁定作废); values: the scrutineer, their reason.</summary>
    VoidByScrutineers,

    /// <summary>Not counted by the scrutineers' decision; values: the scrutineer, their reason.</summary>
    NotCountedByScrutineers,

    /// <summary>The same image file was read before: counted once.</summary>
    SameImageFile,

    /// <summary>A ballot of another election; value: that election's id, as its QR codes carry it.</summary>
    OtherElection,

    /// <summary>No ballot of this election (no code read, or not a ballot).</summary>
    NotThisElection,

    /// <summary>The machine could not place the sheet: the scrutineers decide (void, not a ballot, or count it box by box).</summary>
    Unplaced,

    /// <summary>Waits for the scrutineers' decisions on some of its boxes or on the sheet.</summary>
    Waiting,

    /// <summary>More approved than seats in a contest, under the whole-ballot rule: the ballot is void (废票); values: the contests' ids.</summary>
    OverVoteVoidsBallot,

    /// <summary>A text this software does not write (kept as it is).</summary>
    Unknown,
}

/// <summary>
/// Why a sheet stands as it does: a code and its values. The cast-vote record keeps it as one line of text
/// (<see cref="Format"/>, the same text in every record and archive since the first), which <see cref="Parse"/> reads back;
/// the edges say it in the user's language from the code.
/// </summary>
public sealed record SheetStanding(StandingReason Reason, IReadOnlyList<string> Values)
{
    private const string OverVotePrefix = "more approved than seats in ";
    private const string OverVoteSuffix = ": the whole ballot is void (废票)";

    private static readonly (StandingReason Reason, string Prefix)[] s_withValues =
    [
        (StandingReason.VoidByScrutineers, "void by the scrutineers ("),
        (StandingReason.NotCountedByScrutineers, "not counted by the scrutineers ("),
        (StandingReason.OtherElection, "a ballot of another election ("),
    ];

    private static readonly (StandingReason Reason, string Text)[] s_fixed =
    [
        (StandingReason.SameImageFile, "the same image file was read before: counted once"),
        (StandingReason.NotThisElection, "not a ballot of this election"),
        (StandingReason.Unplaced, "the machine could not read this sheet: the scrutineers decide (void, not a ballot, or count it box by box)"),
        (StandingReason.Waiting, "waits for the scrutineers"),
    ];

    public static SheetStanding Of(StandingReason reason, params string[] values) => new(reason, values);

    /// <summary>A scrutineer's decision on the whole sheet, with the reason they gave.</summary>
    public static SheetStanding ByScrutineers(StandingReason reason, string scrutineer, string? why) => new(reason, [scrutineer, why ?? string.Empty]);

    /// <summary>The line the cast-vote record keeps.</summary>
    public string Format()
    {
        if (Reason == StandingReason.OverVoteVoidsBallot)
        {
            return OverVotePrefix + string.Join(", ", Values) + OverVoteSuffix;
        }

        if (Reason == StandingReason.Unknown)
        {
            return Values.Count > 0 ? Values[0] : string.Empty;
        }

        foreach (var (reason, text) in s_fixed)
        {
            if (reason == Reason)
            {
                return text;
            }
        }

        var prefix = s_withValues.First(p => p.Reason == Reason).Prefix;
        return Reason == StandingReason.OtherElection ? $"{prefix}{Value(0)})" : $"{prefix}{Value(0)}: {Value(1)})";

        string Value(int i) => i < Values.Count ? Values[i] : string.Empty;
    }

    /// <summary>The code and values of a line the cast-vote record keeps; a line this software does not write is <see cref="StandingReason.Unknown"/>, whole.</summary>
    public static SheetStanding Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new(StandingReason.Unknown, []);
        }

        foreach (var (reason, line) in s_fixed)
        {
            if (string.Equals(text, line, StringComparison.Ordinal))
            {
                return new(reason, []);
            }
        }

        if (text.StartsWith(OverVotePrefix, StringComparison.Ordinal) && text.EndsWith(OverVoteSuffix, StringComparison.Ordinal))
        {
            return new(StandingReason.OverVoteVoidsBallot, text[OverVotePrefix.Length..^OverVoteSuffix.Length].Split(", "));
        }

        foreach (var (reason, prefix) in s_withValues)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(')'))
            {
                var inside = text[prefix.Length..^1];
                if (reason == StandingReason.OtherElection)
                {
                    return new(reason, [inside]);
                }

                // The scrutineer's name is an account name (no colon); their reason is kept as typed, colons and all.
                var colon = inside.IndexOf(": ", StringComparison.Ordinal);
                if (colon >= 0)
                {
                    return new(reason, [inside[..colon], inside[(colon + 2)..]]);
                }
            }
        }

        return new(StandingReason.Unknown, [text]);
    }
}
