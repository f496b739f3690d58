using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Manifests;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Upstream;
using Xunit.Abstractions;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// The prod overlay, run: two silos and two gateways started from the rendered Deployments (image entrypoint and
/// ENV, container env and args, Secrets from the examples, the pod IP), each pod on its own "node" (a network
/// namespace), an external Redis and a scripted provider in the root namespace. Probed as the kubelet would. As an
/// operator does, the test reads the admin key from its Secret and creates a tenant key on one gateway; with that
/// key a stored conversation moves between gateways while one node is deleted (its silo rescheduled on a new node)
/// and another is cut off the network and comes back.
/// </summary>
public sealed class NamespaceClusterTests(ITestOutputHelper output)
{
    private const string Tenant = "team-deploy";
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan TurnBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ProdOverlay_ServesAConversationAcrossGateways_ThroughANodeLossAndAPartition()
    {
        var rendered = await Kustomize.RenderAsync("prod");
        var gatewayReplicas = (int?)rendered.Component("gateway")["spec"]!["replicas"]
            ?? (int)rendered.OfKind("HorizontalPodAutoscaler").Single()["spec"]!["minReplicas"]!;
        Assert.True((int)rendered.Component("silo")["spec"]!["replicas"]! >= 2 && gatewayReplicas >= 2, "prod must run at least two silos and two gateways");
        var gatewaySettings = ProcessSettings.For(rendered, "gateway", new PodFacts("p", "n", "198.18.0.99"));
        var gatewayPort = gatewaySettings.GatewayPort;
        var adminKey = gatewaySettings.Setting("CODEX_RELAY_ADMIN_KEY")
            ?? throw new InvalidOperationException("The prod gateway gets no CODEX_RELAY_ADMIN_KEY from its Secret: an operator could not create tenant keys.");

        await using var network = await TestNetwork.CreateAsync();
        output.WriteLine(network.UsesNamespaces ? "pods in network namespaces crk8s-* on 198.18.0.0/24" : $"loopback fallback: {network.FallbackReason}");
        var redisPort = FreePorts.Next();
        await using var redis = await RedisServer.StartAsync(network.HostAddress, redisPort);
        await using var upstream = await StrictChatUpstream.StartAsync();
        await using var provider = TcpForwarder.Start(network.HostAddress, upstream.BaseAddress);
        var redisUrl = $"{network.HostAddress}:{redisPort}";
        var pods = new List<Pod>();
        async Task<Pod> LaunchAsync(string component, string name, string node)
        {
            Dictionary<string, string> overrides = component == "gateway"
                ? new() { ["CODEX_RELAY_REDIS"] = redisUrl, ["CODEX_RELAY_UPSTREAM"] = provider.Address.ToString().TrimEnd('/') }
                : new() { ["CODEX_RELAY_REDIS"] = redisUrl };
            var pod = PodLauncher.Start(rendered, component, name, await network.AddNodeAsync(node), network, overrides);
            pods.Add(pod);
            return pod;
        }

        Conversation? conversation = null;
        try
        {
            var silo0 = await LaunchAsync("silo", "codexrelay-silo-0", "node-a");
            var silo1 = await LaunchAsync("silo", "codexrelay-silo-1", "node-b");
            var gateway0 = await LaunchAsync("gateway", "codexrelay-gateway-0", "node-c");
            var gateway1 = await LaunchAsync("gateway", "codexrelay-gateway-1", "node-d");
            await WaitAsync("all four pods ready", () => pods.All(p => p.Kubelet.Ready), StartBound, pods, failFast: true);

            // Listening on the pod IP, a gateway serves only relay keys; the operator makes one with the admin key.
            var anonymous = await AnonymousStatusAsync(gateway0, gatewayPort);
            Assert.True(anonymous == HttpStatusCode.Unauthorized, $"a prod gateway answered {anonymous} to a request without a relay key");
            var admin = new RelayAdmin(adminKey);
            var created = await admin.CreateKeyAsync(
                gateway0, gatewayPort, new JsonObject { ["tenant"] = Tenant, ["user"] = "ci", ["models"] = new JsonArray("scripted-*") }, TurnBound);
            var clientKey = (string?)created["key"] ?? "";
            Assert.True(clientKey.StartsWith("crk_", StringComparison.Ordinal) && (string?)created["object"] == "relay.key" && (string?)created["tenant"] == Tenant, created.ToJsonString());
            conversation = new Conversation(upstream, clientKey);
            conversation.Log.Add($"created {(string?)created["id"]} for {Tenant}/ci on {gateway0.Name}");

            await conversation.TurnAsync(gateway0, gatewayPort, 0, TurnBound);
            await conversation.TurnAsync(gateway1, gatewayPort, 1, TurnBound);

            // Node A is gone: its silo dies without a goodbye, and the ReplicaSet puts a new one on node E.
            await network.DeleteNodeAsync(silo0.Node, [silo0.Process]);
            var silo2 = await LaunchAsync("silo", "codexrelay-silo-2", "node-e");
            await conversation.TurnAsync(gateway0, gatewayPort, 2, TurnBound);
            await WaitAsync("the rescheduled silo ready", () => silo2.Kubelet.Ready, StartBound, pods);
            Assert.True(gateway0.Kubelet.Ready && gateway1.Kubelet.Ready, "a gateway left the endpoints after a silo's node was lost");

            // Node D is cut off: its gateway leaves the endpoints, the other carries the conversation on.
            await network.PartitionAsync(gateway1.Node, [gateway1.Process]);
            await WaitAsync("the cut-off gateway out of the endpoints", () => !gateway1.Kubelet.Ready, TimeSpan.FromSeconds(30), pods);
            await conversation.TurnAsync(gateway0, gatewayPort, 3, TurnBound);

            // Node D is back: its gateway rejoins the cluster and continues the conversation the others stored.
            await network.HealAsync(gateway1.Node, [gateway1.Process]);
            await WaitAsync("the healed gateway ready again", () => gateway1.Kubelet.Ready, StartBound, pods);
            await conversation.TurnAsync(gateway1, gatewayPort, 4, TurnBound);

            var last = upstream.Requests[^1]["messages"]!.AsArray().Select(m => (string?)m!["content"]).ToList();
            Assert.Equal(["question 0", "answer 0", "question 1", "answer 1", "question 2", "answer 2", "question 3", "answer 3", "question 4"], last);
            foreach (var gateway in new[] { gateway0, gateway1 })
            {
                foreach (var id in conversation.Ids)
                {
                    Assert.Equal(HttpStatusCode.OK, await Http.StatusAsync(new Uri(gateway.Address(gatewayPort), $"v1/responses/{id}"), TimeSpan.FromSeconds(15), clientKey));
                }
            }

            // The usage the operator reads: the tenant's turns, charged by both gateways into the cluster.
            JsonArray usage = [];
            var charged = await Http.WaitForAsync(
                async () => (usage = await admin.UsageAsync(gateway1, gatewayPort, Tenant, TurnBound)).Any(row => (string?)row!["user"] == "ci" && (long)row["requests"]! >= 1 && (long)row["output_tokens"]! > 0),
                TimeSpan.FromSeconds(20),
                TimeSpan.FromSeconds(1));
            Assert.True(charged, $"GET /admin/usage?tenant={Tenant} shows no charged turn: {usage.ToJsonString()}");
            conversation.Log.Add($"usage on {gateway1.Name}: {usage.ToJsonString()}");

            foreach (var untouched in new[] { silo1, silo2, gateway0 })
            {
                Assert.True(untouched.Kubelet.WouldRestart == 0, $"the kubelet would have restarted {untouched}");
            }
        }
        finally
        {
            output.WriteLine(string.Join("\n", conversation?.Log ?? []));
            foreach (var pod in pods)
            {
                output.WriteLine($"== {pod.Name} on {pod.Node.Name} ({pod.Node.Address})\n{pod.Kubelet.Events}");
                await pod.DisposeAsync();
            }
        }
    }

