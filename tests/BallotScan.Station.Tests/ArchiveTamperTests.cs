using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;

namespace BallotScan.Station.Tests;

/// <summary>A real count's archive, downloaded from a station once for every tampering test.</summary>
public sealed class TamperedArchiveFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("ballotscan-tamper-").FullName;

    public string Original => Path.Combine(Folder, "archive.zip");

    /// <summary>The root printed on the result report (选票档案校验值).</summary>
    public string ReportRoot { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await using var venue = await StationServer.DecidedAsync(Storage.Sqlite, SyntheticBatch.Make(seed: 7301, sheets: 60));
        using var observer = await venue.SignInAsync("obs");
        await File.WriteAllBytesAsync(Original, await observer.Http.GetByteArrayAsync("/downloads/archive.zip"));
        ReportRoot = (await observer.Http.GetStringAsync("/downloads/archive-root.txt")).Trim();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Issue 18, defect 1: whoever edits a part of an archive that decides the result, and updates the manifest's hashes and
/// root to match, is caught by `archive verify` against the root printed on the paper report, and the edited archive is
/// not taken into a station.
/// </summary>
public sealed class ArchiveTamperTests(TamperedArchiveFixture fixture) : IClassFixture<TamperedArchiveFixture>
{
    public static TheoryData<string> Parts => ["definition", "figures", "decisions", "adjudications", "calibration", "result", "image", "reading", "software"];

    [Fact]
    public void The_untouched_archive_verifies_against_the_report_root_and_recounts_to_its_result()
    {
        var verification = ArchiveVerifier.Verify(fixture.Original, fixture.ReportRoot);
        Assert.True(verification.Passed, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Equal(fixture.ReportRoot, verification.Manifest!.MerkleRoot);
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void An_edited_part_with_the_manifest_made_to_match_is_caught_against_the_report_root(string part)
    {
        var path = Tampered(part);
        var consistent = ArchiveVerifier.Verify(path);
        Assert.True(consistent.Manifest is not null, $"the forged manifest of '{part}' must be readable");

        var verification = ArchiveVerifier.Verify(path, fixture.ReportRoot);
        Assert.False(verification.Passed, $"an archive with its {part} edited passed verify against the root on the report");
        Assert.Throws<InvalidDataException>(() => ArchivedCount.Load(path, fixture.ReportRoot));
    }

    [Theory]
    [InlineData("definition")]
    [InlineData("figures")]
    [InlineData("decisions")]
    public void A_part_that_changes_the_count_is_caught_by_the_recount_even_without_the_report_root(string part)
    {
        // The forger also recomputed the root in the manifest: only the recount, compared with the stored result, shows it.
        var verification = ArchiveVerifier.Verify(Tampered(part));
        Assert.False(verification.Passed, $"an archive whose {part} no longer gives its stored result passed verify");
        Assert.Contains(verification.Problems, p => p.Kind == ArchiveProblemKind.Recounted);
    }

    [Fact]
    public void Two_entries_of_one_name_are_refused_by_name_not_with_a_crash()
    {
        var path = Path.Combine(fixture.Folder, "duplicate.zip");
        File.Copy(fixture.Original, path, overwrite: true);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            using var stream = zip.CreateEntry("definition.json").Open();
            stream.Write("{}"u8);
        }

        var verification = ArchiveVerifier.Verify(path, fixture.ReportRoot);
        Assert.False(verification.Passed);
        var problem = Assert.Single(verification.Problems);
        Assert.Equal((ArchiveProblemKind.Duplicate, "definition.json"), (problem.Kind, problem.Entry));
    }

    /// <summary>A copy of the archive with one part edited as a forger would, the manifest's hashes and root updated to match.</summary>
    private string Tampered(string part)
    {
        var path = Path.Combine(fixture.Folder, $"tampered-{part}.zip");
        File.Copy(fixture.Original, path, overwrite: true);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!.AsObject();
            var firstSheet = manifest["sheets"]![0]!;
            switch (part)
            {
                case "definition":
                    Replace(zip, "definition.json", Text(zip, "definition.json").Replace("王建华", "王建军", StringComparison.Ordinal));
                    break;
                case "figures":
                    var result = JsonNode.Parse(Read(zip, "result.json"))!;
                    var figures = result["adjudicated"]!["figures"]!.AsObject();
                    figures["due"] = figures["due"]!.GetValue<int>() * 3; // fewer than half took part: the election fails
                    Replace(zip, "result.json", result.ToJsonString(ElectionJson.Options));
                    break;
                case "decisions":
                    var decided = manifest["sheets"]!.AsArray().First(s => Text(zip, s!["decisions"]!.GetValue<string>()) != "[]")!;
                    var entry = decided["decisions"]!.GetValue<string>();
                    Replace(zip, entry, "[]");
                    break;
                case "adjudications":
                    var all = JsonNode.Parse(Read(zip, "adjudications.json"))!;
                    all["decisions"]!.AsArray().Clear();
                    Replace(zip, "adjudications.json", all.ToJsonString(ElectionJson.Options));
                    break;
                case "calibration":
                    Replace(zip, "calibration.json", Text(zip, "calibration.json").Replace("\"features\"", " \"features\"", StringComparison.Ordinal));
                    break;
                case "result":
                    Replace(zip, "result.csv", Text(zip, "result.csv").Replace("王建华", "孙立平", StringComparison.Ordinal) + "\n");
                    break;
                case "image":
                    var image = firstSheet["image"]!.GetValue<string>();
                    var bytes = Read(zip, image);
                    bytes[^3] ^= 0x20;
                    Replace(zip, image, bytes);
                    break;
                case "reading":
                    var reading = firstSheet["interpretation"]!.GetValue<string>();
                    Replace(zip, reading, Text(zip, reading).Replace("\"circle\"", "\"cross\"", StringComparison.Ordinal));
                    break;
                case "software":
                    manifest["software"] = manifest["software"]!.GetValue<string>() + "-forged";
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(part), part, "no such part");
            }

            // The forger updates every hash in the manifest, then the root it records, so that the archive agrees with itself.
            foreach (var sheet in manifest["sheets"]!.AsArray())
            {
                sheet!["imageSha256"] = Sha(Read(zip, sheet["image"]!.GetValue<string>()));
                sheet["interpretationSha256"] = Sha(Read(zip, sheet["interpretation"]!.GetValue<string>()));
                sheet["decisionsSha256"] = Sha(Read(zip, sheet["decisions"]!.GetValue<string>()));
            }

            foreach (var file in manifest["files"]!.AsArray())
            {
                file!["sha256"] = Sha(Read(zip, file["path"]!.GetValue<string>()));
            }

            Replace(zip, "manifest.json", manifest.ToJsonString(ElectionJson.Options));
        }

        var recomputed = ArchiveVerifier.Verify(path).RecomputedRoot!;
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!.AsObject();
            manifest["merkleRoot"] = recomputed;
            Replace(zip, "manifest.json", manifest.ToJsonString(ElectionJson.Options));
        }

        return path;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Text(ZipArchive zip, string name) => Encoding.UTF8.GetString(Read(zip, name));

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static void Replace(ZipArchive zip, string name, string text) => Replace(zip, name, Encoding.UTF8.GetBytes(text));

    private static void Replace(ZipArchive zip, string name, byte[] bytes)
    {
        zip.GetEntry(name)?.Delete();
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}
