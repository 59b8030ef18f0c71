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

    /// <summary>Two entries of the archive have this one name: which of them is meant cannot be known.</summary>
    Duplicate,

    /// <summary>Counted again from the archive's own definition, readings, decisions and figures, it does not give the result it stores.</summary>
    Recounted,

    /// <summary>The manifest is of a kind this software does not check.</summary>
    Unsupported,
}

/// <summary>One finding of <see cref="ArchiveVerifier"/>, naming the sheet (or file) and the archive entry.</summary>
public sealed record ArchiveProblem(ArchiveProblemKind Kind, string Sheet, string Entry, string Message);

/// <summary>The result of verifying an archive.</summary>
/// <param name="Manifest">The manifest read (null when it could not be read).</param>
/// <param name="RecomputedRoot">The Merkle root recomputed from the bytes in the archive.</param>
/// <param name="ExpectedRoot">The root the auditor expects (from the paper report), when given.</param>
/// <param name="Problems">Every sheet or file missing, added or altered, and a result that its parts do not give.</param>
/// <param name="Count">The count read back and counted again, when every hash held.</param>
public sealed record ArchiveVerification(ArchiveManifest? Manifest, string? RecomputedRoot, string? ExpectedRoot, IReadOnlyList<ArchiveProblem> Problems, ArchivedCount? Count = null)
{
    /// <summary>The root recomputed from the archive's bytes is the manifest's, and the one expected.</summary>
    public bool RootMatches => Manifest is not null && RecomputedRoot == Manifest.MerkleRoot && (ExpectedRoot is null || string.Equals(ExpectedRoot, RecomputedRoot, StringComparison.OrdinalIgnoreCase));

    public bool Passed => Problems.Count == 0 && RootMatches;
}

/// <summary>
/// Checks an archive: recomputes the hash of every image, reading and decision file and of every other file, names each sheet
/// missing, added or altered, recomputes the Merkle root (sheets and sealed files) for comparison with the one printed on the
/// result report, and counts the archive again to compare with the result it stores.
/// </summary>
public static class ArchiveVerifier
{
    /// <summary>
    /// The most an entry may inflate to (256 MiB: a 600 dpi A3 scan uncompressed is a third of it). An entry larger, whatever
    /// size it declares, is refused when the bound is reached, before more is read: a hostile archive cannot fill memory.
    /// </summary>
    public const long MaxEntryBytes = 256L * 1024 * 1024;

    public static ArchiveVerification Verify(string path, string? expectedRoot = null)
    {
        try
        {
            return VerifyBounded(path, expectedRoot);
        }
        catch (EntryTooLargeException e)
        {
            return new ArchiveVerification(null, null, expectedRoot, [new ArchiveProblem(ArchiveProblemKind.Altered, "-", e.Entry, $"{e.Entry} inflates beyond {MaxEntryBytes / 1048576} MiB: not an archive BallotScan wrote")]);
        }
    }

    private static ArchiveVerification VerifyBounded(string path, string? expectedRoot)
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
            var named = zip.Entries.Where(e => !e.FullName.EndsWith('/')).GroupBy(e => e.FullName, StringComparer.Ordinal).ToList();
            var duplicates = named.Where(g => g.Count() > 1).Select(g => new ArchiveProblem(ArchiveProblemKind.Duplicate, "-", g.Key, $"{g.Key} is in the archive {g.Count()} times: which one is meant cannot be known")).ToList();
            if (duplicates.Count > 0)
            {
                return new ArchiveVerification(null, null, expectedRoot, duplicates);
            }

            var entries = named.ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
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

            if (manifest.Schema != ArchiveManifest.CurrentSchema)
            {
                return new ArchiveVerification(null, null, expectedRoot, [new ArchiveProblem(ArchiveProblemKind.Unsupported, "-", "manifest.json", $"the manifest is '{manifest.Schema}', not {ArchiveManifest.CurrentSchema}: check it with the BallotScan that wrote it")]);
            }

            var problems = new List<ArchiveProblem>();
            var hashes = new Dictionary<string, string?>(StringComparer.Ordinal);
            string? HashOf(string name) => hashes.TryGetValue(name, out var h) ? h : hashes[name] = entries.TryGetValue(name, out var e) ? Hash(e) : null;
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

            var sealedFiles = new List<(string, string)>();
            foreach (var file in manifest.Files)
            {
                listed.Add(file.Path);
                var hash = HashOf(file.Path);
                if (hash != file.Sha256)
                {
                    problems.Add(new ArchiveProblem(hash is null ? ArchiveProblemKind.Missing : ArchiveProblemKind.Altered, "-", file.Path, $"{file.Path} is {(hash is null ? "missing" : "altered")}"));
                }

                if (ArchiveWriter.IsSealed(file.Path))
                {
                    sealedFiles.Add((file.Path, hash ?? "missing"));
                }
            }

            leaves.Add(MerkleTree.CountLeaf(manifest.ElectionId, manifest.Software, sealedFiles));

            foreach (var name in entries.Keys.Where(n => !listed.Contains(n)).Order(StringComparer.Ordinal))
            {
                var sheet = name.StartsWith("images/", StringComparison.Ordinal) ? Path.GetFileNameWithoutExtension(name) : "-";
                problems.Add(new ArchiveProblem(ArchiveProblemKind.Added, sheet, name, $"{name} is in the archive but not in its manifest (added)"));
            }

            var root = MerkleTree.RootHex(leaves);
            if (problems.Count > 0)
            {
                return new ArchiveVerification(manifest, root, expectedRoot, problems);
            }

            var (count, recounted) = ArchivedCount.Recount(path, zip, manifest);
            return new ArchiveVerification(manifest, root, expectedRoot, recounted, count);
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
        using var memory = new MemoryStream();
        Copy(entry, memory);
        return memory.ToArray();
    }

    /// <summary>The entry's SHA-256 (hex), read as a stream: an image is hashed without being held in memory.</summary>
    private static string Hash(ZipArchiveEntry entry)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var sink = new HashingStream(sha);
        Copy(entry, sink);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Copies an entry's inflated bytes, refusing at <see cref="MaxEntryBytes"/> whatever size the entry declares.</summary>
    private static void Copy(ZipArchiveEntry entry, Stream target)
    {
        if (entry.Length > MaxEntryBytes)
        {
            throw new EntryTooLargeException(entry.FullName);
        }

        using var stream = entry.Open();
        // One buffer from the pool per entry: an archive of 2,000 sheets has 6,000 entries to read.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > MaxEntryBytes)
                {
                    throw new EntryTooLargeException(entry.FullName);
                }

                target.Write(buffer, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An entry that inflates beyond <see cref="MaxEntryBytes"/>.</summary>
    private sealed class EntryTooLargeException(string entry) : IOException($"{entry} inflates beyond {MaxEntryBytes} bytes")
    {
        public string Entry { get; } = entry;
    }

    /// <summary>A write-only stream that feeds a hash.</summary>
    private sealed class HashingStream(System.Security.Cryptography.IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
