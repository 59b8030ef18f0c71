using System.CommandLine;
using BallotScan.Host.Commands;
using BallotScan.Host.Station;
using BallotScan.Host.Text;

namespace BallotScan.Host;

/// <summary>The composition root of the command line: the program's commands as one root (the venue's program, BallotScan.Host; the developer's adds the lab's).</summary>
internal static class CommandLine
{
    /// <summary>Every command of the venue's program, then <paramref name="more"/>; the language chosen from <paramref name="args"/> first.</summary>
    public static RootCommand Root(string[] args, params Command[] more)
    {
        Cli.Choose(args);
        var root = new RootCommand(Cli.T("BallotScan：扫描并计数村（社区）“两委”换届选举的纸质选票。"));
        root.Options.Add(Cli.LanguageOption);
        foreach (var option in root.Options)
        {
            option.Description = option.Name switch
            {
                "--help" => Cli.T("显示帮助和用法"),
                "--version" => Cli.T("显示版本"),
                _ => option.Description,
            };
        }

        var venue = root.Subcommands.Count;
        root.Subcommands.Add(ElectionCommands.Election());
        root.Subcommands.Add(ElectionCommands.Ballot());
        root.Subcommands.Add(ReadCommands.Read());
        root.Subcommands.Add(CountCommand.Create());
        root.Subcommands.Add(ArchiveCommands.Archive(StationCommandLine.ArchiveImport()));
        root.Subcommands.Add(ArchiveCommands.Audit());
        root.Subcommands.Add(StationCommandLine.Serve());
        root.Subcommands.Add(StationCommandLine.Station());
        root.Subcommands.Add(Township.TownshipCommandLine.Create());
        root.Subcommands.Add(InfoCommand.Create());
        s_venue = [.. root.Subcommands.Skip(venue).Select(c => c.Name)];
        foreach (var command in more)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>The venue's commands (the last root's); any other a root holds is the developer's.</summary>
    private static HashSet<string> s_venue = [];

    /// <summary>
    /// Runs the command <paramref name="args"/> name; its help (<see cref="HelpWriter"/>) names the program as it is started,
    /// lists the developer's commands apart, and in Chinese says the library's own words in Chinese too.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var output = new HelpWriter(Console.Out, root.Subcommands.Select(c => c.Name).Where(n => !s_venue.Contains(n)).ToHashSet(StringComparer.Ordinal), chinese: !Cli.English);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output }).ConfigureAwait(false);
    }
}
