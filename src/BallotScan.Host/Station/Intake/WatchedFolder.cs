using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using BallotScan.Host.Counting;

namespace BallotScan.Host.Station.Intake;

/// <summary>
/// Takes in every image file that appears in the folder the scanner software saves into. A file is taken once it has stopped
/// growing; the folder is left as it is (taking the same file in twice is harmless: it is one file by its SHA-256). Only
/// regular files are opened and no link is followed; an entry that cannot be taken in is reported
/// (<see cref="StationIntake.IntakeProblems"/>) and the rest go on.
/// </summary>
internal sealed partial class WatchedFolder(CountingStation station, ILogger<WatchedFolder> log) : BackgroundService
{
    private static readonly EnumerationOptions s_oneLevel = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };

    private readonly Dictionary<string, (long Size, DateTime Written)> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (station.Options.WatchFolder is not { } folder)
        {
            return;
        }

        LogWatching(log, folder);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Directory.CreateDirectory(folder);
                Scan(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder itself is gone or closed to us: said once a round, and tried again.
                LogFailure(log, e);
                station.Intake.ReportIntakeProblem(folder, IntakeProblemKind.Unreadable, e.Message);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look at the folder: takes in each new regular image file that has not changed for a second.</summary>
    public void Scan(string folder) => Scan(new DirectoryInfo(folder), folder);

    private void Scan(DirectoryInfo directory, string root)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos("*", s_oneLevel).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var shown = Path.GetRelativePath(root, entry.FullName);
            try
            {
                if (entry.LinkTarget is not null)
                {
                    station.Intake.ReportIntakeProblem(shown, IntakeProblemKind.Link, entry.LinkTarget);
                    continue;
                }

                if (entry is DirectoryInfo subfolder)
                {
                    Scan(subfolder, root);
                    continue;
                }

                if (entry is FileInfo file && Scans.ImageExtensions.Contains(file.Extension))
                {
                    TakeIn(file, shown);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                station.Intake.ReportIntakeProblem(shown, IntakeProblemKind.Unreadable, e.Message);
            }
        }
    }

    private void TakeIn(FileInfo file, string shown)
    {
        var state = (file.Length, file.LastWriteTimeUtc);
        if ((_seen.TryGetValue(file.FullName, out var seen) && seen == state) || DateTime.UtcNow - file.LastWriteTimeUtc < TimeSpan.FromSeconds(1))
        {
            return; // taken in already, or still being written
        }

        _seen[file.FullName] = state;
        if (shown.Contains('\uFFFD', StringComparison.Ordinal))
        {
            // The name's bytes are not UTF-8 (GBK from an old scanner program): it cannot be opened by the name the system gives.
            station.Intake.ReportIntakeProblem(shown, IntakeProblemKind.NameNotUtf8, null);
        }
        else if (file.Length == 0)
        {
            // An empty file, or not a regular file at all (a FIFO or a device, which would never end): never opened.
            station.Intake.ReportIntakeProblem(shown, IntakeProblemKind.EmptyOrNotAFile, null);
        }
        else if (file.Length > station.Options.MaxFileBytes)
        {
            station.Intake.ReportIntakeProblem(shown, IntakeProblemKind.TooLarge, (file.Length / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            var bytes = File.ReadAllBytes(file.FullName);
            if (StationIntake.NotAScan(bytes) is not null)
            {
                station.Intake.ReportIntakeProblem(shown, IntakeProblemKind.NotAScan, null);
                return;
            }

            if (station.TakenInByEarlierRound(bytes))
            {
                return; // the first round's scan, still in the folder when the 另行选举 is counted: it stays the first round's
            }

            station.Intake.TakeIn(bytes, shown, "folder", AuditFacts.ScannerFolder);
            station.Intake.ClearIntakeProblem(shown);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for scanned sheets")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking at the scanner folder failed; trying again")]
    private static partial void LogFailure(ILogger logger, Exception e);
}
