using System.CommandLine;
using BallotScan.Host.Commands;

var root = new RootCommand("BallotScan: scans and counts the paper ballots of village and community \"two committees\" elections.");
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
