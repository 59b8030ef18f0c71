namespace BallotScan.Station.Tests;

/// <summary>`synth` parses its knobs strictly: a chance is 0 to 1, and one that is not is refused in words before anything is written.</summary>
public sealed class SynthCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-synth-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--rescan-rate", "5")]
    [InlineData("--other-mark-rate", "-0.1")]
    [InlineData("--seal-rate", "NaN")]
    public async Task A_chance_outside_0_to_1_is_refused_and_nothing_is_written(string option, string value)
    {
        var output = Path.Combine(_folder, "corpus");
        var (exitCode, _, errors) = await HostProcess.RunAsync("synth", StationServer.VillagersExample, "--sheets", "2", option, value, "-o", output);

        Assert.Equal(1, exitCode);
        Assert.Contains(option, errors, StringComparison.Ordinal);
        Assert.Contains("0 到 1", errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
