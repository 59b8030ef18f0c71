using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BallotScan.Host.Station.Intake;

/// <summary>
/// Reads the sheets taken in, in the background, a batch at a time. A file stays queued until its reading is recorded, so
/// after a crash or a restart the queue simply goes on.
/// </summary>
internal sealed partial class ReadQueue(CountingStation station, ILogger<ReadQueue> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await Task.Run(() => station.Reading.ReadQueued(), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // the queue must go on: a failure is logged and the batch tried again
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailure(log, e);
                read = 0;
            }

            if (read == 0)
            {
                try
                {
                    await station.Intake.WaitForWorkAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading queued sheets failed; trying again")]
    private static partial void LogFailure(ILogger logger, Exception e);
}
