using System.Collections.Concurrent;

namespace CodexRelay.Gateway.Telemetry;

/// <summary>
/// What the dashboard shows of this gateway, kept beside the meter (a meter cannot be read back): totals, errors by
/// code, and per provider a ring of recent durations for p50/p99. Lock-free counters; one array write per request.
/// Only the API counts (routes under <c>/v1/</c>, HTTP or socket frames): the dashboard polling <c>/admin</c>, probes and
/// scanners hitting unknown paths are not the endpoint's traffic (<c>/metrics</c> has them all). Error codes past
/// <see cref="MaxErrorCodes"/> (an upstream names its own) count under <c>other</c>.
/// </summary>
internal static class GatewayStats
{
    private const int Window = 1024;

    public const int MaxErrorCodes = 200;

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
        if (!measure.Route.Contains("/v1/", StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref _requests);
        if (measure.ErrorCode is { } code)
        {
            var label = ErrorCounts.ContainsKey(code) || ErrorCounts.Count < MaxErrorCodes ? code : LabelFolder.Other;
            ErrorCounts.AddOrUpdate(label, 1, (_, n) => n + 1);
        }

        if (measure.Model is not null)
        {
            Providers.GetOrAdd(measure.Provider, _ => new ProviderWindow()).Add(measure.Elapsed.TotalMilliseconds, measure.ErrorCode is not null);
        }
    }

    public static void StreamDelta(int delta) => Interlocked.Add(ref _activeStreams, delta);

    /// <summary>Per provider that served a request: its totals and its most recent durations (oldest first).</summary>
    public static IEnumerable<(string Provider, long Requests, long Errors, float[] RecentMilliseconds)> ProviderWindows() =>
        Providers.Select(p => p.Value.Read(p.Key));

    private sealed class ProviderWindow
    {
        private readonly float[] _durations = new float[Window];
        private long _count;
        private long _errors;

        public void Add(double milliseconds, bool failed)
        {
            var slot = Interlocked.Increment(ref _count) - 1;
            _durations[slot % Window] = (float)milliseconds;
            if (failed)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public (string, long, long, float[]) Read(string provider)
        {
            var count = Interlocked.Read(ref _count);
            return (provider, count, Interlocked.Read(ref _errors), _durations.AsSpan(0, (int)Math.Min(count, Window)).ToArray());
        }
    }
}