    /// <summary>The status of a Responses request without a relay key (a 5xx or no answer is retried within a bound).</summary>
    private static async Task<HttpStatusCode?> AnonymousStatusAsync(Pod gateway, int gatewayPort)
    {
        HttpStatusCode? status = null;
        await Http.WaitForAsync(
            async () =>
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    using var response = await Http.Client.PostAsJsonAsync(
                        new Uri(gateway.Address(gatewayPort), "v1/responses"), new JsonObject { ["model"] = "scripted-model", ["input"] = "who am I?" }, timeout.Token);
                    status = response.StatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                {
                    status = null;
                }

                return status is { } answered && (int)answered < 500;
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(1));
        return status;
    }

    /// <summary>Waits for <paramref name="condition"/>; with <paramref name="failFast"/>, stops at the first pod that exits or would be restarted.</summary>
    private static async Task WaitAsync(string what, Func<bool> condition, TimeSpan bound, List<Pod> pods, bool failFast = false)
    {
        var broken = false;
        var held = await Http.WaitForAsync(
            () => Task.FromResult(condition() || (broken = failFast && pods.Any(p => p.Process.HasExited || p.Kubelet.WouldRestart > 0))),
            bound);
        Assert.True(held && !broken, $"{(broken ? "A pod failed" : $"Not within {bound.TotalSeconds} s")}: {what}.\n{string.Join("\n\n", pods)}");
    }
}
