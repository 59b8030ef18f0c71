using System.Text;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Printing;

namespace BallotScan.Host.Counting;

/// <summary>A count's archive (one zip: images, readings, decisions, the files the result depends on, the Merkle root): `archive export` and the station's download write it alike.</summary>
internal static class CountArchive
{
    /// <summary>The files of a count folder an archive keeps: those the Merkle root seals, and the report.</summary>
    public static IReadOnlyList<string> CountFiles { get; } = [.. ArchiveWriter.SealedFiles, "result.pdf"];

    /// <summary>Writes the archive of a count: its records, the images <paramref name="image"/> gives, and those of the count's files that an archive keeps.</summary>
    public static ArchiveManifest Write(IReadOnlyDictionary<string, byte[]> countFiles, IReadOnlyList<SheetRecord> records, Func<SheetRecord, byte[]> image, string output)
    {
        var files = CountFiles.Where(countFiles.ContainsKey).ToDictionary(n => n, n => countFiles[n], StringComparer.Ordinal);
        var electionId = ElectionJson.Parse(Encoding.UTF8.GetString(files["definition.json"])).Id;
        return ArchiveWriter.Write(output, electionId, records, image, files, ResultReportPdf.SoftwareVersion);
    }
}
