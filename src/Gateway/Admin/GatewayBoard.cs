using CodexRelay.Contracts.Observability;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Admin;

/// <summary>This gateway's entry on the cluster's board: its name, and a snapshot of its counters and providers.</summary>
internal sealed class GatewayBoard(ProviderRouter router, IGrainFactory grains)
{
    /// <summary>Host name and process id: a pod name on Kubernetes, and two gateways on one machine stay apart.</summary>
    public static string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    public IGatewayBoardGrain Grain => grains.GetGrain<IGatewayBoardGrain>(0);

    /// <summary>Every configured provider appears (with its breaker) even before it served a request.</summary>
    public GatewaySnapshot Snapshot(DateTimeOffset now)
    {
        var served = GatewayStats.ProviderWindows().ToDictionary(p => p.Provider, StringComparer.Ordinal);
        var providers = router.Providers.Select(p => p.Name).Concat(served.Keys).Distinct(StringComparer.Ordinal).Select(name =>
        {
            var breaker = router.Providers.FirstOrDefault(p => p.Name == name)?.Breaker.State ?? "closed";
            return served.TryGetValue(name, out var window)
                ? new ProviderSnapshot { Name = name, Requests = window.Requests, Errors = window.Errors, RecentMilliseconds = window.RecentMilliseconds, Breaker = breaker }
                : new ProviderSnapshot { Name = name, Breaker = breaker };
        });
        return new GatewaySnapshot
        {
            Gateway = Name,
            StartedAt = GatewayStats.Started,
            ReceivedAt = now,
            Requests = GatewayStats.Requests,
            ActiveStreams = GatewayStats.ActiveStreams,
            Errors = new Dictionary<string, long>(GatewayStats.Errors, StringComparer.Ordinal),
            Providers = [.. providers],
        };
    }
}
