namespace BallotScan.Station.Tests;

/// <summary>
/// `evaluate` reads a corpus against the election it was made from (its own definition.json, issue 36); given another
/// election's definition, it says so instead of reporting every ballot rejected.
/// </summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_corpus_is_read_with_its_own_definition_and_another_election_s_is_refused_in_words()
    {
        var party = Path.Combine(StationServer.Repository, "examples/party-committee.json");
        var made = await HostProcess.RunAsync("synth", party, "--sheets", "2", "--seed", "7331", "-o", _folder);
        Assert.True(made.ExitCode == 0, made.Errors);

        var read = await HostProcess.RunAsync("evaluate", _folder, "--lang", "en");
        Assert.True(read.ExitCode == 0, read.Output + read.Errors);
        Assert.Contains("ballots rejected    0", read.Output, StringComparison.Ordinal);

        var refused = await HostProcess.RunAsync("evaluate", _folder, "-d", StationServer.VillagersExample);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("请用 -d 指定生成语料时用的选举定义", refused.Errors, StringComparison.Ordinal);
    }
}
