using System.Text.Json.Nodes;
using CodexRelay.Contracts.Observability;

namespace CodexRelay.Gateway.Admin;

/// <summary>
/// The board's snapshots summed into the cluster's view: requests, streams and errors over every gateway; per provider
/// the requests, the error rate, p50/p99 over all gateways' recent durations and the worst breaker state. Pure.
/// </summary>
internal static class ClusterOverview
{
    /// <summary>A gateway not heard from for this many publish intervals is shown as <c>silent</c>.</summary>
    public const int SilentAfterIntervals = 3;

    public static JsonObject Merge(IReadOnlyList<GatewaySnapshot> gateways, DateTimeOffset now, TimeSpan publishInterval)
    {
        var errors = gateways.SelectMany(g => g.Errors).GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (Code: e.Key, Count: e.Sum(x => x.Value))).OrderByDescending(e => e.Count).ThenBy(e => e.Code, StringComparer.Ordinal);
        var providers = gateways.SelectMany(g => g.Providers).GroupBy(p => p.Name, StringComparer.Ordinal).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (JsonNode)Provider(p.Key, [.. p]));
        return new JsonObject
        {
            ["cluster"] = new JsonObject
            {
                ["requests"] = gateways.Sum(g => g.Requests),
                ["active_streams"] = gateways.Sum(g => g.ActiveStreams),
                ["gateways_up"] = gateways.Count(g => IsUp(g, now, publishInterval)),
            },
            ["gateways"] = new JsonArray([.. gateways.Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g.Gateway,
                ["status"] = IsUp(g, now, publishInterval) ? "up" : "silent",
                ["requests"] = g.Requests,
                ["active_streams"] = g.ActiveStreams,
                ["started_at"] = g.StartedAt.ToUnixTimeSeconds(),
                ["last_seen_seconds"] = Math.Max(0, (long)(now - g.ReceivedAt).TotalSeconds),
            })]),
            ["providers"] = new JsonArray([.. providers]),
            ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["count"] = e.Count })]),
        };
    }

    private static bool IsUp(GatewaySnapshot gateway, DateTimeOffset now, TimeSpan publishInterval) =>
        now - gateway.ReceivedAt <= publishInterval * SilentAfterIntervals;

    private static JsonObject Provider(string name, IReadOnlyList<ProviderSnapshot> views)
    {
        var requests = views.Sum(v => v.Requests);
        var recent = views.SelectMany(v => v.RecentMilliseconds).Order().ToArray();
        var open = views.Count(v => v.Breaker == "open");
        var halfOpen = views.Count(v => v.Breaker == "half-open");
        return new JsonObject
        {
            ["name"] = name,
            ["requests"] = requests,
            ["error_rate"] = requests == 0 ? 0 : (double)views.Sum(v => v.Errors) / requests,
            ["p50_ms"] = Math.Round(Quantile(recent, 0.5), 1),
            ["p99_ms"] = Math.Round(Quantile(recent, 0.99), 1),
            ["breaker"] = open > 0 ? "open" : halfOpen > 0 ? "half-open" : "closed",
            ["breaker_open_on"] = open + halfOpen,
            ["gateways"] = views.Count,
        };
    }

    private static double Quantile(float[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
}
