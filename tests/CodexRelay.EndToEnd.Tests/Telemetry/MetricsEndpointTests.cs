using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests.Telemetry;

/// <summary><c>/metrics</c> after known requests: the relay's series with the right labels, and who may read it.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterKnownRequests_CountThemWithRouteModelProviderStatusTenantAndTokens()
    {
        // A model name no other test uses: tests share the process, and so the relay's static instruments.
        const string Model = "metrics-probe-model";
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(Chunks.Answer("one")),
            ScriptedReply.Stream(Chunks.Answer("two")),
            new ScriptedReply([], 429, """{"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}"""));
        for (var i = 0; i < 3; i++)
        {
            using var response = await RelayHttp.PostAsync(harness.Api, Body(Model, stream: i != 1));
            await response.Content.ReadAsStringAsync();
        }

        var text = await WaitForAsync(harness, t => MetricsText.Value(t, "codexrelay_requests_total", ("model", Model)) >= 3);

        Assert.Equal(2, MetricsText.Value(text, "codexrelay_requests_total",
            ("route", "/v1/responses"), ("model", Model), ("provider", "default"), ("status", "200"), ("tenant", "default")));
        Assert.Equal(1, MetricsText.Value(text, "codexrelay_requests_total", ("model", Model), ("status", "429")));
        Assert.Equal(240, MetricsText.Value(text, "codexrelay_tokens_total", ("type", "input"), ("model", Model), ("tenant", "default")));
        Assert.Equal(24, MetricsText.Value(text, "codexrelay_tokens_total", ("type", "output"), ("model", Model)));
        Assert.True(MetricsText.Value(text, "codexrelay_errors_total", ("code", "rate_limit_exceeded"), ("provider", "default")) >= 1);
        Assert.Equal(3, MetricsText.Value(text, "codexrelay_request_duration_seconds_count", ("model", Model)));
        Assert.Equal(2, MetricsText.Value(text, "codexrelay_upstream_time_to_first_token_seconds_count", ("model", Model)));
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.DoesNotContain("one", Lines(text, Model), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_InKeysMode_NeedsTheMetricsOrAdminKey()
    {
        await using var harness = await RelayHarness.StartAsync(
            "--auth", "keys", "--CodexRelay:Auth:AdminKeys=admin-secret-1", "--CodexRelay:Metrics:Keys=prometheus-secret-1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(harness, null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(harness, "wrong")).Status);
        var refused = await ScrapeAsync(harness, null);
        Assert.Equal("invalid_api_key", JsonNode.Parse(refused.Body)!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(harness, "prometheus-secret-1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(harness, "admin-secret-1")).Status);
    }

    [Fact]
    public async Task Metrics_InKeysMode_WithAnonymousSet_IsOpen()
    {
        await using var harness = await RelayHarness.StartAsync("--auth", "keys", "--CodexRelay:Metrics:Anonymous=true");

        var scrape = await ScrapeAsync(harness, null);

        Assert.Equal(HttpStatusCode.OK, scrape.Status);
        Assert.Contains("# TYPE", scrape.Body, StringComparison.Ordinal);
    }

    private static string Body(string model, bool stream) =>
        new JsonObject { ["model"] = model, ["input"] = "count", ["stream"] = stream, ["store"] = false }.ToJsonString();

    private static string Lines(string text, string model) =>
        string.Join('\n', text.Split('\n').Where(l => l.Contains(model, StringComparison.Ordinal)));

    private static async Task<(HttpStatusCode Status, string Body)> ScrapeAsync(RelayHarness harness, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.Relay.BaseAddress, "metrics"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await RelayHttp.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A request's metrics are recorded just after its last byte; scrape until they are there (bounded).</summary>
    private static async Task<string> WaitForAsync(RelayHarness harness, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var (status, body) = await ScrapeAsync(harness, null);
            Assert.Equal(HttpStatusCode.OK, status);
            if (done(body) || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(200);
        }
    }
}
