using System.Globalization;
using Spectre.Console;

namespace BallotScan.Host.Text;

/// <summary>
/// A long run's progress on the terminal (Spectre.Console, on standard error so that the output stays clean): a bar,
/// the share done, the rate and the time left. Where standard error is no terminal (a log, CI), a line every tenth instead.
/// </summary>
internal sealed class CliProgress
{
    private readonly Action<int> _report;

    private CliProgress(Action<int> report) => _report = report;

    /// <summary>Reports that <paramref name="done"/> items are done (any thread).</summary>
    public void Done(int done) => _report(done);

    /// <summary>Runs <paramref name="work"/> with a progress display of <paramref name="total"/> items named <paramref name="what"/>.</summary>
    public static T Run<T>(string what, int total, Func<CliProgress, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!console.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
        {
            var step = Math.Max(1, total / 4);
            var last = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var gate = new Lock();
            var result = work(new CliProgress(done =>
            {
                lock (gate)
                {
                    if (done >= last + step || (done == total && last != total))
                    {
                        last = done;
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {done}/{total}, {done / Math.Max(0.001, clock.Elapsed.TotalSeconds):0.0}/s"));
                    }
                }
            }));
            return result;
        }

        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(what), maxValue: total);
                return work(new CliProgress(done => task.Value = done));
            });
    }
}
