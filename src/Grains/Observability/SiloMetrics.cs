using System.Diagnostics;
using System.Diagnostics.Metrics;
using CodexRelay.Grains.History;

namespace CodexRelay.Grains.Observability;

/// <summary>
/// The silo's own instruments on the <c>CodexRelay</c> meter (its <c>/metrics</c> shows them as
/// <c>codexrelay_silo_…</c>): the history cache's size and evictions, and every grain-storage call's duration and
/// failures by store (<c>responses</c>, <c>tenancy</c>) and operation. Labels are fixed sets, never keys.
/// </summary>
public static class SiloMetrics
{
    public const string MeterName = "CodexRelay";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Lock CachesLock = new();

    private static readonly List<WeakReference<TurnCache>> Caches = [];

    private static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>(
        "codexrelay.silo.storage.duration", "s", "Grain storage calls (history and tenancy records) by store, operation and outcome.");

    private static readonly Counter<long> StorageErrors = Meter.CreateCounter<long>(
        "codexrelay.silo.storage.errors", "{error}", "Grain storage calls that failed (a version conflict is not an error), by store and operation.");

    static SiloMetrics()
    {
        Meter.CreateObservableGauge("codexrelay.silo.history_cache.bytes", () => Sum(c => c.Bytes), "By", "Bytes of turn records the silo's history cache holds (bounded by MaxSessionMemoryMb).");
        Meter.CreateObservableGauge("codexrelay.silo.history_cache.conversations", () => Sum(c => c.Conversations), "{conversation}", "Conversations in the silo's history cache (bounded by MaxSessions).");
        Meter.CreateObservableCounter("codexrelay.silo.history_cache.evictions", () => Sum(c => c.Evictions), "{conversation}", "Conversations evicted from the history cache to stay within its bounds.");
    }

    /// <summary>Reports a silo's history cache (one per silo; a process hosting several sums them).</summary>
    public static void Observe(TurnCache cache)
    {
        lock (CachesLock)
        {
            Caches.RemoveAll(reference => !reference.TryGetTarget(out _));
            Caches.Add(new WeakReference<TurnCache>(cache));
        }
    }

    public static void StorageCall(string store, string operation, long startedAt, bool failed)
    {
        var tags = new TagList { { "store", store }, { "operation", operation }, { "outcome", failed ? "error" : "ok" } };
        StorageDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tags);
        if (failed)
        {
            StorageErrors.Add(1, new TagList { { "store", store }, { "operation", operation } });
        }
    }

    private static long Sum(Func<TurnCache, long> read)
    {
        lock (CachesLock)
        {
            var total = 0L;
            foreach (var reference in Caches)
            {
                if (reference.TryGetTarget(out var cache))
                {
                    total += read(cache);
                }
            }

            return total;
        }
    }
}
