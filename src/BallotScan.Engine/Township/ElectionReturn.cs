using System.Text.Json;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Township;

/// <summary>Which of a village's bodies a count elected, as the township reports them.</summary>
public enum Committee
{
    /// <summary>村（社区）党组织委员会.</summary>
    Party,

    /// <summary>村民委员会 or 居民委员会.</summary>
    Residents,

    /// <summary>村（居）务监督委员会.</summary>
    Supervisory,
}

/// <summary>One post of one round: the seats it was to fill (应选) and how many it filled (当选).</summary>
public sealed record PostFilled(string ContestId, string Post, int Seats, int Filled);

/// <summary>The village (村 or 社区) of the township (乡镇 or 街道) that held an election: names as the definition gives them.</summary>
/// <param name="Township">乡镇 / 街道.</param>
/// <param name="Village">村 / 社区.</param>
public sealed record VillageKey(string Township, string Village)
{
    /// <summary>Township, then village, by their characters' code order (one order everywhere, whatever the machine's culture).</summary>
    public static IComparer<VillageKey> Order { get; } = Comparer<VillageKey>.Create((a, b) =>
        string.CompareOrdinal(a.Township, b.Township) is var t and not 0 ? t : string.CompareOrdinal(a.Village, b.Village));
}

/// <summary>
/// What one counted round reports to the township (选举结果上报), read from its verified archive: where and when, which body,
/// which round, the meeting's figures, the posts filled and those elected with their public facts. Nothing about a voter.
/// </summary>
/// <param name="Place">The village and its township.</param>
/// <param name="Type">The body elected.</param>
/// <param name="ElectionId">This round's election id.</param>
/// <param name="FirstRound">The first round's election id: the rounds of one election share it.</param>
/// <param name="Round">1 for the first vote, 2 and on for each 另行选举.</param>
/// <param name="Date">The day of the vote.</param>
/// <param name="Title">The election's title.</param>
/// <param name="Due">应到: registered voters (村民、居民委员会) or party members due to attend (党组织).</param>
/// <param name="Voted">参加投票: those who voted (the ballots returned where the meeting gave no other figure).</param>
/// <param name="Valid">Whether the vote was valid (选举有效).</param>
/// <param name="Posts">Each post's seats this round was to fill and how many it filled.</param>
/// <param name="Elected">Who the round elected, with their facts.</param>
/// <param name="ArchiveRoot">The archive's Merkle root (the figure printed on the result report).</param>
/// <param name="Official">The line of the chief scrutineer's mark (正式结果), or null when the count was not marked official.</param>
public sealed record ElectionReturn(
    VillageKey Place,
    ElectionType Type,
    string ElectionId,
    string FirstRound,
    int Round,
    DateOnly Date,
    string Title,
    int? Due,
    int? Voted,
    bool Valid,
    IReadOnlyList<PostFilled> Posts,
    IReadOnlyList<ElectedPerson> Elected,
    string ArchiveRoot,
    string? Official)
{
    /// <summary>The body as the township groups it (a residents' committee counts with the villagers').</summary>
    public Committee Committee => Type switch
    {
        ElectionType.PartyCommittee => Committee.Party,
        ElectionType.SupervisionCommittee => Committee.Supervisory,
        _ => Committee.Residents,
    };

    /// <summary>The return of a verified archive, counted again from it (nothing in result.json is taken on trust but the official line, which the root seals).</summary>
    public static ElectionReturn Of(ArchivedCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var definition = count.Definition;
        var tally = (count.Recounted ?? count.Count()).Adjudicated;
        var round = ElectionRounds.Of(definition, tally, count.Manifest.MerkleRoot);
        var figures = tally.Figures;
        var due = figures.Due ?? (definition.Type == ElectionType.PartyCommittee ? definition.Electorate.DueToAttend : definition.Electorate.Registered);
        return new ElectionReturn(new VillageKey(definition.Place.Township.Trim(), definition.Place.Village.Trim()), definition.Type, definition.Id, round.FirstRound, round.Round,
            definition.Date, definition.Title, due, figures.Voted ?? figures.Returned ?? tally.BallotsFound, round.Valid,
            [.. round.Posts.Select(p => new PostFilled(p.ContestId, p.Post, p.Seats, p.Filled))], round.Elected,
            count.Manifest.MerkleRoot, count.Official);
    }

    /// <summary>The return as stored (JSON), and read back.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ElectionJson.CompactOptions);

    /// <summary>A stored return read back; null when it is not one (a row edited by hand: not JSON, or a field missing).</summary>
    public static ElectionReturn? TryFromJson(string json)
    {
        try
        {
            var read = JsonSerializer.Deserialize<ElectionReturn>(json, ElectionJson.Options);
            // A record read from JSON leaves a missing field null whatever its type says: each is checked.
            return read is { Place.Township: not null, Place.Village: not null, ElectionId: not null, FirstRound: not null, Title: not null, ArchiveRoot: not null, Posts: not null, Elected: not null }
                && read.Posts.All(p => p is { ContestId: not null, Post: not null }) && read.Elected.All(p => p is { Name: not null, Post: not null, ContestId: not null })
                ? read : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
