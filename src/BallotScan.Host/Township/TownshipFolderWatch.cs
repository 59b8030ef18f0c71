using BallotScan.Host.Station;
using Microsoft.Extensions.Hosting;

namespace BallotScan.Host.Township;

/// <summary>
/// The watched folder (a USB stick's archives copied in): every .zip that appears is offered to the township station once its
/// size has stopped changing; one already taken is known by its hash and costs nothing.
/// </summary>
internal sealed class TownshipFolderWatch(TownshipStation township, TownshipServeOptions serve) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (serve.WatchFolder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var offered = new HashSet<(string, long, DateTime)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var ready = new List<string>();
            foreach (var file in Directory.EnumerateFiles(folder, "*.zip", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                var settled = sizes.TryGetValue(file, out var size) && size == info.Length;
                sizes[file] = info.Length;
                if (settled && offered.Add((file, info.Length, info.LastWriteTimeUtc)))
                {
                    ready.Add(file);
                }
            }

            if (ready.Count > 0)
            {
                await Task.Run(() => township.ImportAll(ready, AuditFacts.ArchiveFolder, "watched folder"), stoppingToken).ConfigureAwait(false);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
        }
    }
}
