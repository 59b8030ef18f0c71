using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Audit;

/// <summary>
/// A count read back from its archive: the definition, every sheet's reading (the exact bytes that were hashed) and
/// decisions, and the meeting's figures; counted again with the same rules it gives the certified result.
/// </summary>
public sealed class ArchivedCount
{
    private ArchivedCount(string path, ArchiveManifest manifest, ElectionDefinition definition, string definitionJson, IReadOnlyList<ArchivedReading> sheets, IReadOnlyList<Adjudication> decisions, MeetingFigures figures)
    {
        Decisions = decisions;
        Path = path;
        Manifest = manifest;
        Definition = definition;
        DefinitionJson = definitionJson;
        Sheets = sheets;
        Figures = figures;
        Layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
    }

    public string Path { get; }

    public ArchiveManifest Manifest { get; }

    public ElectionDefinition Definition { get; }

    public string DefinitionJson { get; }

    public BallotLayout Layout { get; }

    public IReadOnlyList<ArchivedReading> Sheets { get; }

    public MeetingFigures Figures { get; }

    /// <summary>Every decision in the order the scrutineers made them (adjudications.json; the same as the sheets' decisions, checked on reading).</summary>
    public IReadOnlyList<Adjudication> Decisions { get; }

    /// <summary>
    /// Reads an archive after verifying it (<see cref="ArchiveVerifier.Verify"/>: every hash, the root, and the count again);
    /// with <paramref name="expectedRoot"/> (the root printed on the result report) the archive must also be that count.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive does not verify.</exception>
    public static ArchivedCount Load(string path, string? expectedRoot = null)
    {
        var check = ArchiveVerifier.Verify(path, expectedRoot);
        if (!check.Passed || check.Count is not { } count)
        {
            var first = check.Problems.Count > 0 ? check.Problems[0].Message : (check.RootMatches ? "it cannot be read" : "its Merkle root is not the one expected");
            throw new InvalidDataException($"{System.IO.Path.GetFileName(path)} does not verify ({Math.Max(1, check.Problems.Count)} problem(s); first: {first}): run ./ballotscan archive verify.");
        }

        return count;
    }

    /// <summary>
    /// Reads the count of an archive whose hashes hold and counts it again: the problems name what does not give the stored
    /// result (result.json's adjudicated tally and result.csv). Nothing read is trusted before this comparison.
    /// </summary>
    internal static (ArchivedCount? Count, IReadOnlyList<ArchiveProblem> Problems) Recount(string path, ZipArchive zip, ArchiveManifest manifest)
    {
        ArchiveProblem Problem(string entry, string message) => new(ArchiveProblemKind.Recounted, "-", entry, message);
        if (manifest.Files.All(f => f.Path != "definition.json") || manifest.Files.All(f => f.Path != "result.json"))
        {
            return (null, [Problem("definition.json", "the archive has no definition.json or no result.json: it cannot be counted again")]);
        }

        ArchivedCount count;
        JsonNode? stored;
        JsonNode? elected;
        string? official;
        try
        {
            var definitionJson = Encoding.UTF8.GetString(ArchiveVerifier.ReadEntry(zip, "definition.json"));
            var sheets = manifest.Sheets.Select(s =>
            {
                var interpretation = Encoding.UTF8.GetString(ArchiveVerifier.ReadEntry(zip, s.Interpretation));
                return new ArchivedReading(s, interpretation, JsonSerializer.Deserialize<SheetInterpretation>(interpretation, ElectionJson.Options)!,
                    JsonSerializer.Deserialize<List<Adjudication>>(ArchiveVerifier.ReadEntry(zip, s.Decisions), ElectionJson.Options) ?? []);
            }).ToList();
            if (manifest.Files.Any(f => f.Path == RecordsFile))
            {
                // The order the sheets were read in, as the cast-vote records keep it (the manifest lists them by id).
                var order = JsonNode.Parse(ArchiveVerifier.ReadEntry(zip, RecordsFile))!.AsArray().Select((r, i) => (Sheet: r!["sheet"]!.GetValue<string>(), i))
                    .DistinctBy(x => x.Sheet, StringComparer.Ordinal).ToDictionary(x => x.Sheet, x => x.i, StringComparer.Ordinal);
                sheets = [.. sheets.OrderBy(s => order.GetValueOrDefault(s.Reading.SheetId, int.MaxValue))];
            }

            var result = JsonNode.Parse(ArchiveVerifier.ReadEntry(zip, "result.json"));
            stored = result?["adjudicated"];
            elected = result?["elected"];
            official = result?["official"]?.GetValue<string>();
            var figures = stored?["figures"]?.Deserialize<MeetingFigures>(ElectionJson.Options) ?? new MeetingFigures();
            var decisions = manifest.Files.Any(f => f.Path == "adjudications.json")
                ? JsonSerializer.Deserialize<AdjudicationFile>(ArchiveVerifier.ReadEntry(zip, "adjudications.json"), ElectionJson.Options)!.Decisions
                : [.. sheets.SelectMany(s => s.Decisions)];
            if (!Canonical(decisions).SequenceEqual(Canonical(sheets.SelectMany(s => s.Decisions))))
            {
                return (null, [Problem("adjudications.json", "adjudications.json does not hold the same decisions as the sheets' decision files")]);
            }

            count = new ArchivedCount(path, manifest, ElectionJson.Parse(definitionJson), definitionJson, sheets, decisions, figures) { Official = official };
        }
        catch (Exception e) when (e is JsonException or ElectionDefinitionException or InvalidOperationException or NullReferenceException)
        {
            return (null, [Problem("-", $"the archive cannot be counted again: {e.Message}")]);
        }

        var recount = count.Count();
        count.Recounted = recount;
        var tally = recount.Adjudicated;
        var problems = new List<ArchiveProblem>();
        if (manifest.Files.Any(f => f.Path == RecordsFile)
            && !JsonNode.DeepEquals(JsonSerializer.SerializeToNode(recount.Records, ElectionJson.Options), Images(JsonNode.Parse(ArchiveVerifier.ReadEntry(zip, RecordsFile)))))
        {
            problems.Add(Problem(RecordsFile, "counted again from the archive, the cast-vote records are not the ones it holds"));
        }

        if (!JsonNode.DeepEquals(JsonSerializer.SerializeToNode(tally, ElectionJson.Options), stored))
        {
            problems.Add(Problem("result.json", "counted again from the archive's definition, readings, decisions and figures, the result is not the one result.json holds"));
        }

        // Those elected with their facts (written since the candidates' facts; an older archive has no such list).
        if (elected is not null && !JsonNode.DeepEquals(JsonSerializer.SerializeToNode(ElectedPeople.Of(count.Definition, tally), ElectionJson.Options), elected))
        {
            problems.Add(Problem("result.json", "counted again from the archive, those elected are not the ones result.json lists"));
        }

        if (manifest.Files.Any(f => f.Path == "result.csv")
            && Encoding.UTF8.GetString(ArchiveVerifier.ReadEntry(zip, "result.csv")).TrimStart('\uFEFF') != HandTally.ToCsv(ResultLines.Of(tally), count.Definition))
        {
            problems.Add(Problem("result.csv", "counted again from the archive, the result is not the one result.csv holds"));
        }

        return (problems.Count == 0 ? count : null, problems);
    }

