using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Tests.Counting;

namespace BallotScan.Engine.Tests.Audit;

/// <summary>An auditor's checks on an archive: untouched it verifies; any image changed, removed or added is caught and named.</summary>
public class ArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archive-").FullName;
    private readonly Dictionary<string, byte[]> _images = [];

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private readonly CountingFixture _f = new(ElectionType.VillagersCommittee, new RuleSettings { Preset = RulePresets.VillagersCommitteeNational },
        CountingFixture.Contest("director", 1, 0, "张一", "王二"));

    /// <summary>A small real count: ballots as read, each with image bytes of its own, one decided by a scrutineer.</summary>
    private (List<SheetInterpretation> Sheets, List<Adjudication> Decisions) Count(int count)
    {
        var sheets = new List<SheetInterpretation>();
        for (var i = 0; i < count; i++)
        {
            var image = Encoding.UTF8.GetBytes($"image bytes of sheet {i}");
            var sha = Convert.ToHexStringLower(SHA256.HashData(image));
            _images[sha] = image;
            sheets.Add(_f.Ballot(i % 2 == 0 ? [("张一", MarkSymbol.Circle)] : [("王二", MarkSymbol.Circle)]) with { Sha256 = sha, Source = $"sheet{i}.jpg" });
        }

        return (sheets, [CountingFixture.Decide(sheets[1], _f.BoxOf("张一"), MarkSymbol.Cross)]);
    }

    private (string Path, ArchiveManifest Manifest) Export(int count = 5)
    {
        var path = Path.Combine(_folder, "count.zip");
        var (sheets, decisions) = Count(count);
        var tally = _f.Count(sheets, null, [.. decisions]).Adjudicated;
        var files = new Dictionary<string, byte[]>
        {
            ["definition.json"] = Encoding.UTF8.GetBytes(ElectionJson.Serialize(_f.Definition)),
            ["result.json"] = JsonSerializer.SerializeToUtf8Bytes(new { adjudicated = tally }, ElectionJson.Options),
            ["result.csv"] = Encoding.UTF8.GetBytes(HandTally.ToCsv(ResultLines.Of(tally), _f.Definition)),
        };
        return (path, ArchiveWriter.Write(path, _f.Definition.Id, ArchiveWriter.Records(sheets, decisions), r => _images[r.ImageSha256], files, "test"));
    }

    private static void Edit(string path, Action<ZipArchive> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        change(zip);
    }

    [Fact]
    public void An_untouched_export_verifies_against_the_root_on_the_report()
    {
        var (path, manifest) = Export();
        var result = ArchiveVerifier.Verify(path, manifest.MerkleRoot);
        Assert.True(result.Passed, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(5, result.Manifest!.Sheets.Count);
    }

    [Fact]
    public void One_flipped_byte_in_one_image_is_caught_and_the_sheet_named()
    {
        var (path, manifest) = Export();
        var victim = manifest.Sheets[2];
        Edit(path, zip =>
        {
            var bytes = ReadAndDelete(zip, victim.Image);
            bytes[3] ^= 0x01;
            Write(zip, victim.Image, bytes);
        });

        var result = ArchiveVerifier.Verify(path, manifest.MerkleRoot);
        Assert.False(result.Passed);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((ArchiveProblemKind.Altered, victim.SheetId), (problem.Kind, problem.Sheet));
        Assert.NotEqual(manifest.MerkleRoot, result.RecomputedRoot);
    }

    [Fact]
    public void A_deleted_sheet_is_caught_and_named()
    {
        var (path, manifest) = Export();
        var victim = manifest.Sheets[0];
        Edit(path, zip => ReadAndDelete(zip, victim.Image));

        var result = ArchiveVerifier.Verify(path, manifest.MerkleRoot);
        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.Kind == ArchiveProblemKind.Missing && p.Sheet == victim.SheetId);
    }

    [Fact]
    public void An_added_sheet_is_caught_and_named()
    {
        var (path, manifest) = Export();
        var extra = "a ballot slipped in afterwards"u8.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(extra));
        Edit(path, zip => Write(zip, $"images/{sha}.jpg", extra));

        var result = ArchiveVerifier.Verify(path, manifest.MerkleRoot);
        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.Kind == ArchiveProblemKind.Added && p.Sheet == sha);
    }

    [Fact]
    public void A_sheet_removed_from_the_manifest_too_no_longer_matches_the_root_printed_on_the_report()
    {
        var (path, manifest) = Export();
        var victim = manifest.Sheets[1];
        var forged = manifest with { Sheets = manifest.Sheets.Where(s => s != victim).ToList() };
        Edit(path, zip =>
        {
            ReadAndDelete(zip, victim.Image);
            ReadAndDelete(zip, victim.Interpretation);
            ReadAndDelete(zip, victim.Decisions);
            ReadAndDelete(zip, "manifest.json");
            Write(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(forged with { MerkleRoot = "forged" }, ElectionJson.Options));
        });

        var result = ArchiveVerifier.Verify(path, manifest.MerkleRoot);
        Assert.False(result.RootMatches);
        Assert.False(result.Passed);
    }

    [Fact]
    public void The_merkle_root_is_rfc_6962_over_the_sheet_leaves()
    {
        var leaves = Enumerable.Range(0, 3).Select(i => MerkleTree.Leaf($"s{i}", "a", "b", "c")).ToList();
        static byte[] H(byte prefix, params byte[][] parts) => SHA256.HashData([prefix, .. parts.SelectMany(p => p)]);
        var expected = H(0x01, H(0x01, leaves[0], leaves[1]), leaves[2]); // split at the largest power of two below 3
        Assert.Equal(expected, MerkleTree.Root(leaves));
        Assert.Equal(H(0x00, Encoding.UTF8.GetBytes("ballotscan-sheet/1\ns0\na\nb\nc\n")), leaves[0]);
        Assert.Equal(SHA256.HashData([]), MerkleTree.Root([]));
    }

    [Fact]
    public void The_last_leaf_seals_the_election_the_software_and_each_sealed_file_in_name_order()
    {
        var leaf = MerkleTree.CountLeaf("e1", "1.0", [("result.csv", "bb"), ("definition.json", "aa")]);
        Assert.Equal(SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes("ballotscan-count/1\ne1\n1.0\ndefinition.json aa\nresult.csv bb\n")]), leaf);
        Assert.DoesNotContain("result.pdf", ArchiveWriter.SealedFiles);
        Assert.Contains("definition.json", ArchiveWriter.SealedFiles);
    }

    private static byte[] ReadAndDelete(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name)!;
        using var memory = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(memory);
        }

        entry.Delete();
        return memory.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}
