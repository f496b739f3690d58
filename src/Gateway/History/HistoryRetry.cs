using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.History;

/// <summary>
/// Rides out a cluster membership change: when a silo dies, calls to grains it hosted fail until the
/// cluster declares it dead (seconds). Transport failures are retried with backoff within a bound; the
/// client's cancellation stops the waiting at once, retries and backoff included.
/// </summary>
internal static class HistoryRetry
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)];

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken, string operation = "call")
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call().WaitAsync(cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception) && attempt < Delays.Length && !cancellationToken.IsCancellationRequested)
            {
                RelayMetrics.HistoryRetry(operation);
                await Task.Delay(Delays[attempt], cancellationToken);
            }
        }
    }

    public static bool IsTransient(Exception exception) =>
        exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
        || (exception is OrleansException && exception.InnerException is not null && IsTransient(exception.InnerException));
}
