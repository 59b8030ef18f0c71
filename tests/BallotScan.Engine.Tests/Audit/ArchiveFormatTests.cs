using BallotScan.Engine.Audit;

namespace BallotScan.Engine.Tests.Audit;

/// <summary>
/// Archives written by earlier versions, kept as they were written (tests/fixtures/archives): today's software verifies
/// each against the root printed on its report and counts it again to the result it stores. A change that stops an old
/// archive from reading fails here.
/// </summary>
public sealed class ArchiveFormatTests
{
    public static TheoryData<string, string> Archives => new()
    {
        { "villagers-2026-12-07.zip", "96ce0a91e444f92255da7baaada75f9fe2dfe895a1df9ba91615317ba5714211" },
    };

    [Theory]
    [MemberData(nameof(Archives))]
    public void An_archive_of_an_earlier_version_verifies_and_counts_again_to_its_result(string file, string rootOnReport)
    {
        var path = RepositoryFiles.Path($"tests/fixtures/archives/{file}");
        var check = ArchiveVerifier.Verify(path, rootOnReport);
        Assert.Empty(check.Problems);
        Assert.True(check.Passed);

        var count = ArchivedCount.Load(path, rootOnReport);
        Assert.Equal(3, count.Sheets.Count);
        Assert.Equal("example-village-2026", count.Definition.Id);
    }

    [Fact]
    public void The_same_archive_against_another_root_does_not_verify()
    {
        var path = RepositoryFiles.Path("tests/fixtures/archives/villagers-2026-12-07.zip");
        Assert.False(ArchiveVerifier.Verify(path, new string('0', 64)).Passed);
        Assert.Throws<InvalidDataException>(() => ArchivedCount.Load(path, new string('0', 64)));
    }
}
