using System.Security.Cryptography;
using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// Sheets kept as files in tests/fixtures/misreadings: each one a reader once misread, with its truth. The file's SHA-256
/// must be the one its truth records, so a fixture cannot be swapped or drift unnoticed.
/// </summary>
internal static class PinnedSheets
{
    public static (byte[] Bytes, SheetTruth Truth) Load(string name)
    {
        var folder = RepositoryFiles.Path("tests/fixtures/misreadings");
        var truth = JsonSerializer.Deserialize<SheetTruth>(File.ReadAllText(Path.Combine(folder, name + ".truth.json")), ElectionJson.Options)!;
        var file = Directory.GetFiles(folder, name + ".*").Single(f => !f.EndsWith(".json", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(truth.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return (bytes, truth);
    }
}
