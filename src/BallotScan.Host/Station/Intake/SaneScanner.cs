using BallotScan.Engine.Problems;
using System.Diagnostics;
using System.Globalization;

namespace BallotScan.Host.Station.Intake;

/// <summary>What one run of the scanner gave.</summary>
internal sealed record ScanRun(int Pages, IReadOnlyList<IntakeResult> Taken, Said? Problem);

/// <summary>
/// Scans from a SANE device's document feeder with `scanimage --batch` (Debian's sane-utils, TIFF out) and takes in every page.
/// The pages are written to a private temporary folder under names the station chooses, then removed.
/// </summary>
internal static class SaneScanner
{
    /// <summary>Scans up to <paramref name="maxPages"/> pages at 200 dpi grayscale from <paramref name="device"/>.</summary>
    public static async Task<ScanRun> ScanAsync(CountingStation station, string device, int maxPages, string user, CancellationToken cancel)
    {
        var folder = Directory.CreateTempSubdirectory("ballotscan-scan-");
        try
        {
            var start = new ProcessStartInfo("scanimage")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--device-name", device, "--format=tiff", "--mode", "Gray", "--resolution", "200",
                $"--batch={Path.Combine(folder.FullName, "page-%04d.tif")}", $"--batch-count={maxPages.ToString(CultureInfo.InvariantCulture)}",
            })
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("scanimage did not start");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return new ScanRun(0, [], new Said("没有安装 scanimage（Debian 软件包 sane-utils）：请运行 ./ballotscan setup。"));
            }

            using (process)
            {
                var errors = process.StandardError.ReadToEndAsync(cancel);
                _ = process.StandardOutput.ReadToEndAsync(cancel);
                await process.WaitForExitAsync(cancel).ConfigureAwait(false);
                var pages = folder.GetFiles("page-*.tif").OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
                var taken = pages.Select(p => station.Intake.TakeIn(File.ReadAllBytes(p.FullName), $"{device} {p.Name}", "scanner", user)).ToList();
                // scanimage ends with status 7 (no more documents) when the feeder runs empty: that is the normal end.
                var failed = process.ExitCode is not (0 or 7) && pages.Count == 0;
                var said = failed ? (await errors.ConfigureAwait(false)).Trim() : null;
                var problem = failed ? new Said("扫描失败（scanimage 退出码 {0}）：{1}", process.ExitCode, said) : null;
                return new ScanRun(pages.Count, taken, problem);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
