using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodexRelay.EndToEnd.Tests.Support;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Relays;
using CodexRelay.Testing.Storage;
using CodexRelay.Testing.Upstream;

namespace CodexRelay.EndToEnd.Tests.Cluster;

/// <summary>
/// The organisation endpoint on a real cluster: one Redis, one silo, two gateways in <c>keys</c> mode. Keys come from
/// the admin API of either gateway; tenants never see each other's responses (the same answers an unknown id gets);
/// limits hold across gateways; usage adds up to what the provider reported; a revoked key stops everywhere.
/// </summary>
public sealed class TenancyClusterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string AdminKey = "admin-secret-for-tests";
    private const string ProviderKey = "sk-provider-for-tests";

    [Fact]
    public async Task TwoTenants_OnTwoGateways_CannotSeeEachOther_AndUsageAddsUp_AndRevocationReachesEveryGateway()
    {
        await using var cluster = await KeysCluster.StartAsync(redis);
        var (alpha, _) = await cluster.CreateKeyAsync(cluster.A, """{"tenant":"alpha","user":"ann"}""");
        var (beta, _) = await cluster.CreateKeyAsync(cluster.B, """{"tenant":"beta","user":"bob","models":["scripted-*"]}""");

        // No key, a malformed one, an invented one, the admin key: 401 invalid_api_key, before the upstream is asked.
        foreach (var bearer in new string?[] { null, "sk-not-a-relay-key", "crk_" + new string('x', 43), AdminKey })
        {
            using var refused = await PostAsync(cluster.A, Body("hi", store: true), bearer);
            await AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "invalid_api_key");
        }

        cluster.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("for alpha")));
        using var created = await PostAsync(cluster.A, Body("alpha's question", store: true), alpha);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var unknown = "resp_" + new string('0', 64);

        // beta, on the other gateway: exactly what an unknown id gets, for every way in.
        foreach (var (method, path) in new[] { (HttpMethod.Get, $"responses/{id}"), (HttpMethod.Delete, $"responses/{id}"), (HttpMethod.Get, $"responses/{id}/input_items") })
        {
            using var foreign = await SendAsync(cluster.B, method, path, beta);
            using var missing = await SendAsync(cluster.B, method, path.Replace(id, unknown, StringComparison.Ordinal), beta);
            await AssertErrorAsync(foreign, HttpStatusCode.NotFound, "not_found");
            Assert.Equal(missing.StatusCode, foreign.StatusCode);
        }

        using (var continued = await PostAsync(cluster.B, Body("steal", store: true, previous: id), beta))
        {
            await AssertErrorAsync(continued, HttpStatusCode.BadRequest, "previous_response_not_found");
        }

        // alpha reads its response through the other gateway.
        using (var own = await SendAsync(cluster.B, HttpMethod.Get, $"responses/{id}", alpha))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        // A model the key may not use is a 404 model_not_found, like an unknown model; /v1/models lists only its models.
        using (var forbidden = await PostAsync(cluster.A, Body("hi", model: "other-model"), beta))
        {
            var error = await AssertErrorAsync(forbidden, HttpStatusCode.NotFound, "model_not_found");
            Assert.Equal("model", error["param"]!.GetValue<string>());
        }

        foreach (var (bearer, expected) in new[] { (beta, new[] { "scripted-model" }), (alpha, new[] { "other-model", "scripted-model" }) })
        {
            using var models = await SendAsync(cluster.B, HttpMethod.Get, "models", bearer);
            var listed = (await models.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal);
            Assert.Equal(expected, listed);
        }

        // Usage: alpha's one request with the provider's 120 + 12 tokens, visible within a second or so.
        var usage = await cluster.WaitForUsageAsync("alpha", rows => rows.Count == 1 && rows[0]!["requests"]!.GetValue<long>() == 1);
        Assert.Equal(120, usage[0]!["input_tokens"]!.GetValue<long>());
        Assert.Equal(12, usage[0]!["output_tokens"]!.GetValue<long>());
        Assert.Equal("ann", usage[0]!["user"]!.GetValue<string>());

        // The provider saw the relay's key, never a client's.
        Assert.All(cluster.Upstream.Authorizations, auth => Assert.Equal("Bearer " + ProviderKey, auth));

        // Revoked on gateway B: within the cache time (1 s here) gateway A refuses it too.
        var keyId = (await cluster.ListKeysAsync("alpha"))[0]!["id"]!.GetValue<string>();
        using (var revoke = await cluster.AdminAsync(cluster.B, HttpMethod.Delete, $"keys/{keyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var afterRevoke = await SendAsync(cluster.A, HttpMethod.Get, $"responses/{id}", alpha);
        await AssertErrorAsync(afterRevoke, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.DoesNotContain(alpha, cluster.A.Output + cluster.B.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_HoldAcrossGateways()
    {
        await using var cluster = await KeysCluster.StartAsync(redis);
        var (perMinute, _) = await cluster.CreateKeyAsync(cluster.A, """{"tenant":"gamma","user":"gil","limits":{"requests_per_minute":3}}""");
        cluster.Upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok"));

        // Three requests in the minute pass, alternating gateways; the fourth, on either, is a 429 with retry-after.
        for (var i = 0; i < 3; i++)
        {
            using var passed = await PostAsync(i % 2 == 0 ? cluster.A : cluster.B, Body($"q{i}"), perMinute);
            Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        }

        using (var limited = await PostAsync(cluster.B, Body("q3"), perMinute))
        {
            await AssertErrorAsync(limited, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
            Assert.True(int.Parse(limited.Headers.GetValues("retry-after").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        }

        // Tokens per day: the first response spends 132 of 100, the next is insufficient_quota (Codex stops on it).
        var (daily, _) = await cluster.CreateKeyAsync(cluster.B, """{"tenant":"delta","user":"dee","limits":{"tokens_per_day":100}}""");
        using (var first = await PostAsync(cluster.B, Body("spend"), daily))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await cluster.WaitForUsageAsync("delta", rows => rows.Count == 1);
        using (var over = await PostAsync(cluster.A, Body("more"), daily))
        {
            await AssertErrorAsync(over, HttpStatusCode.TooManyRequests, "insufficient_quota");
        }

        // Concurrency 1: while one slow stream runs on A, a second request on B is refused.
        var (single, _) = await cluster.CreateKeyAsync(cluster.A, """{"tenant":"eps","user":"eve","limits":{"concurrent_requests":1}}""");
        cluster.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("slow answer")) with { DelayBetweenChunks = TimeSpan.FromMilliseconds(700) });
        var slow = PostAsync(cluster.A, Body("slow"), single);
        await Task.Delay(TimeSpan.FromMilliseconds(900));
        using (var second = await PostAsync(cluster.B, Body("second"), single))
        {
            await AssertErrorAsync(second, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        }

        using (var finished = await slow)
        {
            Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        }

        using var afterwards = await PostAsync(cluster.B, Body("after"), single);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task TheOverview_IsClusterWide_WhicheverGatewayServesIt()
    {
        await using var cluster = await KeysCluster.StartAsync(redis);
        var (key, _) = await cluster.CreateKeyAsync(cluster.A, """{"tenant":"omega","user":"olga"}""");
        cluster.Upstream.DefaultReply = ScriptedReply.Stream(Chunks.Answer("ok"));
        foreach (var gateway in new[] { cluster.A, cluster.B, cluster.B })
        {
            using var passed = await PostAsync(gateway, Body("q"), key);
            Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        }

        using (var refused = await PostAsync(cluster.B, Body("q"), "crk_" + new string('y', 43)))
        {
            await AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "invalid_api_key");
        }

        // A never saw B's requests or its error: it reads them from the board B publishes to (every second here).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        JsonObject overview;
        while (true)
        {
            using var response = await cluster.AdminAsync(cluster.A, HttpMethod.Get, "overview");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            overview = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            var served = overview["providers"]!.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == "default")?["requests"]?.GetValue<long>();
            if ((served == 3 && overview["errors"]!.AsArray().Any(e => e!["code"]!.GetValue<string>() == "invalid_api_key")) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal("ok", overview["board"]!.GetValue<string>());
        var gateways = overview["gateways"]!.AsArray();
        Assert.True(gateways.Count == 2, overview.ToJsonString());
        Assert.All(gateways, g => Assert.Equal("up", g!["status"]!.GetValue<string>()));
        var provider = overview["providers"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "default")!;
        Assert.True(provider["requests"]!.GetValue<long>() == 3, overview.ToJsonString());
        Assert.Equal("closed", provider["breaker"]!.GetValue<string>());
        Assert.True(provider["p50_ms"]!.GetValue<double>() > 0, overview.ToJsonString());
        Assert.Contains(overview["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "invalid_api_key");
        Assert.True(overview["cluster"]!["requests"]!.GetValue<long>() > overview["gateway"]!["requests"]!.GetValue<long>(), overview.ToJsonString());
    }

    [Fact]
    public async Task TheCli_ManagesKeys_AndTheWebSocket_ChecksTheKeyAtTheUpgrade_AndOnEveryFrame()
    {
        await using var cluster = await KeysCluster.StartAsync(redis);
        string[] admin = ["--url", cluster.A.BaseAddress.ToString(), "--admin-key", AdminKey];
        var (created, exit) = await CliAsync(["keys", "create", "--tenant", "zeta", "--user", "zoe", "--models", "scripted-*", "--requests-per-minute", "100", .. admin]);
        Assert.Equal(0, exit);
        var key = created.Split("shown once; hand it over through your secret channel): ", StringSplitOptions.None)[1].Trim();
        var (listed, _) = await CliAsync(["keys", "list", "--tenant", "zeta", .. admin]);
        Assert.Contains("zoe", listed, StringComparison.Ordinal);
        Assert.Contains("scripted-*", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Equal(2, (await CliAsync(["keys", "create", "--tenant", "zeta", .. admin[..2]])).Exit);

        // The upgrade without a key is a 401 before any 101; with the key the socket serves responses.
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => ResponsesSocket.ConnectAsync(cluster.B.Api, "crk_" + new string('y', 43)));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        await using var socket = await ResponsesSocket.ConnectAsync(cluster.B.Api, key);
        cluster.Upstream.Enqueue(ScriptedReply.Stream(Chunks.Answer("over the socket")));
        var events = await socket.SendAsync(ResponsesSocket.Create("hello"));
        Assert.Equal("response.completed", events[^1]["type"]!.GetValue<string>());
        await cluster.WaitForUsageAsync("zeta", rows => rows.Count == 1 && rows[0]!["requests"]!.GetValue<long>() == 1);
        var (usage, _) = await CliAsync(["usage", "--tenant", "zeta", .. admin]);
        Assert.Contains("scripted-model", usage, StringComparison.Ordinal);

        // Revoked while the socket is open: the next frame gets an error frame and the socket closes.
        var keyId = (await cluster.ListKeysAsync("zeta"))[0]!["id"]!.GetValue<string>();
        Assert.Equal(0, (await CliAsync(["keys", "revoke", keyId, .. admin])).Exit);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var afterRevoke = await socket.SendAsync(ResponsesSocket.Create("again"));
        Assert.Equal("error", afterRevoke[^1]["type"]!.GetValue<string>());
        Assert.Equal(401, afterRevoke[^1]["status"]!.GetValue<int>());
        Assert.True(await socket.WaitForServerCloseAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<(string Output, int Exit)> CliAsync(string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await Gateway.Cli.AdminCommand.RunAsync(args, output, errors);
        return (output + errors.ToString(), exit);
    }

    private static string Body(string input, bool store = false, string? previous = null, string model = "scripted-model") =>
        new JsonObject { ["model"] = model, ["input"] = input, ["stream"] = false, ["store"] = store, ["previous_response_id"] = previous }.ToJsonString();

    private static Task<HttpResponseMessage> PostAsync(RelayProcess gateway, string json, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Api, "responses")) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return RelayHttp.Client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(RelayProcess gateway, HttpMethod method, string path, string bearer)
    {
        var request = new HttpRequestMessage(method, new Uri(gateway.Api, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return RelayHttp.Client.SendAsync(request);
    }

    private static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode} (wanted {status}): {body}");
        var error = JsonNode.Parse(body)!["error"]!.AsObject();
        Assert.Equal(code, error["code"]!.GetValue<string>());
        return error;
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
            var upstream = await StrictChatUpstream.StartAsync("scripted-model", "other-model");
            var environment = new Dictionary<string, string>
            {
                ["CODEX_RELAY_CLUSTERING"] = "redis",
                ["CODEX_RELAY_REDIS"] = redis.ConnectionString,
                ["CODEX_RELAY_HISTORY_STORE"] = "redis",
                ["CODEX_RELAY_CLUSTER_ID"] = "tenancy-" + Guid.NewGuid().ToString("N")[..8],
                ["CODEX_RELAY_ADMIN_KEY"] = AdminKey,
                ["CODEX_RELAY_API_KEY"] = ProviderKey,
            };
            var silo = await SiloProcess.StartAsync(environment, FreePorts.Next(), FreePorts.Next());
            string[] args = ["--upstream", upstream.BaseAddress.ToString().TrimEnd('/'), "--auth", "keys", "--CodexRelay:Auth:CacheSeconds=1", "--CodexRelay:Dashboard:PublishInterval=00:00:01"];
            var a = await RelayProcess.StartAsync(args, environment);
            var b = await RelayProcess.StartAsync(args, environment);
            return new KeysCluster(upstream, silo, a, b);
        }

        public async Task<(string Key, JsonObject Created)> CreateKeyAsync(RelayProcess gateway, string json)
        {
            using var response = await AdminAsync(gateway, HttpMethod.Post, "keys", json);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            return (body["key"]!.GetValue<string>(), body);
        }

        public async Task<JsonArray> ListKeysAsync(string tenant)
        {
            using var response = await AdminAsync(A, HttpMethod.Get, $"keys?tenant={tenant}");
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray();
        }

        public async Task<JsonArray> WaitForUsageAsync(string tenant, Func<JsonArray, bool> done)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
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

        public Task<HttpResponseMessage> AdminAsync(RelayProcess gateway, HttpMethod method, string path, string? json = null) =>
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
