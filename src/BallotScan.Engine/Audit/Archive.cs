using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Audit;

/// <summary>One sheet in the archive: where its image, reading and decisions are, and their SHA-256.</summary>
public sealed record ArchivedSheet(string SheetId, string Image, string ImageSha256, string Interpretation, string InterpretationSha256, string Decisions, string DecisionsSha256);

/// <summary>Another file of the archive (definition, calibration, result) and its SHA-256.</summary>
public sealed record ArchivedFile(string Path, string Sha256);

/// <summary>
/// The archive's table of contents (manifest.json): every file with its hash, and the Merkle root over the sheets and the
/// count's sealed files.
/// </summary>
public sealed record ArchiveManifest
{
    /// <summary>Version 2: the root covers the definition, calibration, decisions, result and software too (version 1 covered only the sheets).</summary>
    public const string CurrentSchema = "ballotscan/archive/2";

    public string Schema { get; init; } = CurrentSchema;

    public required string ElectionId { get; init; }

    /// <summary>The software that counted (version and commit).</summary>
    public required string Software { get; init; }

    public required IReadOnlyList<ArchivedFile> Files { get; init; }

    /// <summary>Every sheet, in sheet-id order (the order of the Merkle leaves).</summary>
    public required IReadOnlyList<ArchivedSheet> Sheets { get; init; }

    /// <summary>
    /// RFC 6962 Merkle root (<see cref="MerkleTree"/>) over the sheets and, last, the count leaf (<see cref="MerkleTree.CountLeaf"/>),
    /// hex: the figure printed on the result report.
    /// </summary>
    public required string MerkleRoot { get; init; }
}

/// <summary>One sheet as counted: its image file, its reading and the decisions about it, as archived bytes.</summary>
public sealed record SheetRecord(string SheetId, string ImageSha256, string ImageExtension, byte[] Interpretation, byte[] Decisions)
{
    public byte[] Leaf() => MerkleTree.Leaf(SheetId, ImageSha256, Sha(Interpretation), Sha(Decisions));

    internal static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>Writes the archive of a count: one zip file holding every original image untouched, every reading and decision, the definition, the calibration and the result.</summary>
public static class ArchiveWriter
{
    /// <summary>
    /// The files of a count that the root seals (its last leaf): everything the result depends on and says. Only the
    /// report PDF is archived unsealed, as it carries the root itself; it is a rendering of result.json and result.csv.
    /// </summary>
    public static IReadOnlyList<string> SealedFiles { get; } =
        ["adjudications.json", "calibration.json", "cast-vote-records.csv", "cast-vote-records.json", "definition.json", "result.csv", "result.json"];

    public static bool IsSealed(string path) => SealedFiles.Contains(path, StringComparer.Ordinal);

    /// <summary>
    /// The archive records of a count: one per sheet id (a file imported twice is one sheet), in sheet-id order, with each
    /// interpretation and each sheet's decisions serialised exactly as archived.
    /// </summary>
    public static IReadOnlyList<SheetRecord> Records(IEnumerable<SheetInterpretation> sheets, IReadOnlyList<Adjudication> decisions)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(decisions);
        var bySheet = decisions.GroupBy(d => d.Sheet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return sheets.Where(s => s.Sha256 is not null)
            .GroupBy(s => s.SheetId, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(s => s.SheetId, StringComparer.Ordinal)
            .Select(s => new SheetRecord(s.SheetId, s.Sha256!, Path.GetExtension(s.Source ?? string.Empty).ToLowerInvariant(),
                Encoding.UTF8.GetBytes(JsonSerializer.Serialize(s, ElectionJson.CompactOptions)),
                Encoding.UTF8.GetBytes(JsonSerializer.Serialize(bySheet.GetValueOrDefault(s.SheetId) ?? [], ElectionJson.CompactOptions))))
            .ToList();
    }

    /// <summary>
    /// The Merkle root of a count (hex): one leaf per sheet record, then the count leaf over the sealed ones of
    /// <paramref name="files"/> (by name and bytes), the election and the software.
    /// </summary>
    public static string Root(IReadOnlyList<SheetRecord> records, string electionId, string software, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(files);
        var countLeaf = MerkleTree.CountLeaf(electionId, software, files.Where(f => IsSealed(f.Key)).Select(f => (f.Key, SheetRecord.Sha(f.Value))));
        return MerkleTree.RootHex([.. records.Select(r => r.Leaf()), countLeaf]);
    }

    /// <summary>
    /// Writes the archive to <paramref name="path"/>. <paramref name="image"/> gives a sheet's original file bytes; they are
    /// checked against the SHA-256 recorded when it was read, so a file changed since the count is refused.
    /// </summary>
    public static ArchiveManifest Write(string path, string electionId, IReadOnlyList<SheetRecord> records, Func<SheetRecord, byte[]> image, IReadOnlyDictionary<string, byte[]> files, string software)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(files);
        var temporary = path + ".partial";
        var sheets = new List<ArchivedSheet>();
        ArchiveManifest manifest;
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                var key = Key(record.SheetId);
                var imagePath = $"images/{record.ImageSha256}{record.ImageExtension}";
                if (written.Add(imagePath))
                {
                    var bytes = image(record);
                    if (SheetRecord.Sha(bytes) != record.ImageSha256)
                    {
                        throw new InvalidDataException($"The image of sheet {record.SheetId} has changed since it was counted: it is not archived.");
                    }

                    Put(zip, imagePath, bytes, CompressionLevel.NoCompression);
                }

                Put(zip, $"interpretations/{key}.json", record.Interpretation);
                Put(zip, $"decisions/{key}.json", record.Decisions);
                sheets.Add(new ArchivedSheet(record.SheetId, imagePath, record.ImageSha256, $"interpretations/{key}.json", SheetRecord.Sha(record.Interpretation), $"decisions/{key}.json", SheetRecord.Sha(record.Decisions)));
            }

            foreach (var (name, bytes) in files)
            {
                Put(zip, name, bytes);
            }

            manifest = new ArchiveManifest
            {
                ElectionId = electionId,
                Software = software,
                Files = files.Select(f => new ArchivedFile(f.Key, SheetRecord.Sha(f.Value))).OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
                Sheets = sheets,
                MerkleRoot = Root(records, electionId, software, files),
            };
            Put(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, ElectionJson.Options));
        }

        // Only a complete archive takes the name: a crash half-way leaves a .partial file, never a short archive.
        File.Move(temporary, path, overwrite: true);
        return manifest;
    }

    /// <summary>A sheet id as a file name: the image hash, and "-p" and the page for a later page of a multi-page file.</summary>
    public static string Key(string sheetId) => (sheetId ?? string.Empty).Replace("/", "-p", StringComparison.Ordinal);

    private static void Put(ZipArchive zip, string name, byte[] bytes, CompressionLevel level = CompressionLevel.Optimal)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
