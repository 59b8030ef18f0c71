using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;

namespace BallotScan.Host.Counting;

/// <summary>The scrutineers' decisions as a file (ballotscan/adjudications/1): what `count --adjudications` and an archived count folder hold.</summary>
internal static class DecisionsFile
{
    /// <summary>The decisions of <paramref name="file"/>; a file of another schema, or empty, is refused (JsonException).</summary>
    public static IReadOnlyList<Adjudication> Load(FileInfo file)
    {
        var decisions = JsonSerializer.Deserialize<AdjudicationFile>(File.ReadAllText(file.FullName), ElectionJson.Options)
            ?? throw new JsonException($"{file.Name} is empty.");
        return decisions.Schema == AdjudicationFile.CurrentSchema
            ? decisions.Decisions
            : throw new JsonException($"{file.Name}: schema '{decisions.Schema}' is not {AdjudicationFile.CurrentSchema}.");
    }
}
