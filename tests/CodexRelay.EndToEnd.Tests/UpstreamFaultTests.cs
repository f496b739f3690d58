using System.Net;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>Each upstream failure reaches Codex in the shape that makes it retry what is retryable (CODEX-WIRE.md §7).</summary>
public sealed class UpstreamFaultTests
{
    [Fact]
    public async Task RateLimit_Is429_AndKeepsRetryAfter()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(new ScriptedReply([], 429, """{"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}""") { RetryAfter = "7" });

        using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_exceeded", (await ErrorAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ContextOverflow_IsContextLengthExceeded()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Error(400, """{"error":{"message":"This model's maximum context length is 65536 tokens. However, you requested 90000 tokens.","type":"invalid_request_error"}}"""));

        using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hi"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", (await ErrorAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Overloaded503_IsRetriedOnceBeforeTheFirstByte()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Error(503, """{"error":{"message":"busy"}}"""), ScriptedReply.Stream(Chunks.Answer("Second try worked.")));

        using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("response.completed", RelayHttp.Type((await RelayHttp.EventsAsync(response))[^1]));
        Assert.Equal(2, harness.Upstream.Requests.Count);
    }

    [Fact]
    public async Task Overloaded503_WithARetryAfterDateInThePast_IsRetriedAtOnce()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(
            new ScriptedReply([], 503, """{"error":{"message":"busy"}}""") { RetryAfter = "Wed, 21 Oct 2015 07:28:00 GMT" },
            ScriptedReply.Stream(Chunks.Answer("Second try worked.")));

        using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("response.completed", RelayHttp.Type((await RelayHttp.EventsAsync(response))[^1]));
        Assert.Equal(2, harness.Upstream.Requests.Count);
    }

    [Fact]
    public async Task AChunkWithAFieldOfTheWrongType_EndsInResponseFailed_AndTheRelayServesOn()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(Chunks.Text("Half"), """{"choices":[{"delta":{"tool_calls":[{"index":"first"}]}}]}""", Chunks.Finish("stop")),
            ScriptedReply.Stream(Chunks.Answer("Still here.")));

        using var broken = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hi"));
        var events = await RelayHttp.EventsAsync(broken);
        using var next = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("again"));

        Assert.Equal("response.failed", RelayHttp.Type(events[^1]));
        Assert.Equal("malformed_chunk", events[^1]["response"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("response.completed", RelayHttp.Type((await RelayHttp.EventsAsync(next))[^1]));
    }

    [Fact]
    public async Task StreamCutBeforeFinish_EndsInResponseFailed()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(new ScriptedReply([Chunks.Text("Half an ans")]) { SendDone = false });

        using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hi"));
        var events = await RelayHttp.EventsAsync(response);

        Assert.Equal("response.failed", RelayHttp.Type(events[^1]));
        Assert.DoesNotContain(events, e => RelayHttp.Type(e) == "response.completed");
    }

    [Fact]
    public async Task SilentUpstream_HitsTheIdleTimeout_AndFails()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:Upstream:IdleTimeout=00:00:01");
        harness.Upstream.Enqueue(new ScriptedReply([Chunks.Text("a"), Chunks.Text("b"), Chunks.Finish("stop")]) { DelayBetweenChunks = TimeSpan.FromSeconds(3) });

        using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("hi"));
        var events = await RelayHttp.EventsAsync(response);

        Assert.Equal("response.failed", RelayHttp.Type(events[^1]));
        Assert.Equal("upstream_idle_timeout", events[^1]["response"]!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnreachableUpstream_Is502()
    {
        await using var relay = await Gateway.Embedding.CodexRelayServer.StartAsync(new Gateway.Embedding.RelayStartOptions { Upstream = "http://127.0.0.1:9/v1" });

        using var response = await RelayHttp.PostAsync(new Uri(relay.BaseAddress, "v1/"), RelayHttp.Body("hi"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_unreachable", (await ErrorAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientDisconnect_CancelsTheUpstreamPromptly_AndStoresNothing()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(new ScriptedReply([.. Enumerable.Range(0, 100).Select(i => Chunks.Text($"part {i} ")), Chunks.Finish("stop")]) { DelayBetweenChunks = TimeSpan.FromMilliseconds(100) });
        using var cancel = new CancellationTokenSource();
        var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("long story", store: true), completion: HttpCompletionOption.ResponseHeadersRead, cancellationToken: cancel.Token);
        var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
        var firstLine = await new StreamReader(stream).ReadLineAsync(cancel.Token);
        Assert.Equal("event: response.created", firstLine);

        response.Dispose();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (harness.Upstream.Cancellations == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, harness.Upstream.Cancellations);
    }

    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
}
