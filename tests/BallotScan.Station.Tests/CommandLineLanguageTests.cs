using System.Text.RegularExpressions;

namespace BallotScan.Station.Tests;

/// <summary>The command line in English by choice: a count's summary says nothing in Chinese but the election's own names.</summary>
public sealed partial class CommandLineLanguageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-cli-lang-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [Fact]
    public async Task A_count_in_English_prints_no_Chinese_but_the_election_s_names()
    {
        // Two ballot boxes (a folder each), so that the summary has its line of batches.
        var batch = SyntheticBatch.Make(seed: 7321, sheets: 12);
        var scans = Path.Combine(_folder, "scans");
        foreach (var (file, i) in batch.Files.Select((f, i) => (f, i)))
        {
            var box = Path.Combine(scans, i % 2 == 0 ? "box-a" : "box-b");
            Directory.CreateDirectory(box);
            await File.WriteAllBytesAsync(Path.Combine(box, file.Name), file.Bytes);
        }

        var (exitCode, printed, errors) = await HostProcess.RunAsync("count", StationServer.VillagersExample, scans, "-o", Path.Combine(_folder, "result"), "--lang", "en");
        Assert.True(exitCode == 0, errors);

        var names = new[] { batch.Definition.Title }.Concat(batch.Definition.Contests.Select(c => c.Title)).Concat(batch.Definition.Contests.SelectMany(c => c.Candidates.Select(x => x.Name)))
            .OrderByDescending(n => n.Length).ToList();
        var lines = printed.Split('\n').Select(line => names.Aggregate(line, (text, name) => text.Replace(name, string.Empty, StringComparison.Ordinal)));
        Assert.Contains("Batches: ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => Han().IsMatch(line));
    }
}
