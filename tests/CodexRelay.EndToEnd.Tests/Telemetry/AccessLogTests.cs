using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests.Telemetry;

/// <summary>The relay as a process with JSON console logs: one access line per request, with names and numbers and no content.</summary>
public sealed class AccessLogTests
{
    [Fact]
    public async Task JsonConsole_WritesOneAccessLinePerRequest_WithoutContent()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("secret-answer-text")));
        await using var relay = await RelayProcess.StartAsync(
            ["--upstream", upstream.BaseAddress.ToString().TrimEnd('/')],
            new Dictionary<string, string> { ["CODEX_RELAY_LOG_FORMAT"] = "json" });

        using (var response = await RelayHttp.PostAsync(relay.Api, RelayHttp.Body("secret-prompt-text")))
        {
            await response.Content.ReadAsStringAsync();
        }

        var line = await WaitForAccessLineAsync(relay);

        var state = line["State"]!.AsObject();
        Assert.Equal("POST", state["Method"]!.GetValue<string>());
        Assert.Equal("/v1/responses", state["Route"]!.GetValue<string>());
        Assert.Equal("200", state["Status"]!.ToString());
        Assert.Equal("scripted-model", state["Model"]!.GetValue<string>());
        Assert.Equal("default", state["Provider"]!.GetValue<string>());
        Assert.Equal("default", state["Tenant"]!.GetValue<string>());
        Assert.Equal("120", state["InputTokens"]!.ToString());
        Assert.Equal("stop", state["FinishReason"]!.GetValue<string>());
        Assert.StartsWith("req_", state["RequestId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-prompt-text", relay.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-answer-text", relay.Output, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> WaitForAccessLineAsync(RelayProcess relay)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var access = relay.Output.Split('\n')
                .Where(l => l.TrimStart().StartsWith('{') && l.Contains("\"CodexRelay.Access\"", StringComparison.Ordinal))
                .Select(l => JsonNode.Parse(l.Trim())!.AsObject())
                .FirstOrDefault(l => l["State"]?["Route"]?.GetValue<string>() == "/v1/responses");
            if (access is not null)
            {
                return access;
            }

            Assert.True(DateTime.UtcNow < deadline, "No access line in:\n" + relay.Output);
            await Task.Delay(100);
        }
    }
}
