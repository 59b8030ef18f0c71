using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;

using BallotScan.Host.Text;

namespace BallotScan.Host.Counting;

/// <summary>
/// A finished count of one round, read back from its count folder or its archive and trusted only when it verifies: what a
/// 另行选举 is drawn from, and what the last round's report lists among the election's rounds.
/// </summary>
/// <param name="Definition">The round's election.</param>
/// <param name="Tally">The count with the scrutineers' decisions, counted again from the readings.</param>
/// <param name="Root">The Merkle root the count folder or archive verified against.</param>
internal sealed record RoundCount(ElectionDefinition Definition, ElectionTally Tally, string Root)
{
    /// <summary>The round as the report lists it.</summary>
    public RoundOutcome Outcome => ElectionRounds.Of(Definition, Tally, Root);

    /// <summary>Reads a count folder (<c>./ballotscan count -o</c>) or an archive (.zip), verified.</summary>
    /// <exception cref="IOException">There is no such file or folder, or it cannot be read.</exception>
    /// <exception cref="InvalidDataException">It does not verify (words in both languages).</exception>
    public static RoundCount Load(string path)
    {
        if (Directory.Exists(path))
        {
            var reading = CountFolderReading.Load(new DirectoryInfo(path));
            return new RoundCount(reading.Definition, reading.Tally(), File.ReadAllText(Path.Combine(path, "archive-root.txt")).Trim());
        }

        if (!File.Exists(path))
        {
            throw new IOException(Cli.T("没有文件或文件夹 {0}。", path));
        }

        try
        {
            var verified = ArchivedCount.Load(path);
            return new RoundCount(verified.Definition, verified.Count().Adjudicated, verified.Manifest.MerkleRoot);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(Cli.T("档案 {0} 无法通过校验（{1}）：请运行 ./ballotscan archive verify 查看原因。", Path.GetFileName(path), e.Message), e);
        }
    }
}
