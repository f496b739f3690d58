using System.ClientModel;
using System.Net;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Storage;
using CodexRelay.Testing.Upstream;
using OpenAI;
using OpenAI.Responses;

namespace CodexRelay.EndToEnd.Tests.Cluster;

/// <summary>
/// One Redis, two silos, two gateways, all separate processes on loopback: a conversation alternates between
/// the gateways through previous_response_id, survives a SIGKILLed silo with no failed request, and every
/// stored response still resolves after every process restarted.
/// </summary>
public sealed class MultiProcessClusterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Conversation_AlternatesGateways_SurvivesASiloKill_AndAFullRestart()
    {
        await using var upstream = await StrictChatUpstream.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["CODEX_RELAY_CLUSTERING"] = "redis",
            ["CODEX_RELAY_REDIS"] = redis.ConnectionString,
            ["CODEX_RELAY_HISTORY_STORE"] = "redis",
            ["CODEX_RELAY_CLUSTER_ID"] = "test-" + Guid.NewGuid().ToString("N")[..8],
        };
        var silo1 = await SiloProcess.StartAsync(environment, FreePorts.Next(), FreePorts.Next());
        await using var silo2 = await SiloProcess.StartAsync(environment, FreePorts.Next(), FreePorts.Next());
        string[] gatewayArgs = ["--upstream", upstream.BaseAddress.ToString().TrimEnd('/')];
        var ids = new List<string>();
        string? previous = null;
        await using (var gatewayA = await RelayProcess.StartAsync(gatewayArgs, environment))
        await using (var gatewayB = await RelayProcess.StartAsync(gatewayArgs, environment))
        {
            ResponsesClient[] clients = [Client(gatewayA.Api), Client(gatewayB.Api)];
            for (var turn = 0; turn < 6; turn++)
            {
                if (turn == 3)
                {
                    await silo1.KillAsync();
                }

                upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer($"answer {turn}")));
                var response = (await clients[turn % 2].CreateResponseAsync("scripted-model", $"question {turn}", previous)).Value;
                Assert.Equal($"answer {turn}", response.GetOutputText());
                ids.Add(previous = response.Id);
            }
        }

        var last = upstream.Requests[^1]["messages"]!.AsArray();
        Assert.Equal(11, last.Count);
        Assert.Equal("question 0", last[0]!["content"]!.GetValue<string>());
        Assert.Equal("answer 4", last[9]!["content"]!.GetValue<string>());
        await silo2.KillAsync();

        await using var silo3 = await SiloProcess.StartAsync(environment, FreePorts.Next(), FreePorts.Next());
        await using var gatewayC = await RelayProcess.StartAsync(gatewayArgs, environment);
        foreach (var id in ids)
        {
            using var stored = await RelayHttp.Client.GetAsync(new Uri(gatewayC.Api, $"responses/{id}"));
            Assert.True(stored.StatusCode == HttpStatusCode.OK, $"{id}: {stored.StatusCode}\n{gatewayC.Output}");
        }
    }

    [Fact]
    public async Task Gateway_ListensAtOnce_AndIsNotReadyUntilItReachesTheCluster()
    {
        var environment = new Dictionary<string, string>
        {
            ["CODEX_RELAY_CLUSTERING"] = "redis",
            ["CODEX_RELAY_REDIS"] = redis.ConnectionString,
            ["CODEX_RELAY_HISTORY_STORE"] = "redis",
            ["CODEX_RELAY_CLUSTER_ID"] = "test-" + Guid.NewGuid().ToString("N")[..8],
        };
        await using var gateway = await RelayProcess.StartAsync(["--upstream", "http://127.0.0.1:9/v1"], environment, waitUntilReady: false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        HttpResponseMessage? live = null;
        while (live is null && DateTime.UtcNow < deadline)
        {
            try
            {
                live = await RelayHttp.Client.GetAsync(new Uri(gateway.BaseAddress, "health/live"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, live?.StatusCode);
        Assert.False(await gateway.IsReadyAsync());
        using (var early = await RelayHttp.PostAsync(gateway.Api, RelayHttp.Body("too early")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        }

        await using var silo = await SiloProcess.StartAsync(environment, FreePorts.Next(), FreePorts.Next());
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(40));
    }

    private static ResponsesClient Client(Uri api) => new(new ApiKeyCredential("sk-cluster-test"), new OpenAIClientOptions { Endpoint = api, NetworkTimeout = TimeSpan.FromSeconds(60) });
}
