using System.Diagnostics;

namespace BallotScan.Engine.Platform;

/// <summary>What a command-line tool printed and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a command-line tool that a Debian package provides (pdftoppm, bzcat, fc-list). When the tool is not installed,
/// the error names the package to install rather than failing with "file not found".
/// </summary>
internal static class DebianTool
{
    /// <exception cref="FileNotFoundException">The tool is not installed; the message names <paramref name="package"/>.</exception>
    public static ToolResult Run(string program, string package, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"{program} is missing: install the Debian package {package} (./ballotscan setup does this).", e);
        }

        using (process ?? throw new InvalidOperationException($"{program} did not start."))
        {
            // Both streams are read at once, so that a tool filling one pipe never waits on the other.
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new ToolResult(process.ExitCode, output, error.GetAwaiter().GetResult());
        }
    }
}
