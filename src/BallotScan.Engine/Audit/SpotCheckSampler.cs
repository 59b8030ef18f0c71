using System.Security.Cryptography;
using System.Text;

namespace BallotScan.Engine.Audit;

/// <summary>
/// Draws the sheets to spot-check from a public seed, so that anyone can recompute the draw and nobody could predict it before
/// the seed was chosen (e.g. by dice rolled in public). Consistent sampling with SHA-256 tickets, as in Arlo and Rivest's
/// sampler: each sheet's ticket is SHA-256 of the UTF-8 text "seed,sheetId", read as a 256-bit number (hex); the sample is the
/// sheets with the smallest tickets, smallest first. Adding sheets never changes which of the old ones come first.
/// </summary>
public static class SpotCheckSampler
{
    /// <summary>A sheet's ticket (lowercase hex): SHA-256("seed,sheetId").</summary>
    public static string Ticket(string seed, string sheetId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed},{sheetId}")));

    /// <summary>The <paramref name="count"/> sheets with the smallest tickets, in the order drawn.</summary>
    public static IReadOnlyList<string> Draw(string seed, IEnumerable<string> sheetIds, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seed);
        ArgumentNullException.ThrowIfNull(sheetIds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return sheetIds.Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Ticket: Ticket(seed, id)))
            .OrderBy(x => x.Ticket, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Id)
            .ToList();
    }
}
