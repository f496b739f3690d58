using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Storage;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests.Cluster;

/// <summary>
/// The real Codex CLI with a relay key in its <c>env_key</c> runs a tool loop through two gateways in <c>keys</c>
/// mode: Redis, one silo, two gateways, and a round-robin HTTP proxy in front of them, so the turns of one loop land
/// on different gateways. The provider sees only the relay's key; usage is metered for the key's tenant; a wrong
/// key is a 401 that Codex reports.
/// </summary>
public sealed class CodexKeysClusterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string AdminKey = "admin-secret-for-codex-keys";
    private const string ProviderKey = "sk-provider-for-codex-keys";

    /// <summary>The variable Codex's provider names in <c>env_key</c>; it holds the relay key (crk_…).</summary>
    private const string KeyVariable = "CODEX_RELAY_TENANT_KEY";

    [Fact]
    public async Task CodexCli_WithARelayKey_RunsAToolLoop_AcrossTwoGateways_AndAWrongKeyIsA401()
    {
        await using var cluster = await KeysCluster.StartAsync(redis);
        var key = await cluster.CreateKeyAsync(
            """{"tenant":"kilo","user":"kim","models":["scripted-*"],"limits":{"requests_per_minute":100,"tokens_per_day":1000000,"concurrent_requests":4}}""");
        await using var proxy = await RoundRobinProxy.StartAsync(cluster.A.BaseAddress, cluster.B.BaseAddress);
        cluster.Upstream.Enqueue(
            ScriptedReply.Stream(
                Chunks.ToolCall(0, "call_keys_1", "exec_command", ""),
                Chunks.ToolCall(0, null, null, "{\"cmd\": \"echo keyed-"),
                Chunks.ToolCall(0, null, null, "through-two-gateways\"}"),
                Chunks.Finish("tool_calls"),
                Chunks.Usage()),
            ScriptedReply.Stream(Chunks.Answer("The command printed keyed-through-two-gateways.")));

        var result = await RunCodexAsync(proxy.Api, key, "Run echo keyed-through-two-gateways");

        Assert.True(result.ExitCode == 0, result + "\n--- proxy\n" + string.Join('\n', proxy.Served));
        Assert.Contains("The command printed keyed-through-two-gateways.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(cluster.Upstream.Rejections);
        var requests = cluster.Upstream.Requests;
        Assert.True(requests.Count >= 2, $"{requests.Count} upstream requests");
        var tool = requests[1]["messages"]!.AsArray().Select(m => m!.AsObject()).Single(m => m["role"]!.GetValue<string>() == "tool");
        Assert.Equal("call_keys_1", tool["tool_call_id"]!.GetValue<string>());
        Assert.Contains("keyed-through-two-gateways", tool["content"]!.GetValue<string>(), StringComparison.Ordinal);

        // Both gateways served turns of the loop (the proxy alternates consecutive POST /v1/responses).
        var turns = proxy.Served.Where(s => s.Method == "POST" && s.Path == "/v1/responses").ToList();
        Assert.True(turns.Count >= 2, string.Join('\n', proxy.Served));
        Assert.All(turns, t => Assert.Equal(200, t.Status));
        Assert.Contains(turns, t => t.Target == 0);
        Assert.Contains(turns, t => t.Target == 1);

        // The provider saw the relay's key on every request, never the client's crk_ key.
        Assert.All(cluster.Upstream.Authorizations, auth => Assert.Equal("Bearer " + ProviderKey, auth));
        Assert.All(cluster.Upstream.ModelsAuthorizations, auth => Assert.Equal("Bearer " + ProviderKey, auth));
        Assert.DoesNotContain(key, cluster.A.Output + cluster.B.Output, StringComparison.Ordinal);

        // Usage for the tenant counts the loop's requests, with the key's user.
        var usage = await cluster.WaitForUsageAsync("kilo", rows => rows.Sum(r => r!["requests"]!.GetValue<long>()) == requests.Count);
        Assert.All(usage, row => Assert.Equal("kim", row!["user"]!.GetValue<string>()));
        Assert.True(usage.Sum(r => r!["input_tokens"]!.GetValue<long>()) > 0, usage.ToJsonString());

        // The same run with a wrong key: the gateways answer 401 before the provider is asked, and Codex reports it.
        cluster.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("must not be used")));
        var wrong = await RunCodexAsync(proxy.Api, "crk_" + new string('w', 43), "Run echo keyed-through-two-gateways");

        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("401", wrong.StandardOutput + wrong.StandardError, StringComparison.Ordinal);
        Assert.Equal(requests.Count, cluster.Upstream.Requests.Count);
        Assert.Contains(proxy.Served, s => s.Method == "POST" && s.Path == "/v1/responses" && s.Status == 401);
    }

    /// <summary><c>codex exec</c> against <paramref name="api"/> over HTTP, the relay key in <see cref="KeyVariable"/>.</summary>
    private static async Task<ProcessResult> RunCodexAsync(Uri api, string key, string prompt)
    {
        using var home = new TempDirectory("codex-home-");
        using var work = new TempDirectory("codex-work-");
        var provider = $"{{name=\"CodexRelay\",base_url=\"{api.ToString().TrimEnd('/')}\",env_key=\"{KeyVariable}\",wire_api=\"responses\","
            + "supports_websockets=false,stream_max_retries=1,request_max_retries=1}";
        string[] config = ["model=\"scripted-model\"", "model_provider=\"relay\"", $"model_providers.relay={provider}", "web_search=\"disabled\""];
        string[] arguments = ["exec", "--skip-git-repo-check", "--ephemeral", "--dangerously-bypass-approvals-and-sandbox", .. config.SelectMany(c => new[] { "-c", c }), prompt];
        return await ProcessRunner.RunAsync(
            TestPaths.Codex(),
            arguments,
            new Dictionary<string, string> { ["CODEX_HOME"] = home.Path, [KeyVariable] = key, ["RUST_LOG"] = "warn" },
            work.Path,
            TimeSpan.FromSeconds(120));
    }

    /// <summary>Redis, a silo and two gateways in keys mode with an admin key, a provider key and a 1 s key cache.</summary>
    private sealed class KeysCluster : IAsyncDisposable
    {
        private readonly SiloProcess _silo;

        private KeysCluster(StrictChatUpstream upstream, SiloProcess silo, RelayProcess a, RelayProcess b) => (Upstream, _silo, A, B) = (upstream, silo, a, b);

        public StrictChatUpstream Upstream { get; }

        public RelayProcess A { get; }

        public RelayProcess B { get; }

        public static async Task<KeysCluster> StartAsync(RedisFixture redis)
        {
            var upstream = await StrictChatUpstream.StartAsync("scripted-model");
            var environment = new Dictionary<string, string>
            {
                ["CODEX_RELAY_CLUSTERING"] = "redis",
                ["CODEX_RELAY_REDIS"] = redis.ConnectionString,
                ["CODEX_RELAY_HISTORY_STORE"] = "redis",
                ["CODEX_RELAY_CLUSTER_ID"] = "codexkeys-" + Guid.NewGuid().ToString("N")[..8],
                ["CODEX_RELAY_ADMIN_KEY"] = AdminKey,
                ["CODEX_RELAY_API_KEY"] = ProviderKey,
            };
            var silo = await SiloProcess.StartAsync(environment, FreePorts.Next(), FreePorts.Next());
            string[] args = ["--upstream", upstream.BaseAddress.ToString().TrimEnd('/'), "--auth", "keys", "--CodexRelay:Auth:CacheSeconds=1"];
            var a = await RelayProcess.StartAsync(args, environment);
            var b = await RelayProcess.StartAsync(args, environment);
            return new KeysCluster(upstream, silo, a, b);
        }

        public async Task<string> CreateKeyAsync(string json)
        {
            using var response = await AdminAsync(A, HttpMethod.Post, "keys", json);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            var key = body["key"]!.GetValue<string>();
            Assert.StartsWith("crk_", key, StringComparison.Ordinal);
            return key;
        }

        public async Task<JsonArray> WaitForUsageAsync(string tenant, Func<JsonArray, bool> done)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (true)
            {
                using var response = await AdminAsync(B, HttpMethod.Get, $"usage?tenant={tenant}");
                var rows = (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray();
                if (done(rows) || DateTime.UtcNow > deadline)
                {
                    Assert.True(done(rows), rows.ToJsonString());
                    return rows;
                }

                await Task.Delay(100);
            }
        }

        private static Task<HttpResponseMessage> AdminAsync(RelayProcess gateway, HttpMethod method, string path, string? json = null) =>
            RelayHttp.AdminAsync(gateway.BaseAddress, AdminKey, method, path, json);

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            await _silo.DisposeAsync();
            await Upstream.DisposeAsync();
        }
    }
}
