using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Storage;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests.Telemetry;

/// <summary>
/// A stand-alone silo's <c>/metrics</c> on its HTTP port: after stored turns through a gateway it shows the history
/// cache and the Redis storage calls with their store and operation, and Orleans' own meters; with a metrics key set
/// it answers only to that key.
/// </summary>
public sealed class SiloMetricsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string MetricsKey = "silo-prometheus-secret";

    [Fact]
    public async Task SiloMetrics_ShowTheHistoryCacheAndStorageCalls_BehindTheMetricsKey()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["CODEX_RELAY_CLUSTERING"] = "redis",
            ["CODEX_RELAY_REDIS"] = redis.ConnectionString,
            ["CODEX_RELAY_HISTORY_STORE"] = "redis",
            ["CODEX_RELAY_CLUSTER_ID"] = "silo-metrics-" + Guid.NewGuid().ToString("N")[..8],
        };
        var httpPort = FreePorts.Next();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>(environment) { ["CODEX_RELAY_METRICS_KEY"] = MetricsKey }, FreePorts.Next(), FreePorts.Next(), httpPort);
        await using var gateway = await RelayProcess.StartAsync(["--upstream", upstream.BaseAddress.ToString().TrimEnd('/')], environment);
        string? previous = null;
        for (var turn = 0; turn < 2; turn++)
        {
            upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer($"answer {turn}")));
            var body = new JsonObject { ["model"] = "scripted-model", ["input"] = $"question {turn}", ["stream"] = false, ["previous_response_id"] = previous };
            using var response = await RelayHttp.Client.PostAsync(new Uri(gateway.Api, "responses"), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
            previous = answer["id"]!.GetValue<string>();
        }

        var metrics = new Uri($"http://127.0.0.1:{httpPort}/metrics");
        using (var anonymous = await RelayHttp.Client.GetAsync(metrics))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("invalid_api_key", JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        }

        // The exporter caches a scrape for a moment: read until the writes show.
        var text = "";
        for (var attempt = 0; attempt < 40 && MetricsText.Value(text, "codexrelay_silo_storage_duration_seconds_count", ("store", "responses"), ("operation", "write")) < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, metrics);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsKey);
            using var scraped = await RelayHttp.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
            text = await scraped.Content.ReadAsStringAsync();
            await Task.Delay(250);
        }

        Assert.True(MetricsText.Value(text, "codexrelay_silo_storage_duration_seconds_count", ("store", "responses"), ("operation", "write"), ("outcome", "ok")) >= 2, text);
        Assert.True(MetricsText.Value(text, "codexrelay_silo_history_cache_bytes") > 0, text);
        Assert.True(MetricsText.Value(text, "codexrelay_silo_history_cache_conversations") >= 1, text);
        Assert.Equal(0, MetricsText.Value(text, "codexrelay_silo_storage_errors_total"));
        Assert.Contains("orleans_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("question", text, StringComparison.Ordinal);
    }
}
