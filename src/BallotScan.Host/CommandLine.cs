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

        root.Subcommands.Add(ElectionCommands.Election());
        root.Subcommands.Add(ElectionCommands.Ballot());
        root.Subcommands.Add(ReadCommands.Read());
        root.Subcommands.Add(CountCommand.Create());
        root.Subcommands.Add(ArchiveCommands.Archive(StationCommandLine.ArchiveImport()));
        root.Subcommands.Add(ArchiveCommands.Audit());
        root.Subcommands.Add(StationCommandLine.Serve());
        root.Subcommands.Add(StationCommandLine.Station());
        root.Subcommands.Add(InfoCommand.Create());
        foreach (var command in more)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs the command <paramref name="args"/> name; in Chinese, the library's help says its own words in Chinese too.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (Cli.English)
        {
            return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
        }

        using var output = new ChineseHelpWriter(Console.Out);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output }).ConfigureAwait(false);
    }
}
