using Microsoft.Extensions.Hosting;

namespace CodexRelay.Grains.Hosting;

/// <summary>Runs a store's expiry sweep periodically (disk and blob; Redis expires keys itself).</summary>
internal sealed class RetentionSweep(string store, TimeSpan interval, Func<Task<int>> sweep) : BackgroundService
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
                // The next sweep tries again; a failed sweep never stops the silo.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
