using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;

namespace BallotScan.Host.Counting;

/// <summary>
/// The scans of a file or folder as the command line reads them: the image files (every subfolder, in name order), each
/// sheet's batch (the subfolder: one per ballot box), read in one <see cref="ReadSession"/> with a progress bar.
/// </summary>
internal static class Scans
{
    /// <summary>Image files the reader takes (by their extension, any case).</summary>
    internal static IReadOnlySet<string> ImageExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pdf" };

    /// <summary>The image files of a file or folder (all subfolders, in name order), or null (reported) when there is no such path.</summary>
    internal static List<string>? ImageFiles(string input)
    {
        if (Directory.Exists(input))
        {
            return Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal).ToList();
        }

        if (File.Exists(input))
        {
            return [input];
        }

        Console.Error.WriteLine(Cli.T("没有文件或文件夹 {0}。", input));
        return null;
    }

    /// <summary>
    /// The batch of a scan under <paramref name="input"/> (批次): the subfolder it is in (one folder per ballot box or scanner
    /// run), or the folder's own name for a file directly in it.
    /// </summary>
    internal static Func<string?, string> BatchOf(string input)
    {
        var root = Path.GetFullPath(Directory.Exists(input) ? input : Path.GetDirectoryName(Path.GetFullPath(input))!);
        var rootName = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        return source =>
        {
            var folder = source is null ? string.Empty : Path.GetRelativePath(root, Path.GetDirectoryName(Path.GetFullPath(source))!);
            return folder is "." or "" || folder.StartsWith("..", StringComparison.Ordinal) ? rootName : folder.Replace(Path.DirectorySeparatorChar, '/');
        };
    }

    /// <summary>Reads every file on every core, with progress; the interpretations in file order, possible rescans flagged, each in its batch (<see cref="BatchOf"/>).</summary>
    internal static IReadOnlyList<SheetInterpretation> ReadAll(IReadOnlyList<string> files, BallotReader reader, string input)
    {
        var session = new ReadSession(reader);
        var sheets = CliProgress.Run(Cli.T("识别扫描件"), files.Count, progress => session.ReadFiles(files, progress.Done));
        return Batching.Assign(sheets, BatchOf(input));
    }
}
