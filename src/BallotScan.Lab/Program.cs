using BallotScan.Host;
using BallotScan.Lab.Commands;

// The developer's program: the venue's commands and the lab's (the demo, the generator, evaluation, fitting).
var root = CommandLine.Root(args, DemoCommand.Create(), SynthCommand.Create(), EvaluateCommand.Create(), CalibrateCommand.Create(), RealMarkCommands.Create(), WriteInCommands.Create(), TownshipSynthCommand.Create());
return await CommandLine.InvokeAsync(root, args).ConfigureAwait(false);
