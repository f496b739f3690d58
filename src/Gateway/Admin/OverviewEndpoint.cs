using System.Text.Json.Nodes;
using CodexRelay.Gateway.Telemetry;
using Orleans.Runtime;

namespace CodexRelay.Gateway.Admin;

/// <summary>
/// <c>GET /admin/overview</c>: the dashboard's live part — the cluster's silos (status, activations) from Orleans'
/// management grain, and this gateway's requests, streams, providers (p50/p99, error rate) and errors by code.
/// </summary>
internal static class OverviewEndpoint
{
    public static async Task<IResult> GetAsync(IGrainFactory grains, HttpContext context)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false).WaitAsync(context.RequestAborted);
        var activations = (await management.GetSimpleGrainStatistics().WaitAsync(context.RequestAborted))
            .GroupBy(s => s.SiloAddress.ToString()).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        var silos = new JsonArray([.. hosts.Select(h => (JsonNode)new JsonObject
        {
            ["address"] = h.SiloAddress.ToString(),
            ["name"] = h.SiloName,
            ["status"] = h.Status.ToString(),
            ["activations"] = activations.GetValueOrDefault(h.SiloAddress.ToString()),
        })]);
        var providers = new JsonArray([.. GatewayStats.ProviderSummaries().Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Provider,
            ["requests"] = p.Requests,
            ["error_rate"] = p.Requests == 0 ? 0 : (double)p.Errors / p.Requests,
            ["p50_ms"] = Math.Round(p.P50, 1),
            ["p99_ms"] = Math.Round(p.P99, 1),
            ["breaker"] = "closed",
        })]);
        var errors = new JsonArray([.. GatewayStats.Errors.OrderByDescending(e => e.Value).Select(e => (JsonNode)new JsonObject { ["code"] = e.Key, ["count"] = e.Value })]);
        var body = new JsonObject
        {
            ["object"] = "relay.overview",
            ["gateway"] = new JsonObject
            {
                ["name"] = Environment.MachineName,
                ["requests"] = GatewayStats.Requests,
                ["active_streams"] = GatewayStats.ActiveStreams,
                ["started_at"] = GatewayStats.Started.ToUnixTimeSeconds(),
            },
            ["silos"] = silos,
            ["providers"] = providers,
            ["errors"] = errors,
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }
}
