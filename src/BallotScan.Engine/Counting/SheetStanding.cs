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
/// Why a sheet stands as it does: a code and its values, each in a field of its own. The cast-vote record keeps it as one
/// line of text (<see cref="Format"/>, the same text in every record and archive since the first), which <see cref="Parse"/>
/// reads back; the edges say it in the user's language from the code.
/// </summary>
/// <param name="Reason">The code.</param>
public sealed record SheetStanding(StandingReason Reason)
{
    private const string OverVotePrefix = "more approved than seats in ";
    private const string OverVoteSuffix = ": the whole ballot is void (废票)";
    private const string OtherElectionPrefix = "a ballot of another election (";

    private static readonly (StandingReason Reason, string Prefix)[] s_byScrutineers =
    [
        (StandingReason.VoidByScrutineers, "void by the scrutineers ("),
        (StandingReason.NotCountedByScrutineers, "not counted by the scrutineers ("),
    ];

    private static readonly (StandingReason Reason, string Text)[] s_fixed =
    [
        (StandingReason.SameImageFile, "the same image file was read before: counted once"),
        (StandingReason.NotThisElection, "not a ballot of this election"),
        (StandingReason.Unplaced, "the machine could not read this sheet: the scrutineers decide (void, not a ballot, or count it box by box)"),
        (StandingReason.Waiting, "waits for the scrutineers"),
    ];

    /// <summary>The scrutineer whose decision on the whole sheet it was (void or not counted by the scrutineers).</summary>
    public string? Scrutineer { get; init; }

    /// <summary>The reason they gave, as typed.</summary>
    public string? Why { get; init; }

    /// <summary>The election a ballot of another election belongs to, as its QR codes carry it.</summary>
    public string? OtherElectionId { get; init; }

    /// <summary>The contests with more approved than seats, under the whole-ballot rule (their ids).</summary>
    public IReadOnlyList<string> Contests { get; init; } = [];

    /// <summary>A line this software does not write, kept whole.</summary>
    public string? Text { get; init; }

    /// <summary>A scrutineer's decision on the whole sheet, with the reason they gave.</summary>
    public static SheetStanding ByScrutineers(StandingReason reason, string scrutineer, string? why) => new(reason) { Scrutineer = scrutineer, Why = why ?? string.Empty };

    /// <summary>A ballot of another election.</summary>
    public static SheetStanding OtherElection(string? electionId) => new(StandingReason.OtherElection) { OtherElectionId = electionId ?? string.Empty };

    /// <summary>More approved than seats in <paramref name="contests"/>: the whole ballot void.</summary>
    public static SheetStanding OverVote(IReadOnlyList<string> contests) => new(StandingReason.OverVoteVoidsBallot) { Contests = contests };

    /// <summary>The line the cast-vote record keeps.</summary>
    public string Format()
    {
        switch (Reason)
        {
            case StandingReason.OverVoteVoidsBallot:
                return OverVotePrefix + string.Join(", ", Contests) + OverVoteSuffix;
            case StandingReason.Unknown:
                return Text ?? string.Empty;
            case StandingReason.OtherElection:
                return $"{OtherElectionPrefix}{OtherElectionId})";
            case StandingReason.VoidByScrutineers or StandingReason.NotCountedByScrutineers:
                return $"{s_byScrutineers.First(p => p.Reason == Reason).Prefix}{Scrutineer}: {Why})";
            default:
                return s_fixed.First(f => f.Reason == Reason).Text;
        }
    }

    /// <summary>The code and values of a line the cast-vote record keeps; a line this software does not write is <see cref="StandingReason.Unknown"/>, whole.</summary>
    public static SheetStanding Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new(StandingReason.Unknown) { Text = string.Empty };
        }

        foreach (var (reason, line) in s_fixed)
        {
            if (string.Equals(text, line, StringComparison.Ordinal))
            {
                return new(reason);
            }
        }

        if (text.StartsWith(OverVotePrefix, StringComparison.Ordinal) && text.EndsWith(OverVoteSuffix, StringComparison.Ordinal))
        {
            return OverVote(text[OverVotePrefix.Length..^OverVoteSuffix.Length].Split(", "));
        }

        if (text.StartsWith(OtherElectionPrefix, StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return OtherElection(text[OtherElectionPrefix.Length..^1]);
        }

        foreach (var (reason, prefix) in s_byScrutineers)
        {
            // The scrutineer's name is an account name (no colon); their reason is kept as typed, colons and all.
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(')') && text[prefix.Length..^1] is var inside
                && inside.IndexOf(": ", StringComparison.Ordinal) is >= 0 and var colon)
            {
                return ByScrutineers(reason, inside[..colon], inside[(colon + 2)..]);
            }
        }

        return new(StandingReason.Unknown) { Text = text };
    }
}
