using System.Collections.Concurrent;

namespace CodexRelay.Gateway.Telemetry;

/// <summary>
/// What the dashboard shows of this gateway, kept beside the meter (a meter cannot be read back): totals, errors by
/// code, and per provider a ring of recent durations for p50/p99. Lock-free counters; one array write per request.
/// </summary>
internal static class GatewayStats
{
    private const int Window = 1024;

    private static readonly ConcurrentDictionary<string, long> ErrorCounts = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, ProviderWindow> Providers = new(StringComparer.Ordinal);

    private static long _requests;

    private static long _activeStreams;

    public static DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public static long Requests => Interlocked.Read(ref _requests);

    public static long ActiveStreams => Interlocked.Read(ref _activeStreams);

    public static IReadOnlyDictionary<string, long> Errors => ErrorCounts;

    public static void Record(RequestMeasure measure)
    {
        Interlocked.Increment(ref _requests);
        if (measure.ErrorCode is { } code)
        {
            ErrorCounts.AddOrUpdate(code, 1, (_, n) => n + 1);
        }

        if (measure.Model is not null)
        {
            Providers.GetOrAdd(measure.Provider, _ => new ProviderWindow()).Add(measure.Elapsed.TotalMilliseconds, measure.ErrorCode is not null);
        }
    }

    public static void StreamDelta(int delta) => Interlocked.Add(ref _activeStreams, delta);

    public static IEnumerable<(string Provider, long Requests, long Errors, double P50, double P99)> ProviderSummaries() =>
        Providers.Select(p => p.Value.Summary(p.Key));

    private sealed class ProviderWindow
    {
        private readonly double[] _durations = new double[Window];
        private long _count;
        private long _errors;

        public void Add(double milliseconds, bool failed)
        {
            var slot = Interlocked.Increment(ref _count) - 1;
            _durations[slot % Window] = milliseconds;
            if (failed)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public (string, long, long, double, double) Summary(string provider)
        {
            var count = Interlocked.Read(ref _count);
            var recent = _durations.Take((int)Math.Min(count, Window)).Order().ToArray();
            return (provider, count, Interlocked.Read(ref _errors), Quantile(recent, 0.5), Quantile(recent, 0.99));
        }

        private static double Quantile(double[] sorted, double q) =>
            sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
