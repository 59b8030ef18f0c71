using System.Diagnostics;
using BallotScan.Host.Station.Intake;
using Microsoft.Extensions.Logging.Abstractions;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 18, defect 4: the watched folder takes in regular files only, never follows a link, reports each file it cannot
/// take in, and goes on with the rest (a huge file, a FIFO, a name that is not UTF-8 or an unreadable file stop nothing).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WatchedFolderTests : IDisposable
{
    private readonly DirectoryInfo _watch = Directory.CreateTempSubdirectory("ballotscan-watch-");
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("ballotscan-secret-");

    // rm, as .NET cannot name a file whose name is not UTF-8.
    public void Dispose() => Run("rm", "-rf", _watch.FullName, _elsewhere.FullName);

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }

    private static void Old(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(-10));

    [Fact]
    public async Task Bad_entries_are_reported_one_by_one_and_every_good_file_beside_them_is_taken_in()
    {
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite);

        // Sorted by name, each bad entry comes before a good ballot.
        var good = batch.Sheets.Where(s => s.Truth.Kind == Lab.Synthesis.SheetKind.Ballot).Select(s => s.Bytes).Distinct().Take(5).ToList();
        void Good(string name, int i)
        {
            var path = Path.Combine(_watch.FullName, name);
            File.WriteAllBytes(path, good[i]);
            Old(path);
        }

        // a: a file over 2 GB (sparse: it takes no room).
        var huge = Path.Combine(_watch.FullName, "a-huge.jpg");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(3L * 1024 * 1024 * 1024);
        }

        Old(huge);
        Good("a-ok.jpg", 0);

        // b: a FIFO named like a scan (opening it would wait for ever).
        Run("mkfifo", Path.Combine(_watch.FullName, "b-fifo.jpg"));
        Old(Path.Combine(_watch.FullName, "b-fifo.jpg"));
        Good("b-ok.jpg", 1);

        // c: a link to the station's own secrets, and one to a folder elsewhere.
        var secret = Path.Combine(_elsewhere.FullName, "sign-in-key.xml");
        File.WriteAllText(secret, "<key>secret</key>");
        File.CreateSymbolicLink(Path.Combine(_watch.FullName, "c-link.jpg"), secret);
        File.WriteAllBytes(Path.Combine(_elsewhere.FullName, "elsewhere.jpg"), good[4]);
        Directory.CreateSymbolicLink(Path.Combine(_watch.FullName, "c-linked-folder"), _elsewhere.FullName);
        Good("c-ok.jpg", 2);

        // d: a name in GBK (王五, not UTF-8), as an old Windows scanner program writes it.
        Run("sh", "-c", $"f=\"$(printf '{_watch.FullName}/d-\\315\\365\\316\\345.jpg')\"; printf 'x' > \"$f\"; touch -d '1 minute ago' \"$f\"");
        Good("d-ok.jpg", 3);

        // e: an unreadable file (refused by the system when not run as root).
        var unreadable = Path.Combine(_watch.FullName, "e-unreadable.jpg");
        File.WriteAllBytes(unreadable, good[0]);
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        Old(unreadable);

        var folder = new WatchedFolder(server.Station, NullLogger<WatchedFolder>.Instance);
        var scan = Task.Run(() => folder.Scan(_watch.FullName));
        Assert.True(await Task.WhenAny(scan, Task.Delay(TimeSpan.FromSeconds(30))) == scan, "one look at the folder did not finish (a FIFO was opened?)");
        await scan;

        var files = server.Station.Store.Files();
        Assert.Equal(["a-ok.jpg", "b-ok.jpg", "c-ok.jpg", "d-ok.jpg"], files.Select(f => f.OriginalName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(files, f => server.Station.Store.FileBytes(f.Id).AsSpan().SequenceEqual("<key>secret</key>"u8));
        var problems = server.Station.Intake.IntakeProblems().Select(p => p.Name).ToList();
        Assert.Contains("a-huge.jpg", problems);
        Assert.Contains("b-fifo.jpg", problems);
        Assert.Contains("c-link.jpg", problems);
        Assert.Contains("c-linked-folder", problems);
        Assert.Contains(problems, p => p.StartsWith("d-", StringComparison.Ordinal) && p != "d-ok.jpg");

        // The intake page shows them, in words the operator can act on.
        using var op = await server.SignInAsync("op");
        var page = await op.Http.GetStringAsync("/");
        Assert.Contains("a-huge.jpg", page, StringComparison.Ordinal);
        Assert.Contains("链接", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_station_keeps_running_when_the_watched_folder_holds_a_file_it_cannot_read()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { WatchFolder = _watch.FullName });
        var huge = Path.Combine(_watch.FullName, "huge.jpg");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(3L * 1024 * 1024 * 1024);
        }

        Old(huge);
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        var ballot = Path.Combine(_watch.FullName, "later.jpg");
        File.WriteAllBytes(ballot, batch.Sheets.First(s => s.Truth.Kind == Lab.Synthesis.SheetKind.Ballot).Bytes);
        Old(ballot);

        var until = DateTime.UtcNow.AddSeconds(20);
        while (server.Station.Store.Progress().Files == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        Assert.Equal(["later.jpg"], server.Station.Store.Files().Select(f => f.OriginalName));
        using var op = await server.SignInAsync("op");
        Assert.Contains("huge.jpg", await op.Http.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
