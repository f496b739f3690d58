using System.Net;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Embedding;
using Microsoft.Extensions.DependencyInjection;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>
/// The serving-path warm-up, in a keys-mode relay process: the gateway warms itself (over HTTP and a WebSocket) before
/// it reports ready, and nothing of it shows outside — no request at the provider, no access line, no metric, no
/// usage — and its header admits nobody once the gateway is ready.
/// </summary>
public sealed class ServingWarmUpTests
{
    private const string AdminKey = "admin-key-for-the-warm-up-test-0123456789";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task AnEmbeddedRelay_IsReadyWhenItsStartReturns_WithOrWithoutAWarmUp(int rounds)
    {
        // Readiness follows the warm-up asynchronously; a start that returned before it let the first request meet 503 not_ready.
        await using var relay = await CodexRelayServer.StartAsync(new RelayStartOptions
        {
            Upstream = "http://127.0.0.1:9", AdditionalArguments = [$"--CodexRelay:WarmUp:ServingRounds={rounds}"],
        });

        Assert.True(relay.Services.GetRequiredService<ReadinessState>().IsReady);
    }

    [Fact]
    public async Task TheGateway_WarmsItselfBeforeReady_AndLeavesNoTrace()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        await using var relay = await RelayProcess.StartAsync(
            ["--upstream", upstream.BaseAddress.ToString().TrimEnd('/'), "--auth", "keys",
             "--CodexRelay:WarmUp:ServingRounds=2", "--CodexRelay:Metrics:Anonymous=true"],
            new Dictionary<string, string> { ["CODEX_RELAY_ADMIN_KEY"] = AdminKey });

        Assert.Contains("Warmed the serving path with", relay.Output, StringComparison.Ordinal);
        Assert.Contains("(82 of them WebSocket frames)", relay.Output, StringComparison.Ordinal); // two rounds of 41
        Assert.DoesNotContain("serving-path warm-up failed", relay.Output, StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);

        // A made-up pass from outside is no key: refused, and it never reaches the provider.
        var forged = new HttpRequestMessage(HttpMethod.Post, new Uri(relay.Api, "responses")) { Content = new StringContent(RelayHttp.Body("hi", stream: false), System.Text.Encoding.UTF8, "application/json") };
        forged.Headers.Add("x-codex-relay-warm-up", new string('0', 64));
        using var refused = await RelayHttp.Client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(upstream.Requests);

        var metrics = await RelayHttp.Client.GetStringAsync(new Uri(relay.BaseAddress, "metrics"));
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("warm-up", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("codex-relay", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("codexrelay_active_sockets", metrics, StringComparison.Ordinal); // its socket was never counted
        Assert.DoesNotContain("ws /v1/responses", metrics, StringComparison.Ordinal); // nor its frames

        // Metered as real requests are, but its charge only reads: no usage record for any tenant.
        foreach (var tenant in new[] { "default", "codex-relay" })
        {
            using var usage = new HttpRequestMessage(HttpMethod.Get, new Uri(relay.BaseAddress, $"admin/usage?tenant={tenant}"));
            usage.Headers.Authorization = new("Bearer", AdminKey);
            using var listed = await RelayHttp.Client.SendAsync(usage);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Empty(System.Text.Json.Nodes.JsonNode.Parse(await listed.Content.ReadAsStringAsync())!["data"]!.AsArray());
        }

        await Task.Delay(TimeSpan.FromMilliseconds(600)); // access lines are written in 200 ms batches
        var accessLines = relay.Output.Split('\n').Where(l => l.Contains("POST /v1/responses", StringComparison.Ordinal)).ToList();
        Assert.Single(accessLines); // the forged request's 401, and none of the warm-up's
        Assert.Contains(" 401 ", accessLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(relay.Output.Split('\n'), l => l.Contains("ws /v1/responses", StringComparison.Ordinal) || l.Contains("WebSocket opened", StringComparison.Ordinal));
    }
}
