using System.CommandLine;
using BallotScan.Host.Commands;

Cli.Choose(args);
var root = new RootCommand(Cli.S("BallotScan：扫描并计数村（社区）“两委”换届选举的纸质选票。", "BallotScan: scans and counts the paper ballots of village and community \"two committees\" elections."));
root.Options.Add(Cli.LanguageOption);
foreach (var option in root.Options)
{
    option.Description = option.Name switch
    {
        "--help" => Cli.S("显示帮助和用法", "Show help and usage information"),
        "--version" => Cli.S("显示版本", "Show version information"),
        _ => option.Description,
    };
}

root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ElectionCommands.Election());
root.Subcommands.Add(ElectionCommands.Ballot());
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(CalibrateCommand.Create());
root.Subcommands.Add(RealMarkCommands.Create());
root.Subcommands.Add(ReadCommands.Read());
root.Subcommands.Add(ReadCommands.Evaluate());
root.Subcommands.Add(CountCommand.Create());
root.Subcommands.Add(ArchiveCommands.Archive());
root.Subcommands.Add(ArchiveCommands.Audit());
root.Subcommands.Add(StationCommands.Serve());
root.Subcommands.Add(StationCommands.Station());
root.Subcommands.Add(InfoCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
