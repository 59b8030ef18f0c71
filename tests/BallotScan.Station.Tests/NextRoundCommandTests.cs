using System.Text;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Counting;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Station.Tests;

/// <summary>
/// Issue 35: `election next-round` turns a count into the 另行选举's definition: from the count folder once every decision is
/// taken (or its archive once it verifies), with words, not a trace, for a count still waiting, a folder changed after the
/// count and an archive that does not verify; a first-round sheet read in the second round is another election's.
/// </summary>
public sealed class NextRoundCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-next-round-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_next_round_is_drawn_from_a_final_count_and_refused_in_words_before_it()
    {
        var batch = SyntheticBatch.Make(seed: 7391, sheets: 24);
        var scans = await batch.WriteScansAsync(Path.Combine(_folder, "scans"));

        // The example's ballot in a village of 30 voters, so that the 19 ballots of 24 sheets make a valid election.
        var village = Path.Combine(_folder, "village.json");
        await File.WriteAllTextAsync(village, (await File.ReadAllTextAsync(StationServer.VillagersExample)).Replace("\"registered\": 1260", "\"registered\": 30", StringComparison.Ordinal));

        // The machine's count alone leaves sheets to the scrutineers: no round yet, and the words say why.
        var waiting = Path.Combine(_folder, "waiting");
        var (counted, _, countErrors) = await HostProcess.RunAsync("count", village, scans, "-o", waiting);
        Assert.True(counted is 0 or 3, countErrors);
        var early = await HostProcess.RunAsync("election", "next-round", waiting, "-o", Path.Combine(_folder, "early.json"));
        Assert.Equal(1, early.ExitCode);
        Assert.Matches("计票尚未完成：还有 [0-9]+ 张选票等待监票人裁定", early.Errors);
        Assert.DoesNotContain("   at ", early.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "early.json")));

        // Every decision taken (as careful scrutineers would, from the truth): the round is drawn.
        var reading = CountFolderReading.Load(new DirectoryInfo(waiting));
        var decisions = TruthCount.Scrutinise(reading.Sheets, batch.TruthBySha256, batch.Layout);
        var decisionsFile = Path.Combine(_folder, "decisions.json");
        await File.WriteAllTextAsync(decisionsFile, JsonSerializer.Serialize(new AdjudicationFile { ElectionId = batch.Definition.Id, Decisions = decisions }, ElectionJson.Options));
        var final = Path.Combine(_folder, "final");
        var (recounted, _, recountErrors) = await HostProcess.RunAsync("count", village, scans, "--adjudications", decisionsFile, "-o", final);
        Assert.True(recounted == 0, recountErrors);
        var tally = CountFolderReading.Load(new DirectoryInfo(final)).Tally();
        var open = tally.Contests.Where(c => c.Outcome is { SeatsLeft: > 0 }).ToList();
        Assert.True(tally.ElectionValid, string.Join("; ", tally.Validity.Select(v => v.Message)));
        Assert.NotEmpty(open); // 24 ballots of voters who approve at random: no majority for some post

        var roundFile = Path.Combine(_folder, "round-2.json");
        var drawn = await HostProcess.RunAsync("election", "next-round", final, "-o", roundFile);
        Assert.True(drawn.ExitCode == 0, drawn.Output + drawn.Errors);
        Assert.Contains("另行选举（第 2 轮）", drawn.Output, StringComparison.Ordinal);
        var round = ElectionJson.Load(roundFile);
        Assert.Equal((ElectionRound.Supplementary, 2, batch.Definition.Id, batch.Definition.Id + "-r2"), (round.Round, round.RoundNumber, round.FirstRound, round.Id));
        Assert.Equal(open.Select(c => (c.ContestId, c.Outcome!.SeatsLeft)), round.Contests.Select(c => (c.Id, c.Seats)));
        Assert.DoesNotContain(ElectionValidator.Validate(round), p => p.Severity == ProblemSeverity.Error);
        foreach (var contest in round.Contests)
        {
            // Those not elected, most votes first, and nobody elected anywhere in the first round.
            var before = open.First(c => c.ContestId == contest.Id);
            var votes = contest.Candidates.Select(c => before.Candidates.Concat(before.WriteIns).First(x => x.Name == c.Name).Total).ToList();
            Assert.Equal(votes.OrderDescending(), votes);
            Assert.DoesNotContain(contest.Candidates, c => tally.Contests.Any(t => t.Outcome!.Elected.Contains(c.Name)));
        }

        // A first-round sheet fed to the second round is another election's ballot, never counted there.
        var reader = new BallotReader([LayoutBuilder.Build(round, SurnameStrokeOrder.Debian)], MarkClassifier.Shipped);
        var ballot = batch.Sheets.First(s => s.Truth.Kind == SheetKind.Ballot);
        var misplaced = Assert.Single(reader.ReadFile(ballot.Bytes, "first-round.png"));
        Assert.False(misplaced.Accepted);
        Assert.Equal([ReviewReason.WrongElection], misplaced.SheetReasons);

        // From the count's archive, the same round.
        var archive = Path.Combine(_folder, "count.zip");
        Assert.Equal(0, (await HostProcess.RunAsync("archive", "export", final, "-o", archive)).ExitCode);
        var fromArchive = Path.Combine(_folder, "from-archive.json");
        var archived = await HostProcess.RunAsync("election", "next-round", archive, "-o", fromArchive);
        Assert.True(archived.ExitCode == 0, archived.Errors);
        Assert.Equal(await File.ReadAllTextAsync(roundFile), await File.ReadAllTextAsync(fromArchive));

        // The second round counted with the first as its earlier round (from its archive, verified): the count says who each
        // round elected. The first round is not an earlier round of itself: refused in words, nothing written.
        var second = Path.Combine(_folder, "second");
        var withFirst = await HostProcess.RunAsync("count", roundFile, scans, "--earlier-round", archive, "-o", second);
        Assert.True(withFirst.ExitCode is 0 or 3, withFirst.Errors);
        Assert.Contains($"第 1 轮（{batch.Definition.Id}）当选：", withFirst.Output, StringComparison.Ordinal);
        Assert.Contains($"第 2 轮（{round.Id}）当选：", withFirst.Output, StringComparison.Ordinal);
        var itself = await HostProcess.RunAsync("count", village, scans, "--earlier-round", archive, "-o", Path.Combine(_folder, "itself"));
        Assert.Equal(1, itself.ExitCode);
        Assert.Contains($"--earlier-round：{batch.Definition.Id} 是第 1 轮，不在本轮之前。", itself.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "itself")));

        // An archive that does not verify, and a count folder changed after the count: words, nothing written.
        var whole = await File.ReadAllBytesAsync(archive);
        var damaged = Path.Combine(_folder, "damaged.zip");
        var cut = whole.AsSpan(0, whole.Length / 2).ToArray();
        await File.WriteAllBytesAsync(damaged, cut);
        var refused = await HostProcess.RunAsync("election", "next-round", damaged, "-o", Path.Combine(_folder, "no.json"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("未生成另行选举：档案 damaged.zip 无法通过校验", refused.Errors, StringComparison.Ordinal);

        var definition = Path.Combine(final, "definition.json");
        await File.WriteAllTextAsync(definition, (await File.ReadAllTextAsync(definition)).Replace("\"registered\": 30", "\"registered\": 41", StringComparison.Ordinal), Encoding.UTF8);
        var changed = await HostProcess.RunAsync("election", "next-round", final, "-o", Path.Combine(_folder, "no.json"));
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("计票文件夹在计票后被改动", changed.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "no.json")));

        var nothing = await HostProcess.RunAsync("election", "next-round", Path.Combine(_folder, "no-such-count"), "--lang", "en");
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("There is no file or folder", nothing.Errors, StringComparison.Ordinal);
    }
}
