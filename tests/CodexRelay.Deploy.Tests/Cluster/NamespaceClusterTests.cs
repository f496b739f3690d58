using System.Net;
using CodexRelay.Deploy.Tests.Manifests;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;
using CodexRelay.Testing.Upstream;
using Xunit.Abstractions;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// The prod overlay, run: two silos and two gateways started from the rendered Deployments (image entrypoint and
/// ENV, container env and args, Secrets from the examples, the pod IP), each pod on its own "node" (a network
/// namespace), an external Redis and a scripted provider in the root namespace. Probed as the kubelet would; a
/// stored conversation moves between gateways while one node is deleted (its silo rescheduled on a new node) and
/// another is cut off the network and comes back.
/// </summary>
public sealed class NamespaceClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan TurnBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ProdOverlay_ServesAConversationAcrossGateways_ThroughANodeLossAndAPartition()
    {
        var rendered = await Kustomize.RenderAsync("prod");
        var gatewayReplicas = (int?)rendered.Component("gateway")["spec"]!["replicas"]
            ?? (int)rendered.OfKind("HorizontalPodAutoscaler").Single()["spec"]!["minReplicas"]!;
        Assert.True((int)rendered.Component("silo")["spec"]!["replicas"]! >= 2 && gatewayReplicas >= 2, "prod must run at least two silos and two gateways");
        var gatewayPort = ProcessSettings.For(rendered, "gateway", new PodFacts("p", "n", "198.18.0.99")).GatewayPort;

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

        var conversation = new Conversation(upstream);
        try
        {
            var silo0 = await LaunchAsync("silo", "codexrelay-silo-0", "node-a");
            var silo1 = await LaunchAsync("silo", "codexrelay-silo-1", "node-b");
            var gateway0 = await LaunchAsync("gateway", "codexrelay-gateway-0", "node-c");
            var gateway1 = await LaunchAsync("gateway", "codexrelay-gateway-1", "node-d");
            await WaitAsync("all four pods ready", () => pods.All(p => p.Kubelet.Ready), StartBound, pods, failFast: true);

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
                    Assert.Equal(HttpStatusCode.OK, await Http.StatusAsync(new Uri(gateway.Address(gatewayPort), $"v1/responses/{id}"), TimeSpan.FromSeconds(15)));
                }
            }

            foreach (var untouched in new[] { silo1, silo2, gateway0 })
            {
                Assert.True(untouched.Kubelet.WouldRestart == 0, $"the kubelet would have restarted {untouched}");
            }
        }
        finally
        {
            output.WriteLine(string.Join("\n", conversation.Log));
            foreach (var pod in pods)
            {
                output.WriteLine($"== {pod.Name} on {pod.Node.Name} ({pod.Node.Address})\n{pod.Kubelet.Events}");
                await pod.DisposeAsync();
            }
        }
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
