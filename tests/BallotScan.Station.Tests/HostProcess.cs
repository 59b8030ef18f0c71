using System.Diagnostics;

namespace BallotScan.Station.Tests;

/// <summary>The command line as a user runs it: the built program in a process of its own, its output and exit code.</summary>
internal static class HostProcess
{
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    /// <summary>The program run with <paramref name="input"/> on its standard input (a password given with --password-stdin).</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunWithInputAsync(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = StationServer.Repository };
        start.ArgumentList.Add(typeof(Lab.Commands.DemoCommand).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
