namespace BallotScan.Station.Tests;

/// <summary>
/// A count whose scans hold the same file twice (copied under another name) is archived, and its archive verifies: the
/// archive keeps each image once, and the count's figures say the same (found when the demo's archive, which holds two such
/// files, did not verify: "25 个图像不计入" counted, 23 counted again).
/// </summary>
public sealed class CountArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-count-archive-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_archive_of_a_count_with_a_file_read_twice_verifies_and_says_each_image_once()
    {
        var batch = SyntheticBatch.Make(seed: 7401, sheets: 10);
        var scans = await batch.WriteScansAsync(Path.Combine(_folder, "scans"));

        var (first, bytesOfFirst) = batch.Files.First();
        await File.WriteAllBytesAsync(Path.Combine(scans, "zz-copy-of-" + first), bytesOfFirst);
        var count = Path.Combine(_folder, "count");
        var (counted, printed, countErrors) = await HostProcess.RunAsync("count", StationServer.VillagersExample, scans, "-o", count);
        Assert.True(counted is 0 or 3, countErrors);

        // Into a folder that does not exist yet (issue 36: it said an English exception naming a ".partial" file): it is made.
        var archive = Path.Combine(_folder, "存档", "2026", "count.zip");
        var exported = await HostProcess.RunAsync("archive", "export", count, "-o", archive);
        Assert.True(exported.ExitCode == 0, exported.Errors);
        Assert.True(File.Exists(archive));
        Assert.DoesNotContain(".partial", exported.Output + exported.Errors, StringComparison.Ordinal);
        var verified = await HostProcess.RunAsync("archive", "verify", archive);
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Errors);
        Assert.Contains("档案完好", verified.Output, StringComparison.Ordinal);

        // The images not counted are said once each, the copy not among them; the batch line agrees.
        var images = batch.Files.Select(f => f.Bytes).Distinct(new BytesComparer()).Count();
        var notCounted = System.Text.RegularExpressions.Regex.Match(printed, "([0-9]+) 个图像不计入").Groups[1].Value;
        var setAside = System.Text.RegularExpressions.Regex.Match(printed, "不计 ([0-9]+)").Groups[1].Value;
        Assert.Equal(setAside.Length == 0 ? "0" : setAside, notCounted);
        Assert.Contains($"{images} 张", printed, StringComparison.Ordinal);
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
