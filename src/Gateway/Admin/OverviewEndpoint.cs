using System.Text.Json.Nodes;
using CodexRelay.Contracts.Observability;
using Orleans.Runtime;

namespace CodexRelay.Gateway.Admin;

/// <summary>
/// <c>GET /admin/overview</c>: the dashboard's live part, cluster-wide — the silos (status, activations) from Orleans'
/// management grain, and every gateway's requests, streams, providers and errors from the board the gateways publish
/// to (this gateway's own entry read fresh). If the board cannot be read, this gateway alone is shown and
/// <c>board</c> says so.
/// </summary>
internal static class OverviewEndpoint
{
    public static async Task<IResult> GetAsync(IGrainFactory grains, GatewayBoard board, IConfiguration configuration, TimeProvider time, HttpContext context)
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

        var now = time.GetUtcNow();
        var self = board.Snapshot(now);
        var boardState = "ok";
        IReadOnlyList<GatewaySnapshot> published = [];
        try
        {
            published = await board.Grain.ListAsync().WaitAsync(TimeSpan.FromSeconds(5), context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            boardState = "unavailable";
        }

        var gateways = published.Where(g => g.Gateway != self.Gateway).Append(self).OrderBy(g => g.Gateway, StringComparer.Ordinal).ToList();
        var body = ClusterOverview.Merge(gateways, now, configuration.GetValue(GatewayBoardPublisher.IntervalKey, TimeSpan.FromSeconds(5)));
        body.Insert(0, "object", "relay.overview");
        body["board"] = boardState;
        body["gateway"] = new JsonObject
        {
            ["name"] = self.Gateway,
            ["requests"] = self.Requests,
            ["active_streams"] = self.ActiveStreams,
            ["started_at"] = self.StartedAt.ToUnixTimeSeconds(),
        };
        body["silos"] = silos;
        return Results.Text(body.ToJsonString(), "application/json");
    }
}
