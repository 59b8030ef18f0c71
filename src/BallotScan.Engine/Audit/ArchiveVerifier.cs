using System.IO.Compression;
using System.Text.Json;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Audit;

/// <summary>What is wrong with one sheet or file of an archive.</summary>
public enum ArchiveProblemKind
{
    /// <summary>Listed in the manifest but not in the archive.</summary>
    Missing,

    /// <summary>In the archive but not listed in the manifest.</summary>
    Added,

    /// <summary>Its bytes do not have the hash the manifest gives.</summary>
    Altered,
}

/// <summary>One finding of <see cref="ArchiveVerifier"/>, naming the sheet (or file) and the archive entry.</summary>
public sealed record ArchiveProblem(ArchiveProblemKind Kind, string Sheet, string Entry, string Message);

/// <summary>The result of verifying an archive.</summary>
/// <param name="Manifest">The manifest read (null when it could not be read).</param>
/// <param name="RecomputedRoot">The Merkle root recomputed from the bytes in the archive.</param>
/// <param name="ExpectedRoot">The root the auditor expects (from the paper report), when given.</param>
/// <param name="Problems">Every sheet or file missing, added or altered.</param>
public sealed record ArchiveVerification(ArchiveManifest? Manifest, string? RecomputedRoot, string? ExpectedRoot, IReadOnlyList<ArchiveProblem> Problems)
{
    /// <summary>The root recomputed from the archive's bytes is the manifest's, and the one expected.</summary>
    public bool RootMatches => Manifest is not null && RecomputedRoot == Manifest.MerkleRoot && (ExpectedRoot is null || string.Equals(ExpectedRoot, RecomputedRoot, StringComparison.OrdinalIgnoreCase));

    public bool Passed => Problems.Count == 0 && RootMatches;
}

/// <summary>
/// Checks an archive: recomputes the hash of every image, reading and decision file and of every other file, names each sheet
/// missing, added or altered, and recomputes the Merkle root for comparison with the one printed on the result report.
/// </summary>
public static class ArchiveVerifier
{
    public static ArchiveVerification Verify(string path, string? expectedRoot = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new ArchiveVerification(null, null, expectedRoot, [new ArchiveProblem(ArchiveProblemKind.Altered, "-", Path.GetFileName(path), $"not a readable archive: {e.Message}")]);
        }

        using (zip)
        {
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, StringComparer.Ordinal);
            ArchiveManifest? manifest = null;
            if (entries.TryGetValue("manifest.json", out var manifestEntry))
            {
                try
                {
                    manifest = JsonSerializer.Deserialize<ArchiveManifest>(Read(manifestEntry), ElectionJson.Options);
                }
                catch (JsonException)
                {
                    manifest = null;
                }
            }

            if (manifest is null)
            {
                return new ArchiveVerification(null, null, expectedRoot, [new ArchiveProblem(ArchiveProblemKind.Missing, "-", "manifest.json", "the manifest is missing or unreadable: nothing can be checked")]);
            }

            var problems = new List<ArchiveProblem>();
            var hashes = new Dictionary<string, string?>(StringComparer.Ordinal);
            string? HashOf(string name) => hashes.TryGetValue(name, out var h) ? h : hashes[name] = entries.TryGetValue(name, out var e) ? SheetRecord.Sha(Read(e)) : null;
            var listed = new HashSet<string>(StringComparer.Ordinal) { "manifest.json" };
            var leaves = new List<byte[]>();
            foreach (var sheet in manifest.Sheets)
            {
                var actual = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (entry, expected, what) in new[] { (sheet.Image, sheet.ImageSha256, "image"), (sheet.Interpretation, sheet.InterpretationSha256, "reading"), (sheet.Decisions, sheet.DecisionsSha256, "decisions") })
                {
                    listed.Add(entry);
                    var hash = HashOf(entry);
                    actual[what] = hash ?? "missing";
                    if (hash is null)
                    {
                        problems.Add(new ArchiveProblem(ArchiveProblemKind.Missing, sheet.SheetId, entry, $"sheet {sheet.SheetId}: its {what} is missing"));
                    }
                    else if (hash != expected)
                    {
                        problems.Add(new ArchiveProblem(ArchiveProblemKind.Altered, sheet.SheetId, entry, $"sheet {sheet.SheetId}: its {what} has been altered (SHA-256 {hash[..12]}…, recorded {expected[..12]}…)"));
                    }
                }

                leaves.Add(MerkleTree.Leaf(sheet.SheetId, actual["image"], actual["reading"], actual["decisions"]));
            }

            foreach (var file in manifest.Files)
            {
                listed.Add(file.Path);
                var hash = HashOf(file.Path);
                if (hash != file.Sha256)
                {
                    problems.Add(new ArchiveProblem(hash is null ? ArchiveProblemKind.Missing : ArchiveProblemKind.Altered, "-", file.Path, $"{file.Path} is {(hash is null ? "missing" : "altered")}"));
                }
            }

            foreach (var name in entries.Keys.Where(n => !listed.Contains(n)).Order(StringComparer.Ordinal))
            {
                var sheet = name.StartsWith("images/", StringComparison.Ordinal) ? Path.GetFileNameWithoutExtension(name) : "-";
                problems.Add(new ArchiveProblem(ArchiveProblemKind.Added, sheet, name, $"{name} is in the archive but not in its manifest (added)"));
            }

            return new ArchiveVerification(manifest, MerkleTree.RootHex(leaves), expectedRoot, problems);
        }
    }

    /// <summary>The bytes of one archive entry.</summary>
    public static byte[] ReadEntry(ZipArchive zip, string name)
    {
        ArgumentNullException.ThrowIfNull(zip);
        return Read(zip.GetEntry(name) ?? throw new FileNotFoundException($"{name} is not in the archive."));
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
