namespace BallotScan.Engine.Tests;

/// <summary>Files of this repository (the example definitions), found from the test's own folder.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BallotScan.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with BallotScan.slnx) was not found above " + AppContext.BaseDirectory);
    });

    public static string Path(string relative) => System.IO.Path.Combine(s_root.Value, relative);

    public static string VillagersExample => Path("examples/villagers-committee.json");

    public static string PartyExample => Path("examples/party-committee.json");
}
