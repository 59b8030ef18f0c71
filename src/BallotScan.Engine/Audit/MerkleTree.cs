using System.Security.Cryptography;
using System.Text;

namespace BallotScan.Engine.Audit;

/// <summary>
/// The Merkle tree hash of RFC 6962 (Certificate Transparency, section 2.1) over the archive's sheets: leaves hashed with a
/// 0x00 prefix, inner nodes with 0x01, the tree split at the largest power of two below the number of leaves. One root pins
/// every sheet's image, reading and decisions, and (in the last leaf, <see cref="CountLeaf"/>) everything else the result
/// depends on: printed on the result report, it lets anyone show later that nothing was changed, added or removed.
/// </summary>
public static class MerkleTree
{
    /// <summary>
    /// The leaf of one sheet: its id, and the SHA-256 of its image file, of its interpretation (JSON bytes as archived) and
    /// of the scrutineers' decisions about it (JSON bytes as archived).
    /// </summary>
    public static byte[] Leaf(string sheetId, string imageSha256, string interpretationSha256, string decisionsSha256)
    {
        ArgumentNullException.ThrowIfNull(sheetId);
        var text = $"ballotscan-sheet/1\n{sheetId}\n{imageSha256}\n{interpretationSha256}\n{decisionsSha256}\n";
        return Hash(0x00, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// The last leaf: what the result depends on besides the sheets. The election's id, the software that counted, and the
    /// SHA-256 of each sealed file of the count (<see cref="ArchiveWriter.SealedFiles"/>: the definition, the calibration, every
    /// decision, the result with the meeting's figures, the cast-vote records), in file-name order.
    /// </summary>
    public static byte[] CountLeaf(string electionId, string software, IEnumerable<(string Path, string Sha256)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = new StringBuilder($"ballotscan-count/1\n{electionId}\n{software}\n");
        foreach (var (path, sha) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(path).Append(' ').Append(sha).Append('\n');
        }

        return Hash(0x00, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The root over <paramref name="leaves"/> (already leaf hashes, in archive order); SHA-256 of nothing for none.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        return leaves.Count == 0 ? SHA256.HashData([]) : Node(leaves, 0, leaves.Count);
    }

    /// <summary>The root as lowercase hex.</summary>
    public static string RootHex(IReadOnlyList<byte[]> leaves) => Convert.ToHexStringLower(Root(leaves));

    private static byte[] Node(IReadOnlyList<byte[]> leaves, int from, int count)
    {
        if (count == 1)
        {
            return leaves[from];
        }

        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }

        return Hash(0x01, [.. Node(leaves, from, split), .. Node(leaves, from + split, count - split)]);
    }

    private static byte[] Hash(byte prefix, byte[] data)
    {
        var buffer = new byte[data.Length + 1];
        buffer[0] = prefix;
        data.CopyTo(buffer, 1);
        return SHA256.HashData(buffer);
    }
}
