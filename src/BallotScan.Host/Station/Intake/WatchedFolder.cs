using BallotScan.Host.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BallotScan.Host.Station.Intake;

/// <summary>
/// Takes in every image file that appears in the folder the scanner software saves into. A file is taken once it has stopped
/// growing; the folder is left as it is (taking the same file in twice is harmless: it is one file by its SHA-256).
/// </summary>
internal sealed partial class WatchedFolder(CountingStation station, ILogger<WatchedFolder> log) : BackgroundService
{
    private readonly Dictionary<string, (long Size, DateTime Written)> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (station.Options.WatchFolder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        LogWatching(log, folder);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Scan(folder);
            }
            catch (IOException e)
            {
                LogFailure(log, e);
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

    /// <summary>One look at the folder: takes in each new file that has not changed for a second.</summary>
    public void Scan(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!ReadCommands.ImageExtensions.Contains(Path.GetExtension(path)))
            {
                continue;
            }

            var info = new FileInfo(path);
            var state = (info.Length, info.LastWriteTimeUtc);
            if (_seen.TryGetValue(path, out var seen) && seen == state)
            {
                continue;
            }

            if (DateTime.UtcNow - info.LastWriteTimeUtc < TimeSpan.FromSeconds(1))
            {
                continue; // still being written
            }

            var bytes = File.ReadAllBytes(path);
            station.TakeIn(bytes, Path.GetRelativePath(folder, path), "folder", "scanner folder");
            _seen[path] = state;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for scanned sheets")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking at the scanner folder failed; trying again")]
    private static partial void LogFailure(ILogger logger, Exception e);
}
