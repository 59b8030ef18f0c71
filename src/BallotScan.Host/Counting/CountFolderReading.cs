using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Recognition;

using BallotScan.Host.Text;

namespace BallotScan.Host.Counting;

/// <summary>
/// A count folder read back as the count left it: the definition, every sheet's reading, the decisions and the files the
/// Merkle root seals, trusted only when they still give the root of archive-root.txt (nothing changed since the count).
/// </summary>
internal sealed record CountFolderReading(ElectionDefinition Definition, IReadOnlyList<SheetInterpretation> Sheets, IReadOnlyList<Adjudication> Decisions, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>Reads <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">Not a count folder, or changed after the count (words in both languages).</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="JsonException">A file is not what the count wrote.</exception>
    public static CountFolderReading Load(DirectoryInfo folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var lines = Path.Combine(folder.FullName, "interpretations.jsonl");
        if (!File.Exists(lines))
        {
            throw new InvalidDataException(Cli.T("{0} 不是计票输出文件夹（没有 interpretations.jsonl）：请先运行 ./ballotscan count。", folder.FullName));
        }

        var sheets = File.ReadAllLines(lines, Encoding.UTF8).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<SheetInterpretation>(l, ElectionJson.Options)!).ToList();
        var decisions = DecisionsFile.Load(new FileInfo(Path.Combine(folder.FullName, "adjudications.json")));
        var files = CountArchive.CountFiles.Where(n => File.Exists(Path.Combine(folder.FullName, n)))
            .ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(folder.FullName, n)), StringComparer.Ordinal);
        var expected = File.ReadAllText(Path.Combine(folder.FullName, "archive-root.txt")).Trim();
        var definition = ElectionJson.Parse(Encoding.UTF8.GetString(files["definition.json"]));
        if (ArchiveWriter.Root(ArchiveWriter.Records(sheets, decisions), definition.Id, ResultReportPdf.SoftwareVersion, files) != expected)
        {
            throw new InvalidDataException(Cli.T("计票文件夹在计票后被改动（其 Merkle 根与 archive-root.txt 不符）。"));
        }

        return new CountFolderReading(definition, sheets, decisions, files);
    }

    /// <summary>The records an archive of this count keeps.</summary>
    public IReadOnlyList<SheetRecord> Records => ArchiveWriter.Records(Sheets, Decisions);

    /// <summary>The count with the scrutineers' decisions, counted again from the readings and the meeting's figures the result holds.</summary>
    public ElectionTally Tally()
    {
        var figures = JsonNode.Parse(Files["result.json"])?["adjudicated"]?["figures"]?.Deserialize<MeetingFigures>(ElectionJson.Options) ?? new MeetingFigures();
        return ElectionCount.Run(Definition, LayoutBuilder.Build(Definition, SurnameStrokeOrder.Debian), Sheets, Decisions, figures).Adjudicated;
    }
}
