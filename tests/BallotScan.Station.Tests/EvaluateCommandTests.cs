namespace BallotScan.Station.Tests;

/// <summary>`evaluate` on a corpus of another election than its definition's says so, instead of reporting every ballot rejected.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_corpus_of_another_election_is_refused_in_words_and_read_with_its_own_definition()
    {
        var party = Path.Combine(StationServer.Repository, "examples/party-committee.json");
        var made = await HostProcess.RunAsync("synth", party, "--sheets", "2", "--seed", "7331", "-o", _folder);
        Assert.True(made.ExitCode == 0, made.Errors);

        var refused = await HostProcess.RunAsync("evaluate", _folder);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("请用 -d 指定生成语料时用的选举定义", refused.Errors, StringComparison.Ordinal);

        var read = await HostProcess.RunAsync("evaluate", _folder, "-d", party, "--lang", "en");
        Assert.True(read.ExitCode == 0, read.Output + read.Errors);
        Assert.Contains("ballots rejected    0", read.Output, StringComparison.Ordinal);
    }
}
