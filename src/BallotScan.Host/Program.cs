using BallotScan.Host;

return await CommandLine.Root(args).Parse(args).InvokeAsync().ConfigureAwait(false);
