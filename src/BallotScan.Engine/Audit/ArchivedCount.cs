using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Audit;

/// <summary>
/// A count read back from its archive: the definition, every sheet's reading (the exact bytes that were hashed) and
/// decisions, and the meeting's figures; counted again with the same rules it gives the certified result.
/// </summary>
public sealed class ArchivedCount
{
    private ArchivedCount(string path, ArchiveManifest manifest, ElectionDefinition definition, string definitionJson, IReadOnlyList<ArchivedReading> sheets, MeetingFigures figures)
    {
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

    public IReadOnlyList<Adjudication> Decisions => [.. Sheets.SelectMany(s => s.Decisions)];

    /// <summary>Reads an archive that has been verified (<see cref="ArchiveVerifier.Verify"/>); throws <see cref="InvalidDataException"/> when it does not verify.</summary>
    public static ArchivedCount Load(string path)
    {
        var check = ArchiveVerifier.Verify(path);
        if (!check.Passed || check.Manifest is not { } manifest)
        {
            throw new InvalidDataException($"{System.IO.Path.GetFileName(path)} does not verify ({check.Problems.Count} problem(s)): run ./ballotscan archive verify.");
        }

        using var zip = ZipFile.OpenRead(path);
        var definitionJson = Encoding.UTF8.GetString(ArchiveVerifier.ReadEntry(zip, "definition.json"));
        var sheets = manifest.Sheets.Select(s =>
        {
            var interpretation = Encoding.UTF8.GetString(ArchiveVerifier.ReadEntry(zip, s.Interpretation));
            return new ArchivedReading(s, interpretation, JsonSerializer.Deserialize<SheetInterpretation>(interpretation, ElectionJson.Options)!,
                JsonSerializer.Deserialize<List<Adjudication>>(ArchiveVerifier.ReadEntry(zip, s.Decisions), ElectionJson.Options) ?? []);
        }).ToList();
        var figures = new MeetingFigures();
        if (manifest.Files.Any(f => f.Path == "result.json"))
        {
            using var result = JsonDocument.Parse(ArchiveVerifier.ReadEntry(zip, "result.json"));
            if (result.RootElement.TryGetProperty("adjudicated", out var tally) && tally.TryGetProperty("figures", out var f))
            {
                figures = f.Deserialize<MeetingFigures>(ElectionJson.Options) ?? figures;
            }
        }

        return new ArchivedCount(path, manifest, ElectionJson.Parse(definitionJson), definitionJson, sheets, figures);
    }

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

    /// <summary>The count again, from the archived readings and decisions with today's rules.</summary>
    public CountResult Count() => ElectionCount.Run(Definition, Layout, [.. Sheets.Select(s => s.Reading)], Decisions, Figures);
}

/// <summary>One archived sheet: its manifest entry, its reading (as hashed, and parsed) and the decisions about it.</summary>
public sealed record ArchivedReading(ArchivedSheet Entry, string InterpretationJson, SheetInterpretation Reading, IReadOnlyList<Adjudication> Decisions);
