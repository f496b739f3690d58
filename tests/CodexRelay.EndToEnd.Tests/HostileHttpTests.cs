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
            using var response = await RelayHttp.Client.PostAsync(new Uri(harness.Api, "responses"), content, timeout.Token);
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
