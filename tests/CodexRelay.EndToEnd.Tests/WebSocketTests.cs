using System.Net;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>The Responses WebSocket driven as Codex drives it: warmup, chained turns on one socket, recovery.</summary>
public sealed class WebSocketTests
{
    [Fact]
    public async Task TwoUserTurnsOnOneSocket_SendOnlyNewItems_UpstreamGetsTheWholeConversation()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("First answer.")), ScriptedReply.Stream(Chunks.Answer("Second answer.")));
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        var warmup = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "You are terse.")), generate: false));
        var warmupId = Id(warmup[^1]);
        var first = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("user", "Question one")), warmupId));
        var second = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("user", "Question two")), Id(first[^1])));

        Assert.Equal("response.completed", Type(warmup[^1]));
        Assert.Empty(warmup[^1]["response"]!["output"]!.AsArray());
        Assert.Equal("response.completed", Type(second[^1]));
        Assert.Single(harness.Upstream.Requests.Skip(1));
        var messages = harness.Upstream.Requests[1]["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("You are terse.", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal("First answer.", messages[2]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task FramesOverTheSocketsRate_GetA429ErrorFrame_AndTheSocketStaysOpen()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:WebSockets:MaxFramesPerMinute=2");
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        var first = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "rules")), generate: false));
        var second = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "rules")), generate: false));
        var third = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "rules")), generate: false));

        Assert.Equal("response.completed", Type(first[^1]));
        Assert.Equal("response.completed", Type(second[^1]));
        Assert.Equal("error", Type(third.Single()));
        Assert.Equal(429, third.Single()["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task SocketsOverTheGatewaysCap_AreRefusedWith429()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:WebSockets:MaxSockets=1");
        await using var open = await ResponsesSocket.ConnectAsync(harness.Api);

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => ResponsesSocket.ConnectAsync(harness.Api));

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Equal("response.completed", Type((await open.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "rules")), generate: false)))[^1]));
    }

    [Fact]
    public async Task AFrameTrickledSlowerThanTheReadTimeout_ClosesTheSocket()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:WebSockets:FrameReadTimeout=00:00:01");
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        await socket.SendPartialAsync("{\"type\":\"response.create\",");

        Assert.True(await socket.WaitForServerCloseAsync(TimeSpan.FromSeconds(15)), "the half-sent frame held the socket open");
    }

    [Fact]
    public async Task AChainOverItsByteCap_IsNotKept_SoCodexResendsInFull()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:WebSockets:MaxChainBytes=10000");
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        var small = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "rules")), generate: false));
        var big = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", new string('r', 20_000))), generate: false));
        var ontoSmall = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "more")), Id(small[^1]), generate: false));
        var ontoBig = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "more")), Id(big[^1]), generate: false));

        Assert.Equal("response.completed", Type(ontoSmall[^1]));
        Assert.Equal("previous_response_not_found", ontoBig.Single()["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AChunkWithAFieldOfTheWrongType_FailsThatResponse_AndTheSocketServesOn()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(
            ScriptedReply.Stream(Chunks.Text("Half"), """{"choices":[{"delta":{"content":{"text":"not a string"}}}]}""", Chunks.Finish("stop")),
            ScriptedReply.Stream(Chunks.Answer("Still here.")));
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        var broken = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("user", "one"))));
        var next = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("user", "two"))));

        Assert.Equal("response.failed", Type(broken[^1]));
        Assert.Equal("malformed_chunk", broken[^1]["response"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("response.completed", Type(next[^1]));
    }

    [Fact]
    public async Task UnknownPreviousResponse_AnswersTheErrorThatMakesCodexResend()
    {
        await using var harness = await RelayHarness.StartAsync();
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        var events = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("user", "continue")), "resp_" + new string('b', 64)));

        var error = events.Single();
        Assert.Equal("error", Type(error));
        Assert.Equal(400, error["status"]!.GetValue<int>());
        Assert.Equal("previous_response_not_found", error["error"]!["code"]!.GetValue<string>());
        Assert.Empty(harness.Upstream.Requests);
    }

    [Fact]
    public async Task ChainFromAnotherGateway_IsNotFound_SoCodexResendsInFull()
    {
        await using var first = await RelayHarness.StartAsync();
        await using var second = await RelayHarness.StartAsync();
        await using var socketA = await ResponsesSocket.ConnectAsync(first.Api);
        var warmup = await socketA.SendAsync(ResponsesSocket.Create(new JsonArray(Message("developer", "rules")), generate: false));
        await using var socketB = await ResponsesSocket.ConnectAsync(second.Api);

        var events = await socketB.SendAsync(ResponsesSocket.Create(new JsonArray(Message("user", "hi")), Id(warmup[^1])));

        Assert.Equal("previous_response_not_found", events.Single()["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpstreamError_BecomesAnErrorFrameWithItsStatus()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Error(400, """{"error":{"message":"maximum context length exceeded","type":"invalid_request_error"}}"""));
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        var events = await socket.SendAsync(ResponsesSocket.Create(new JsonArray(Message("user", "huge"))));

        Assert.Equal(400, events.Single()["status"]!.GetValue<int>());
        Assert.Equal("context_length_exceeded", events.Single()["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disabled_Answers426()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:WebSockets:Enabled=false");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ResponsesSocket.ConnectAsync(harness.Api));

        Assert.Contains("426", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
        using var plain = await RelayHttp.Client.GetAsync(new Uri(harness.Api, "responses"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, plain.StatusCode);
    }

    [Fact]
    public async Task IdleSocket_IsClosedByTheServer()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:WebSockets:IdleTimeout=00:00:01");
        await using var socket = await ResponsesSocket.ConnectAsync(harness.Api);

        Assert.True(await socket.WaitForServerCloseAsync(TimeSpan.FromSeconds(10)));
    }

    private static JsonObject Message(string role, string text) => new()
    {
        ["type"] = "message",
        ["role"] = role,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
    };

    private static string Type(JsonObject payload) => payload["type"]!.GetValue<string>();

    private static string Id(JsonObject completed) => completed["response"]!["id"]!.GetValue<string>();
}
