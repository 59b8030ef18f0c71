using System.Diagnostics;
using System.Text.Json;
using BallotScan.Engine.Elections;

namespace BallotScan.Lab.Synthesis;

/// <summary>Progress of a corpus being written.</summary>
public readonly record struct CorpusProgress(int Done, int Total, TimeSpan Elapsed)
{
    public double SheetsPerSecond => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Writes a synthetic corpus: sheets/NNNNNN.jpg|tif, truth/NNNNNN.json and manifest.json, in parallel on every core.
/// The output is the same for the same definition, options and count, whatever the number of cores.
/// </summary>
public static class CorpusWriter
{
    /// <summary>The corpus's own copy of the election it was made from.</summary>
    public const string DefinitionFile = "definition.json";

    public static CorpusManifest Write(ElectionDefinition definition, SynthesisOptions options, int count, string folder, IProgress<CorpusProgress>? progress = null, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Directory.CreateDirectory(Path.Combine(folder, "sheets"));
        Directory.CreateDirectory(Path.Combine(folder, "truth"));
        // The corpus keeps the election it was made from: `evaluate` reads it against that, not against a default.
        File.WriteAllText(Path.Combine(folder, DefinitionFile), ElectionJson.Serialize(definition));
        using var synthesizer = new BallotSynthesizer(definition, options);
        var entries = new CorpusEntry[count];
        var done = 0;
        var clock = Stopwatch.StartNew();
        var lastReport = 0L;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount }, index =>
        {
            var sheet = synthesizer.Generate(index);
            File.WriteAllBytes(Path.Combine(folder, sheet.Truth.File), sheet.Bytes);
            var truthFile = $"truth/{index:D6}.json";
            File.WriteAllText(Path.Combine(folder, truthFile), JsonSerializer.Serialize(sheet.Truth, ElectionJson.Options));
            entries[index] = new CorpusEntry(index, sheet.Truth.File, truthFile, sheet.Truth.Kind, sheet.Truth.Sha256);
            var n = Interlocked.Increment(ref done);
            var now = clock.ElapsedMilliseconds;
            var last = Interlocked.Read(ref lastReport);
            if (progress is not null && (n == count || (now - last >= 1000 && Interlocked.CompareExchange(ref lastReport, now, last) == last)))
            {
                progress.Report(new CorpusProgress(n, count, clock.Elapsed));
            }
        });

        var manifest = new CorpusManifest
        {
            Schema = CorpusManifest.CurrentSchema,
            Generator = "BallotScan " + typeof(CorpusWriter).Assembly.GetName().Version,
            ElectionId = synthesizer.Layout.ElectionId,
            LayoutHash = synthesizer.Layout.LayoutHash,
            Options = options,
            SheetCount = count,
            Kinds = entries.GroupBy(e => e.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            Sheets = entries,
        };
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest, ElectionJson.Options));
        return manifest;
    }

    /// <summary>Reads a corpus manifest.</summary>
    public static CorpusManifest ReadManifest(string folder) =>
        JsonSerializer.Deserialize<CorpusManifest>(File.ReadAllText(Path.Combine(folder, "manifest.json")), ElectionJson.Options)
        ?? throw new InvalidDataException("The corpus manifest is empty.");

    /// <summary>Reads one sheet's truth.</summary>
    public static SheetTruth ReadTruth(string folder, CorpusEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Deserialize<SheetTruth>(File.ReadAllText(Path.Combine(folder, entry.Truth)), ElectionJson.Options)
            ?? throw new InvalidDataException($"The truth of sheet {entry.Index} is empty.");
    }
}
