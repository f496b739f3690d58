using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Hostile;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>The 500+ hostile inputs over real HTTP: 4xx or success as classified, never a 5xx or a hang; the relay stays healthy.</summary>
public sealed class HostileHttpTests
{
    [Fact]
    public async Task EveryMutation_GetsItsClassifiedStatus_AndTheRelayStaysHealthy()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.ThinkingMode = false;
        var failures = new List<string>();
        var mutations = MutationCorpus.Build();
        foreach (var mutation in mutations)
        {
            if (mutation.Expectation != Expectation.MustReject)
            {
                harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("ok")));
            }

            using var content = new ByteArrayContent(mutation.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var request = new HttpRequestMessage(new HttpMethod(mutation.Method), new Uri(harness.Api, mutation.Path)) { Content = mutation.Method == "GET" ? null : content };
            using var response = await RelayHttp.Client.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var ok = status < 500 && mutation.Expectation switch
            {
                Expectation.MustReject => status is >= 400 and < 500 && body.Contains("\"type\"", StringComparison.Ordinal),
                Expectation.MustAccept => status == 200,
                _ => true,
            };
            if (!ok)
            {
                failures.Add($"{mutation.Name}: {status} {body[..Math.Min(body.Length, 200)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        using var health = await RelayHttp.Client.GetAsync(new Uri(harness.Relay.BaseAddress, "health/ready"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("still fine")));
        using var normal = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("normal request", stream: false));
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
    }

    /// <summary>
    /// Issue 14 §1: a tool call without its output (here: continuing a response that ended in a call with a new user
    /// message) and an output without its call are 400s on <c>input</c>, as OpenAI answers; the provider is not asked.
    /// </summary>
    [Fact]
    public async Task BrokenToolCallPairs_Are400OnInput_AndNeverReachTheProvider()
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.Enqueue(ScriptedReply.Stream(Chunks.ToolCall(0, "call_7", "exec_command", "{}"), Chunks.Finish("tool_calls"), Chunks.Usage()));
        using var first = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body("run it", stream: false, store: true));
        var id = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var asked = harness.Upstream.Requests.Count;

        var withoutOutput = new JsonObject { ["model"] = "scripted-model", ["previous_response_id"] = id, ["input"] = "never mind", ["stream"] = false };
        var orphan = new JsonObject { ["model"] = "scripted-model", ["input"] = JsonNode.Parse("""[{"type":"function_call_output","call_id":"call_lost","output":"old"}]"""), ["stream"] = false };
        foreach (var (body, message) in new[] { (withoutOutput, "No tool output found for function call call_7."), (orphan, "No tool call found for function call output with call_id call_lost.") })
        {
            using var response = await RelayHttp.PostAsync(harness.Api, body.ToJsonString());
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
            Assert.Equal("input", error["param"]!.GetValue<string>());
            Assert.Equal(message, error["message"]!.GetValue<string>());
        }

        Assert.Equal(asked, harness.Upstream.Requests.Count);
    }

    /// <summary>Issue 14 §2: a 20 MB model name or role was echoed whole and left responses incomplete for over 10 s.</summary>
    [Fact]
    public async Task HugeModelOrRole_IsAQuick400_WithABoundedMessage()
    {
        await using var harness = await RelayHarness.StartAsync();
        var huge = new string('m', 20 * 1024 * 1024);
        string[] bodies =
        [
            $$"""{"model":"{{huge}}","input":"hi"}""",
            $$"""{"model":"scripted-model","input":[{"role":"{{huge}}","content":"hi"}]}""",
        ];
        foreach (var body in bodies)
        {
            using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await RelayHttp.PostAsync(harness.Api, body, cancellationToken: hangGuard.Token);
            var text = await response.Content.ReadAsStringAsync(hangGuard.Token);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.InRange(text.Length, 1, 2048);
            Assert.Contains("invalid_request_error", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task OtherMethodsOnResponses_Are405Json_UnknownPaths404Json(string method)
    {
        await using var harness = await RelayHarness.StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(harness.Api, "responses")) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        using var response = await RelayHttp.Client.SendAsync(request);
        using var unknown = await RelayHttp.Client.GetAsync(new Uri(harness.Api, "no/such/path"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Contains("\"code\":\"method_not_allowed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("\"code\":\"not_found\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413_NotA500()
    {
        await using var harness = await RelayHarness.StartAsync("--CodexRelay:MaxRequestBodyBytes=2048");

        using var response = await RelayHttp.PostAsync(harness.Api, RelayHttp.Body(new string('x', 10_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("request_too_large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(120)]
    public async Task ARequestNestedDeeperThanTheDefaultParserAllows_IsStored_AndCanBeContinued(int depth)
    {
        await using var harness = await RelayHarness.StartAsync();
        harness.Upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("Nested, and fine."));
        var nested = new string('[', depth) + new string(']', depth);
        var first = $$"""{"model":"scripted-model","stream":false,"store":true,"input":[{"type":"message","role":"user","content":"hi","extra":{{nested}}}]}""";

        using var stored = await RelayHttp.PostAsync(harness.Api, first);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var id = JsonNode.Parse(await stored.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var next = new JsonObject { ["model"] = "scripted-model", ["stream"] = false, ["store"] = true, ["previous_response_id"] = id, ["input"] = "and then?" }.ToJsonString();
        using var continued = await RelayHttp.PostAsync(harness.Api, next);

        Assert.Equal(HttpStatusCode.OK, continued.StatusCode);
    }

    [Fact]
    public async Task Errors_CarryTheClientsRequestId()
    {
        await using var harness = await RelayHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.Api, "responses")) { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-client-request-id", "thread-1234");

        using var response = await RelayHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("thread-1234", response.Headers.GetValues("x-request-id").Single());
        Assert.Contains("\"request_id\":\"thread-1234\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
