using System.Net;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>The relay as a process: secrets stay out of its output, SIGTERM drains in-flight streams.</summary>
public sealed class OperationsTests
{
    private const string UpstreamKey = "sk-upstream-secret-7f3a9c1e";
    private const string UrlSecret = "url-secret-5d2e";

    [Fact]
    public async Task UpstreamKey_NeverAppearsInLogsOrResponses_EvenAtDebug()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        upstream.Enqueue(
            ScriptedReply.Stream(Chunks.Answer("fine")),
            ScriptedReply.Error(401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"""),
            ScriptedReply.Stream(Chunks.Answer("blocking fine")));
        await using var relay = await RelayProcess.StartAsync(
            ["--upstream", upstream.BaseAddress.ToString().TrimEnd('/'), "--api-key", UpstreamKey,
                // A provider whose URL carries credentials: the startup line names it, redacted.
                $"--CodexRelay:Providers:extra:BaseUrl=http://relayuser:{UrlSecret}@127.0.0.1:{upstream.BaseAddress.Port}/v1"],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Debug", ["Logging__LogLevel__Microsoft"] = "Debug", ["Logging__LogLevel__System"] = "Debug" });
        var bodies = new List<string>();

        foreach (var request in new[] { RelayHttp.Body("one"), RelayHttp.Body("two"), RelayHttp.Body("three", stream: false), "{broken", """{"model":"m","input":[{"role":"wizard"}]}""" })
        {
            using var response = await RelayHttp.PostAsync(relay.Api, request);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        using (var models = await RelayHttp.Client.GetAsync(new Uri(relay.Api, "models")))
        {
            bodies.Add(await models.Content.ReadAsStringAsync());
        }

        Assert.All(upstream.Authorizations, a => Assert.Equal("Bearer " + UpstreamKey, a));
        Assert.DoesNotContain(UpstreamKey, relay.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(bodies, b => b.Contains(UpstreamKey, StringComparison.Ordinal));
        Assert.DoesNotContain("sk-client", relay.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(UrlSecret, relay.Output, StringComparison.Ordinal);
        Assert.Contains("extra (http://", relay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_TurnsNotReady_FinishesTheInFlightStream_ThenExits()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        upstream.Enqueue(new ScriptedReply([.. Enumerable.Range(0, 15).Select(i => Chunks.Text($"{i} ")), Chunks.Finish("stop")]) { DelayBetweenChunks = TimeSpan.FromMilliseconds(100) });
        await using var relay = await RelayProcess.StartAsync(["--upstream", upstream.BaseAddress.ToString().TrimEnd('/')]);
        using var response = await RelayHttp.PostAsync(relay.Api, RelayHttp.Body("count"), completion: HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: response.created", await reader.ReadLineAsync());

        relay.Terminate();
        var rest = await reader.ReadToEndAsync();

        Assert.Contains("event: response.completed", rest, StringComparison.Ordinal);
        Assert.Contains("14 ", rest, StringComparison.Ordinal);
        Assert.False(await relay.IsReadyAsync());
        Assert.True(await relay.WaitForExitAsync(TimeSpan.FromSeconds(20)), relay.Output);
        Assert.Equal(0, relay.ExitCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
