using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Layout;

/// <summary>
/// The layout hash printed in every QR code: the first 12 hex digits of SHA-256 over the layout's canonical JSON
/// (with the hash and the QR texts left empty). Any change to what is printed (a name, the order, a box) changes it.
/// </summary>
public static class LayoutHasher
{
    public const int Length = 12;

    public static string Hash(BallotLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var blank = layout with
        {
            LayoutHash = string.Empty,
            Pages = layout.Pages.Select(p => p with { QrCodes = p.QrCodes.Select(q => q with { Payload = string.Empty }).ToList() }).ToList(),
        };
        var canonical = JsonSerializer.SerializeToUtf8Bytes(blank, LayoutJson.Compact);
        return Convert.ToHexStringLower(SHA256.HashData(canonical))[..Length];
    }
}

/// <summary>Reads and writes the layout template (the file the reader loads with each election).</summary>
public static class LayoutJson
{
    public static JsonSerializerOptions Compact { get; } = new(ElectionJson.Options) { WriteIndented = false };

    public static string Serialize(BallotLayout layout) => JsonSerializer.Serialize(layout, ElectionJson.Options);

    public static BallotLayout Parse(string json) =>
        JsonSerializer.Deserialize<BallotLayout>(json, ElectionJson.Options) ?? throw new JsonException("The layout file holds nothing.");

    public static BallotLayout Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));
}
