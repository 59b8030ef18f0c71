using BallotScan.Host.Text;

namespace BallotScan.Host.Counting;

/// <summary>A count's output folder, replaced whole: never files of two counts side by side, never a half-written count under its name.</summary>
internal static class CountFolder
{
    /// <summary>
    /// Every file a count gives (<see cref="Counted.Files"/>), by name, with its content type: what `count` writes, what the
    /// station offers for download, and (any of them in a folder) what marks a folder as a count folder that may be replaced.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["result.pdf"] = "application/pdf",
        ["result.csv"] = "text/csv; charset=utf-8",
        ["result.xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["result.json"] = "application/json",
        ["cast-vote-records.csv"] = "text/csv; charset=utf-8",
        ["cast-vote-records.json"] = "application/json",
        ["review-list.csv"] = "text/csv; charset=utf-8",
        ["reconciliation.csv"] = "text/csv; charset=utf-8",
        ["hand-tally-template.csv"] = "text/csv; charset=utf-8",
        ["adjudications.json"] = "application/json",
        ["interpretations.jsonl"] = "application/jsonl",
        ["definition.json"] = "application/json",
        ["calibration.json"] = "application/json",
        ["archive-root.txt"] = "text/plain; charset=utf-8",
    };

    /// <summary>
    /// Writes <paramref name="files"/> as the folder <paramref name="folder"/>: first into "folder.incomplete", then the earlier
    /// folder (if any, and only if it holds nothing but a count's files) is moved aside and the new one takes its name.
    /// </summary>
    /// <exception cref="IOException">The folder holds files that are not a count's (they are not touched).</exception>
    public static void Replace(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(target))
        {
            var foreign = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Where(n => !ContentTypes.ContainsKey(n!)).Order(StringComparer.Ordinal).ToList();
            if (foreign.Count > 0)
            {
                throw new IOException(Cli.T("{0} 中有不属于计票结果的文件（{1}），未写入：请用空文件夹。", target, string.Join(Cli.T("、"), foreign.Take(3))));
            }
        }

        var incomplete = target + ".incomplete";
        var replaced = target + ".replaced";
        foreach (var leftover in new[] { incomplete, replaced }.Where(Directory.Exists))
        {
            Directory.Delete(leftover, recursive: true);
        }

        Directory.CreateDirectory(incomplete);
        foreach (var (name, bytes) in files)
        {
            using var stream = new FileStream(Path.Combine(incomplete, name), FileMode.CreateNew, FileAccess.Write);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        if (Directory.Exists(target))
        {
            Directory.Move(target, replaced);
        }

        Directory.Move(incomplete, target);
        if (Directory.Exists(replaced))
        {
            Directory.Delete(replaced, recursive: true);
        }
    }
}
