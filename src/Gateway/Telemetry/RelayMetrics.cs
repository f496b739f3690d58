using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CodexRelay.Gateway.Telemetry;

/// <summary>
/// The relay's instruments (<c>codexrelay.*</c>; Prometheus shows <c>codexrelay_…</c>). Each hook is one call a layer
/// makes where it knows the fact; tags go in a stack-held <see cref="TagList"/>, so recording allocates nothing.
/// Model and tenant labels are folded past <see cref="LabelFolder.DefaultLimit"/> distinct values. docs/operations.md
/// says what each one means.
/// </summary>
internal static class RelayMetrics
{
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private static readonly Counter<long> Requests = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.requests", "{request}", "Requests by route, requested model, provider, status and tenant.");

    private static readonly Histogram<double> Duration = Seconds("codexrelay.request.duration", "Whole request, to its last byte.");

    private static readonly Histogram<double> FirstByte = Seconds("codexrelay.request.time_to_first_byte", "From the request's arrival to the first upstream content sent to the client.");

    private static readonly Histogram<double> FirstToken = Seconds("codexrelay.upstream.time_to_first_token", "From the upstream request to its first chunk.");

    private static readonly Counter<long> Tokens = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.tokens", "{token}", "Tokens by type (input, output, cached, reasoning), tenant and model.");

    private static readonly Counter<long> Errors = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.errors", "{error}", "Failed requests by error code and provider.");

    private static readonly UpDownCounter<long> ActiveStreams = RelayTelemetry.Meter.CreateUpDownCounter<long>(
        "codexrelay.active_streams", "{stream}", "Responses being streamed now.");

    private static readonly UpDownCounter<long> ActiveSockets = RelayTelemetry.Meter.CreateUpDownCounter<long>(
        "codexrelay.active_sockets", "{socket}", "WebSockets open now.");

    private static readonly Counter<long> Fallbacks = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.fallbacks", "{fallback}", "Requests moved from one provider to another.");

    private static readonly Counter<long> Quirks = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.quirks", "{quirk}", "Provider quirks fired, by quirk and model.");

    private static readonly Histogram<double> HistoryDuration = Seconds("codexrelay.history.duration", "One history grain call, by operation and outcome.");

    private static readonly Counter<long> HistoryRetries = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.history.retries", "{retry}", "History calls retried after a transient failure.");

    private static readonly Counter<long> StoreErrors = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.store.errors", "{error}", "History or usage writes that failed, by operation.");

    private static readonly Counter<long> TurnCacheEvictions = RelayTelemetry.Meter.CreateCounter<long>(
        "codexrelay.turn_cache.evictions", "{turn}", "Turns dropped from a socket's chain.");

    private static readonly UpDownCounter<long> TurnCacheSize = RelayTelemetry.Meter.CreateUpDownCounter<long>(
        "codexrelay.turn_cache.size", "{turn}", "Turns held in sockets' chains now.");

    private static readonly ConcurrentDictionary<string, Func<int>> BreakerStates = new(StringComparer.Ordinal);

    static RelayMetrics()
    {
        RelayTelemetry.Meter.CreateObservableGauge(
            "codexrelay.breaker.state",
            () => BreakerStates.Select(pair => new Measurement<int>(pair.Value(), new KeyValuePair<string, object?>("provider", pair.Key))),
            "{state}",
            "Circuit breaker per provider: 0 closed, 1 half-open, 2 open.");
    }

    public static LabelFolder Models { get; } = new();

    public static LabelFolder Tenants { get; } = new();

    /// <summary>The end of a request: its count, duration, first byte, tokens and error.</summary>
    public static void Record(RequestMeasure measure)
    {
        GatewayStats.Record(measure);
        var model = Models.Fold(measure.Model);
        var tenant = Tenants.Fold(measure.Tenant);
        var status = StatusLabel(measure.Status);
        var tags = new TagList
        {
            { "route", measure.Route },
            { "model", model },
            { "provider", measure.Provider },
            { "status", status },
            { "tenant", tenant },
        };
        Requests.Add(1, tags);
        var timing = new TagList { { "route", measure.Route }, { "model", model }, { "provider", measure.Provider }, { "status", status } };
        Duration.Record(measure.Elapsed.TotalSeconds, timing);
        if (measure.TimeToFirstByte is { } firstByte)
        {
            FirstByte.Record(firstByte.TotalSeconds, new TagList { { "route", measure.Route }, { "model", model }, { "provider", measure.Provider } });
        }

        if (measure.UpstreamTimeToFirstToken is { } firstToken)
        {
            FirstToken.Record(firstToken.TotalSeconds, new TagList { { "model", model }, { "provider", measure.Provider } });
        }

        AddTokens("input", measure.InputTokens, tenant, model);
        AddTokens("output", measure.OutputTokens, tenant, model);
        AddTokens("cached", measure.CachedTokens, tenant, model);
        AddTokens("reasoning", measure.ReasoningTokens, tenant, model);
        if (measure.ErrorCode is { } code)
        {
            Errors.Add(1, new TagList { { "code", code }, { "provider", measure.Provider } });
        }
    }

    public static void StreamStarted()
    {
        ActiveStreams.Add(1);
        GatewayStats.StreamDelta(1);
    }

    public static void StreamEnded()
    {
        ActiveStreams.Add(-1);
        GatewayStats.StreamDelta(-1);
    }

    public static void SocketOpened() => ActiveSockets.Add(1);

    public static void SocketClosed() => ActiveSockets.Add(-1);

    public static void Fallback(string from, string to) => Fallbacks.Add(1, new TagList { { "from", from }, { "to", to } });

    /// <summary>A provider's circuit breaker, read at each collection: 0 closed, 1 half-open (cool-down over, next request is the trial), 2 open.</summary>
    public static void ObserveBreaker(string provider, Func<int> state) => BreakerStates[provider] = state;

    public static void Quirk(string quirk, string? model) => Quirks.Add(1, new TagList { { "quirk", quirk }, { "model", Models.Fold(model) } });

    public static void HistoryCall(string operation, bool succeeded, TimeSpan elapsed) =>
        HistoryDuration.Record(elapsed.TotalSeconds, new TagList { { "operation", operation }, { "outcome", succeeded ? "ok" : "error" } });

    public static void HistoryRetry(string operation) => HistoryRetries.Add(1, new TagList { { "operation", operation } });

    public static void StoreError(string operation) => StoreErrors.Add(1, new TagList { { "operation", operation } });

    public static void TurnCached(int added, int evicted)
    {
        TurnCacheSize.Add(added - evicted);
        if (evicted > 0)
        {
            TurnCacheEvictions.Add(evicted);
        }
    }

    public static void TurnsReleased(int count) => TurnCacheSize.Add(-count);

    private static void AddTokens(string type, long count, string tenant, string model)
    {
        if (count > 0)
        {
            Tokens.Add(count, new TagList { { "type", type }, { "tenant", tenant }, { "model", model } });
        }
    }

    private static Histogram<double> Seconds(string name, string description) =>
        RelayTelemetry.Meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    /// <summary>Status codes as cached strings: no per-request formatting.</summary>
    private static string StatusLabel(int status) => status is >= 100 and < 600 ? StatusText[status - 100] : "0";

    private static readonly string[] StatusText = [.. Enumerable.Range(100, 500).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
