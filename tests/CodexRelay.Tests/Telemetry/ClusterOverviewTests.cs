using System.Text.Json.Nodes;
using CodexRelay.Contracts.Observability;
using CodexRelay.Gateway.Admin;

namespace CodexRelay.Tests.Telemetry;

/// <summary>The dashboard's cluster view is the sum of every gateway's snapshot, not the view of the gateway that serves it.</summary>
public sealed class ClusterOverviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public void TwoGateways_AddUp_AndQuantilesSpanBoth_AndTheWorstBreakerShows()
    {
        var a = Gateway("a", Now.AddSeconds(-2), requests: 10, streams: 1, errors: new() { ["rate_limit_exceeded"] = 2 },
            new ProviderSnapshot { Name = "deepseek", Requests = 6, Errors = 1, RecentMilliseconds = [.. Enumerable.Repeat(10f, 50)] },
            new ProviderSnapshot { Name = "kimi", Requests = 4, Breaker = "open" });
        var b = Gateway("b", Now.AddSeconds(-60), requests: 30, streams: 2, errors: new() { ["rate_limit_exceeded"] = 1, ["invalid_api_key"] = 5 },
            new ProviderSnapshot { Name = "deepseek", Requests = 24, Errors = 2, RecentMilliseconds = [.. Enumerable.Repeat(1000f, 50)] },
            new ProviderSnapshot { Name = "kimi", Requests = 0 });

        var view = ClusterOverview.Merge([a, b], Now, Interval);

        Assert.Equal(40, view["cluster"]!["requests"]!.GetValue<long>());
        Assert.Equal(3, view["cluster"]!["active_streams"]!.GetValue<long>());
        Assert.Equal(1, view["cluster"]!["gateways_up"]!.GetValue<int>());
        var gateways = view["gateways"]!.AsArray();
        Assert.Equal(["up", "silent"], gateways.Select(g => g!["status"]!.GetValue<string>()));
        Assert.Equal(60, gateways[1]!["last_seen_seconds"]!.GetValue<long>());

        var deepseek = Provider(view, "deepseek");
        Assert.Equal(30, deepseek["requests"]!.GetValue<long>());
        Assert.Equal(0.1, deepseek["error_rate"]!.GetValue<double>(), 3);
        Assert.Equal(10, deepseek["p50_ms"]!.GetValue<double>());
        Assert.Equal(1000, deepseek["p99_ms"]!.GetValue<double>());
        Assert.Equal("closed", deepseek["breaker"]!.GetValue<string>());
        var kimi = Provider(view, "kimi");
        Assert.Equal("open", kimi["breaker"]!.GetValue<string>());
        Assert.Equal(1, kimi["breaker_open_on"]!.GetValue<int>());
        Assert.Equal(2, kimi["gateways"]!.GetValue<int>());

        var errors = view["errors"]!.AsArray();
        Assert.Equal("invalid_api_key", errors[0]!["code"]!.GetValue<string>());
        Assert.Equal(5, errors[0]!["count"]!.GetValue<long>());
        Assert.Equal(3, errors[1]!["count"]!.GetValue<long>());
    }

    [Fact]
    public void NoGateway_IsAnEmptyView()
    {
        var view = ClusterOverview.Merge([], Now, Interval);

        Assert.Equal(0, view["cluster"]!["requests"]!.GetValue<long>());
        Assert.Empty(view["providers"]!.AsArray());
        Assert.Empty(view["errors"]!.AsArray());
    }

    private static JsonNode Provider(JsonObject view, string name) =>
        view["providers"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;

    private static GatewaySnapshot Gateway(string name, DateTimeOffset received, long requests, long streams, Dictionary<string, long> errors, params ProviderSnapshot[] providers) =>
        new() { Gateway = name, ReceivedAt = received, StartedAt = received.AddHours(-1), Requests = requests, ActiveStreams = streams, Errors = errors, Providers = providers };
}
