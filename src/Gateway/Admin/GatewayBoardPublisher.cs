using CodexRelay.Gateway.Diagnostics;

namespace CodexRelay.Gateway.Admin;

/// <summary>
/// Publishes this gateway's snapshot to the cluster's board every <c>CodexRelay:Dashboard:PublishInterval</c>, so
/// any gateway's dashboard shows the whole cluster. A failed publish (the board's silo moving, the cluster not up
/// yet) is logged once per outage and tried again at the next tick; it never touches a request.
/// </summary>
internal sealed class GatewayBoardPublisher(GatewayBoard board, IConfiguration configuration, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<GatewayBoardPublisher> logger) : BackgroundService
{
    public const string IntervalKey = "CodexRelay:Dashboard:PublishInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue(IntervalKey, TimeSpan.FromSeconds(5));
        using var timer = new PeriodicTimer(interval, time);
        var failing = false;
        try
        {
            // Not before the host (and its co-hosted silo) has started: a publish during start-up only fails.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            do
            {
                try
                {
                    await board.Grain.PublishAsync(board.Snapshot(time.GetUtcNow())).WaitAsync(interval * 2, stoppingToken);
                    if (failing)
                    {
                        Log.BoardPublishRecovered(logger);
                    }

                    failing = false;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        Log.BoardPublishFailed(logger, exception);
                    }

                    failing = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
