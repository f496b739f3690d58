using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodexRelay.Grains.Hosting;

/// <summary>
/// Runs a store's expiry sweep periodically (disk and blob; Redis expires keys itself). A sweep that throws,
/// whatever the exception, is logged and tried again at the next tick: a failed sweep never stops sweeping or the silo.
/// </summary>
internal sealed partial class RetentionSweep(string store, TimeSpan interval, Func<Task<int>> sweep, ILogger<RetentionSweep> logger) : BackgroundService
{
    public string Store { get; } = store;

    /// <summary>Sweeps that ended in an exception since the silo started.</summary>
    public int Failures { get; private set; }

    /// <summary>Sweeps that ran to the end.</summary>
    public int Completed { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var removed = await sweep();
                Completed++;
                if (removed > 0)
                {
                    LogSwept(logger, Store, removed);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Failures++;
                LogSweepFailed(logger, Store, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(5001, LogLevel.Information, "The {Store} history sweep removed {Removed} expired record(s)")]
    private static partial void LogSwept(ILogger logger, string store, int removed);

    [LoggerMessage(5002, LogLevel.Warning, "The {Store} history sweep failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, string store, Exception exception);
}
