namespace CodexRelay.Contracts.Observability;

/// <summary>
/// One gateway's counters since it started: requests, active streams, errors by code and, per provider, its recent
/// request durations and breaker state. Bounded by the gateway: at most 200 error codes, 1 024 durations per provider.
/// </summary>
[GenerateSerializer, Immutable, Alias("codexrelay.GatewaySnapshot")]
public sealed record GatewaySnapshot
{
    /// <summary>The gateway instance: host name and process id (a pod name on Kubernetes).</summary>
    [Id(0)] public required string Gateway { get; init; }

    [Id(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the board received it (the board's clock, so gateways' clocks need not agree).</summary>
    [Id(2)] public DateTimeOffset ReceivedAt { get; init; }

    [Id(3)] public long Requests { get; init; }

    [Id(4)] public long ActiveStreams { get; init; }

    [Id(5)] public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    [Id(6)] public IReadOnlyList<ProviderSnapshot> Providers { get; init; } = [];
}

/// <summary>One provider as one gateway sees it.</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.ProviderSnapshot")]
public sealed record ProviderSnapshot
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public long Requests { get; init; }

    [Id(2)] public long Errors { get; init; }

    /// <summary>The most recent request durations in milliseconds (at most 1 024), for p50/p99 over the cluster.</summary>
    [Id(3)] public IReadOnlyList<float> RecentMilliseconds { get; init; } = [];

    /// <summary><c>closed</c>, <c>half-open</c> or <c>open</c>.</summary>
    [Id(4)] public string Breaker { get; init; } = "closed";
}
