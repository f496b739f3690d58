using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodexRelay.Grains.Hosting;

/// <summary>Runs a store's expiry sweep periodically (disk and blob; Redis expires keys itself).</summary>
internal sealed partial class RetentionSweep(ILogger<RetentionSweep> logger, string store, TimeSpan interval, Func<Task<int>> sweep) : BackgroundService
{
    public string Store { get; } = store;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await sweep();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
            {
                // The next sweep tries again; a failed sweep never stops the silo, but an operator hears of it.
                SweepFailed(logger, Store, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(5101, LogLevel.Warning, "The {Store} history store's retention sweep failed; it runs again at the next interval")]
    private static partial void SweepFailed(ILogger logger, string store, Exception exception);
}