    private const string RecordsFile = "cast-vote-records.json";

    /// <summary>
    /// The records of a count, each image once: a file read a second time (the same bytes under another name) is a record of
    /// the count but no image of the archive, which keeps each image once.
    /// </summary>
    private static JsonArray? Images(JsonNode? records)
    {
        var sameFile = new SheetStanding(StandingReason.SameImageFile).Format();
        return records is JsonArray all
            ? new JsonArray([.. all.Where(r => r?["statusReason"]?.GetValue<string>() != sameFile).Select(r => r?.DeepClone())])
            : null;
    }

    private static IEnumerable<string> Canonical(IEnumerable<Adjudication> decisions) =>
        decisions.Select(d => JsonSerializer.Serialize(d, ElectionJson.CompactOptions)).Order(StringComparer.Ordinal);

    /// <summary>The image files of <paramref name="sheets"/>, as received, one after another (the archive is opened once).</summary>
    public IEnumerable<(ArchivedReading Sheet, byte[] Image)> Images(IEnumerable<ArchivedReading> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var zip = ZipFile.OpenRead(Path);
        foreach (var sheet in sheets)
        {
            yield return (sheet, ArchiveVerifier.ReadEntry(zip, sheet.Entry.Image));
        }
    }

    /// <summary>The line of the chief scrutineer's mark (正式结果) as result.json holds it (sealed by the root), or null when the count was not marked official.</summary>
    public string? Official { get; private init; }

    /// <summary>The count as verifying made it again (what the archive's result was checked against); null for a count not read by <see cref="ArchiveVerifier"/>.</summary>
    public CountResult? Recounted { get; private set; }

    /// <summary>The count again, from the archived readings and decisions with today's rules.</summary>
    public CountResult Count() => ElectionCount.Run(Definition, Layout, [.. Sheets.Select(s => s.Reading)], Decisions, Figures);
}

/// <summary>One archived sheet: its manifest entry, its reading (as hashed, and parsed) and the decisions about it.</summary>
public sealed record ArchivedReading(ArchivedSheet Entry, string InterpretationJson, SheetInterpretation Reading, IReadOnlyList<Adjudication> Decisions);
