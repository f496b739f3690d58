using System.Net;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Gateway.Embedding;
using CodexRelay.Gateway.Upstream;
using Microsoft.Extensions.DependencyInjection;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>Several providers behind one relay (CodexRelay:Providers / Routes): routing, fallback, breaker, one model list.</summary>
public sealed class ProviderRoutingTests
{
    [Fact]
    public async Task Routes_SendEachModelToItsProvider_WithThatProvidersModelMap_AndTheRestToDefault()
    {
        await using var deepseek = await StrictChatUpstream.StartAsync();
        await using var kimi = await StrictChatUpstream.StartAsync();
        await using var fallback = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(fallback,
            Provider("deepseek", deepseek), Provider("kimi", kimi), "--CodexRelay:Providers:kimi:ModelMap=kimi-latest:kimi-k2-0905",
            "--CodexRelay:Routes:0:Models=deepseek-*", "--CodexRelay:Routes:0:Providers:0=deepseek",
            "--CodexRelay:Routes:1:Models=kimi-*,moonshot-*", "--CodexRelay:Routes:1:Providers:0=kimi");
        foreach (var upstream in new[] { deepseek, kimi, fallback })
        {
            upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok."));
        }

        Assert.Equal("response.completed", await LastEventAsync(relay, "deepseek-chat"));
        Assert.Equal("response.completed", await LastEventAsync(relay, "kimi-latest"));
        Assert.Equal("response.completed", await LastEventAsync(relay, "some-other-model"));

        Assert.Equal("deepseek-chat", Assert.Single(deepseek.Requests)["model"]!.GetValue<string>());
        Assert.Equal("kimi-k2-0905", Assert.Single(kimi.Requests)["model"]!.GetValue<string>());
        Assert.Equal("some-other-model", Assert.Single(fallback.Requests)["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task ModelNoRouteMatches_Is404ModelNotFound()
    {
        await using var only = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null, Provider("only", only), "--CodexRelay:Routes:0:Models=glm-*", "--CodexRelay:Routes:0:Providers:0=only");

        using var response = await RelayHttp.PostAsync(Api(relay), Body("qwen-max"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        Assert.Empty(only.Requests);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task ErrorBeforeTheFirstByte_FallsBackToTheNextProvider_WithItsModelName(int status)
    {
        await using var first = await StrictChatUpstream.StartAsync();
        await using var second = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null, Provider("first", first), Provider("second", second),
            "--CodexRelay:Providers:second:ModelMap=x-model:x-model-on-second",
            "--CodexRelay:Routes:0:Models=x-*", "--CodexRelay:Routes:0:Providers:0=first", "--CodexRelay:Routes:0:Providers:1=second");
        first.Enqueue(ScriptedReply.Error(status, """{"error":{"message":"not now"}}"""));
        second.Enqueue(ScriptedReply.Stream(Chunks.Answer("From the second provider.")));

        using var response = await RelayHttp.PostAsync(Api(relay), Body("x-model"));
        var events = await RelayHttp.EventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("response.completed", RelayHttp.Type(events[^1]));
        Assert.Single(first.Requests);
        Assert.Equal("x-model-on-second", Assert.Single(second.Requests)["model"]!.GetValue<string>());
        Assert.Equal(1, relay.Services.GetRequiredService<ProviderEvents>().Fallbacks);
    }

    [Fact]
    public async Task NoHeadersWithinTheProvidersHeadersTimeout_FallsBackToTheNextProvider()
    {
        await using var slow = await StrictChatUpstream.StartAsync();
        await using var second = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null, Provider("slow", slow), "--CodexRelay:Providers:slow:HeadersTimeout=00:00:01", Provider("second", second),
            "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=slow", "--CodexRelay:Routes:0:Providers:1=second");
        slow.Enqueue(new ScriptedReply(Chunks.Answer("Too late.")) { DelayBetweenChunks = TimeSpan.FromSeconds(5) });
        second.Enqueue(ScriptedReply.Stream(Chunks.Answer("In time.")));

        using var response = await RelayHttp.PostAsync(Api(relay), Body("any-model"));
        var events = await RelayHttp.EventsAsync(response);

        Assert.Equal("response.completed", RelayHttp.Type(events[^1]));
        Assert.Contains("In time.", events[^1].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedConnection_FallsBackToTheNextProvider()
    {
        await using var second = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null,
            $"--CodexRelay:Providers:dead:BaseUrl=http://127.0.0.1:{FreePorts.Next()}/v1", Provider("second", second),
            "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=dead", "--CodexRelay:Routes:0:Providers:1=second");
        second.Enqueue(ScriptedReply.Stream(Chunks.Answer("Alive.")));

        using var response = await RelayHttp.PostAsync(Api(relay), Body("any-model"));

        Assert.Equal("response.completed", RelayHttp.Type((await RelayHttp.EventsAsync(response))[^1]));
        Assert.Single(second.Requests);
    }

    [Fact]
    public async Task FailureAfterTheFirstByte_IsResponseFailed_NeverAStitchedAnswer()
    {
        await using var first = await StrictChatUpstream.StartAsync();
        await using var second = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null, Provider("first", first), Provider("second", second),
            "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=first", "--CodexRelay:Routes:0:Providers:1=second");
        first.Enqueue(new ScriptedReply([Chunks.Text("Half an ans")]) { SendDone = false });
        second.DefaultReply = ScriptedReply.Stream(Chunks.Answer("The other half."));

        using var response = await RelayHttp.PostAsync(Api(relay), Body("any-model"));
        var events = await RelayHttp.EventsAsync(response);

        Assert.Equal("response.failed", RelayHttp.Type(events[^1]));
        Assert.DoesNotContain(events, e => e.ToJsonString().Contains("other half", StringComparison.Ordinal));
        Assert.Empty(second.Requests);
    }

    [Fact]
    public async Task EveryProviderFails_TheClientGetsTheLastError_AndA429KeepsRetryAfter()
    {
        await using var first = await StrictChatUpstream.StartAsync();
        await using var second = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null, Provider("first", first), Provider("second", second),
            "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=first", "--CodexRelay:Routes:0:Providers:1=second");
        first.Enqueue(ScriptedReply.Error(503, """{"error":{"message":"busy"}}"""));
        second.Enqueue(new ScriptedReply([], 429, """{"error":{"message":"slow down","code":"rate_limit_exceeded"}}""") { RetryAfter = "9" });

        using var response = await RelayHttp.PostAsync(Api(relay), Body("any-model"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(9), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Breaker_OpensAfterRepeatedFailures_AndTheDeadProviderIsNoLongerAsked()
    {
        await using var first = await StrictChatUpstream.StartAsync();
        await using var second = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null, Provider("first", first), Provider("second", second),
            "--CodexRelay:CircuitBreaker:FailureThreshold=2", "--CodexRelay:CircuitBreaker:BreakDuration=01:00:00",
            "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=first", "--CodexRelay:Routes:0:Providers:1=second");
        first.DefaultReply = ScriptedReply.Error(503, """{"error":{"message":"down"}}""");
        second.DefaultReply = ScriptedReply.Stream(Chunks.Answer("Served."));

        for (var i = 0; i < 4; i++)
        {
            using var response = await RelayHttp.PostAsync(Api(relay), Body("any-model"));
            Assert.Equal("response.completed", RelayHttp.Type((await RelayHttp.EventsAsync(response))[^1]));
        }

        Assert.Equal(2, first.Requests.Count);
        Assert.Equal(4, second.Requests.Count);

        // The open breaker shows on /metrics (2 = open), beside the closed one.
        using var scraped = await RelayHttp.Client.GetAsync(new Uri(relay.BaseAddress, "metrics"));
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.Equal(2, Telemetry.MetricsText.Value(text, "codexrelay_breaker_state", ("provider", "first")));
        Assert.Equal(0, Telemetry.MetricsText.Value(text, "codexrelay_breaker_state", ("provider", "second")));
        Assert.Contains("codexrelay_breaker_state{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_AreTheUnionOfTheProviders_AFailingOneLeftOut()
    {
        await using var first = await StrictChatUpstream.StartAsync("alpha", "shared");
        await using var second = await StrictChatUpstream.StartAsync("shared", "beta");
        await using var relay = await StartAsync(null, Provider("first", first), Provider("second", second),
            $"--CodexRelay:Providers:dead:BaseUrl=http://127.0.0.1:{FreePorts.Next()}/v1", "--CodexRelay:Providers:dead:ApiKey=sk-dead",
            "--CodexRelay:Providers:first:ApiKey=sk-first",
            "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=first", "--CodexRelay:Routes:0:Providers:1=second", "--CodexRelay:Routes:0:Providers:2=dead");

        using var response = await RelayHttp.Client.GetAsync(new Uri(Api(relay), "models"));
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["alpha:first", "shared:first", "beta:second"], data.Select(m => $"{m!["id"]}:{m["owned_by"]}").ToArray());
        Assert.Equal("Bearer sk-first", Assert.Single(first.ModelsAuthorizations));
    }

    [Fact]
    public async Task ProviderHeadersAndKeyFile_AreSent_AndARotatedKeyIsUsedWithoutARestart()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        var keyFile = Path.Combine(Path.GetTempPath(), $"codex-relay-key-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(keyFile, "sk-mounted-1\n");
        try
        {
            await using var relay = await StartAsync(null, Provider("openrouter", upstream),
                $"--CodexRelay:Providers:openrouter:ApiKeyFile={keyFile}", "--CodexRelay:Providers:openrouter:Headers:X-Title=CodexRelay",
                "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=openrouter");
            upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok."));

            Assert.Equal("response.completed", await LastEventAsync(relay, "any-model"));
            await File.WriteAllTextAsync(keyFile, "sk-mounted-2\n");
            File.SetLastWriteTimeUtc(keyFile, DateTime.UtcNow.AddMinutes(1));
            Assert.Equal("response.completed", await LastEventAsync(relay, "any-model"));

            Assert.Equal(["Bearer sk-mounted-1", "Bearer sk-mounted-2"], upstream.Authorizations);
            Assert.All(upstream.RequestHeaders, h => Assert.Equal("CodexRelay", h["x-title"]));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task FullProvider_MaxConcurrentRequests_IsSkippedForTheNext()
    {
        await using var first = await StrictChatUpstream.StartAsync();
        await using var second = await StrictChatUpstream.StartAsync();
        await using var relay = await StartAsync(null, Provider("first", first), Provider("second", second), "--CodexRelay:Providers:first:MaxConcurrentRequests=1",
            "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=first", "--CodexRelay:Routes:0:Providers:1=second");
        first.Enqueue(new ScriptedReply([Chunks.Text("slow "), Chunks.Text("answer"), Chunks.Finish("stop")]) { DelayBetweenChunks = TimeSpan.FromMilliseconds(500) });
        second.Enqueue(ScriptedReply.Stream(Chunks.Answer("Second took it.")));

        using var slow = await RelayHttp.PostAsync(Api(relay), Body("any-model"), completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("response.completed", await LastEventAsync(relay, "any-model"));
        Assert.Equal("response.completed", RelayHttp.Type((await RelayHttp.EventsAsync(slow))[^1]));

        Assert.Single(first.Requests);
        Assert.Single(second.Requests);
    }

    [Fact]
    public async Task ConfigFile_DeclaresProvidersAndRoutes()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"codex-relay-{Guid.NewGuid():N}.json");
        var config = new JsonObject
        {
            ["CodexRelay"] = new JsonObject
            {
                ["Providers"] = new JsonObject { ["glm"] = new JsonObject { ["BaseUrl"] = upstream.BaseAddress.ToString().TrimEnd('/'), ["ModelMap"] = "glm:glm-4.6" } },
                ["Routes"] = new JsonArray(new JsonObject { ["Models"] = "glm*", ["Providers"] = new JsonArray("glm") }),
            },
        };
        await File.WriteAllTextAsync(file, config.ToJsonString());
        try
        {
            await using var relay = await StartAsync(null, "--config", file);
            upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("ok.")));

            Assert.Equal("response.completed", await LastEventAsync(relay, "glm"));
            Assert.Equal("glm-4.6", Assert.Single(upstream.Requests)["model"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RouteNamingAnUnknownProvider_StopsTheStart_NamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(null,
            "--CodexRelay:Providers:real:BaseUrl=http://127.0.0.1:1/v1", "--CodexRelay:Routes:0:Models=*", "--CodexRelay:Routes:0:Providers:0=typo"));

        Assert.Contains("CodexRelay:Routes:0:Providers:0", error.ToString(), StringComparison.Ordinal);
    }

    internal static string Provider(string name, StrictChatUpstream upstream) =>
        $"--CodexRelay:Providers:{name}:BaseUrl={upstream.BaseAddress.ToString().TrimEnd('/')}";

    internal static Task<RunningRelay> StartAsync(StrictChatUpstream? defaultUpstream, params string[] arguments) =>
        CodexRelayServer.StartAsync(new RelayStartOptions { Upstream = defaultUpstream?.BaseAddress.ToString().TrimEnd('/'), AdditionalArguments = arguments });

    internal static Uri Api(RunningRelay relay) => new(relay.BaseAddress, "v1/");

    private static string Body(string model) =>
        new JsonObject { ["model"] = model, ["input"] = "hi", ["stream"] = true, ["store"] = false }.ToJsonString();

    private static async Task<string> LastEventAsync(RunningRelay relay, string model)
    {
        using var response = await RelayHttp.PostAsync(Api(relay), Body(model));
        return RelayHttp.Type((await RelayHttp.EventsAsync(response))[^1]);
    }
}
