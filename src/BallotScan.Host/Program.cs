using BallotScan.Host;

return await CommandLine.InvokeAsync(CommandLine.Root(args), args).ConfigureAwait(false);
