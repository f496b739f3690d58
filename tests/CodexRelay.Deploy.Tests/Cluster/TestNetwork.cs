using System.Globalization;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// Nodes as network namespaces (<c>crk8s-*</c>) on a bridge in the root namespace, on the test-only subnet
/// 198.18.0.0/24: each node one veth pair, its pod at 198.18.0.11, .12, ... The root namespace (the test, Redis,
/// the upstream) is 198.18.0.100 on a /25, so its route to the nodes is more specific than any other /24 this
/// machine may already have on that subnet (a stopped podman bridge has 198.18.0.1/24 here).
/// Without root or iproute2 it falls back to loopback: each pod its own 127.0.1.x address, partitions by SIGSTOP.
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    public const string Prefix = "crk8s-";
    private const string Bridge = "crk8s-br0";
    private int _nodes;

    private TestNetwork(bool namespaces, string? fallbackReason)
    {
        UsesNamespaces = namespaces;
        FallbackReason = fallbackReason;
        HostAddress = namespaces ? "198.18.0.100" : "127.0.0.1";
    }

    public bool UsesNamespaces { get; }

    /// <summary>Why the test runs on loopback ports instead of namespaces, or null.</summary>
    public string? FallbackReason { get; }

    /// <summary>The root namespace's address: where Redis and the upstream listen, and probes come from.</summary>
    public string HostAddress { get; }

    public static async Task<TestNetwork> CreateAsync()
    {
        var reason = Environment.UserName != "root" ? $"not root (user {Environment.UserName}): network namespaces need CAP_NET_ADMIN"
            : Tools.OnPath("ip") is null ? "`ip` (iproute2) is not installed"
            : null;
        var network = new TestNetwork(reason is null, reason);
        if (network.UsesNamespaces)
        {
            await CleanupAsync();
            await IpAsync("link", "add", Bridge, "type", "bridge", "forward_delay", "0");
            await IpAsync("addr", "add", network.HostAddress + "/25", "dev", Bridge);
            await IpAsync("link", "set", Bridge, "up");
        }

        return network;
    }

    public async Task<TestNode> AddNodeAsync(string name)
    {
        var index = ++_nodes;
        var address = UsesNamespaces ? $"198.18.0.{10 + index}" : $"127.0.1.{index}";
        var node = new TestNode(name, Prefix + name, address, $"{Prefix}v{index}", UsesNamespaces);
        if (UsesNamespaces)
        {
            var peer = $"{Prefix}p{index}";
            await IpAsync("netns", "add", node.Namespace);
            await IpAsync("link", "add", node.HostLink, "type", "veth", "peer", "name", peer);
            await IpAsync("link", "set", peer, "netns", node.Namespace);
            await IpAsync("-n", node.Namespace, "link", "set", peer, "name", "eth0");
            await IpAsync("-n", node.Namespace, "addr", "add", address + "/24", "dev", "eth0");
            await IpAsync("-n", node.Namespace, "link", "set", "eth0", "up");
            await IpAsync("-n", node.Namespace, "link", "set", "lo", "up");
            await IpAsync("link", "set", node.HostLink, "master", Bridge);
            await IpAsync("link", "set", node.HostLink, "up");
        }

        return node;
    }

    /// <summary>Cuts the node off: its link goes down (namespaces) or its processes stop (loopback).</summary>
    public Task PartitionAsync(TestNode node, IEnumerable<ChildProcess> processes) => UsesNamespaces
        ? IpAsync("link", "set", node.HostLink, "down")
        : SignalAsync("STOP", processes);

    public Task HealAsync(TestNode node, IEnumerable<ChildProcess> processes) => UsesNamespaces
        ? IpAsync("link", "set", node.HostLink, "up")
        : SignalAsync("CONT", processes);

    /// <summary>The node disappears: its processes are SIGKILLed and its namespace and link removed.</summary>
    public async Task DeleteNodeAsync(TestNode node, IEnumerable<ChildProcess> processes)
    {
        foreach (var process in processes)
        {
            await process.KillAsync();
        }

        if (UsesNamespaces)
        {
            await RemoveNamespaceAsync(node.Namespace);
        }
    }

    /// <summary>Removes every crk8s-* namespace (killing what runs in it) and link, from this run or an earlier one.</summary>
    public static async Task CleanupAsync()
    {
        var namespaces = await ProcessRunner.RunAsync("ip", ["netns", "list"]);
        foreach (var line in namespaces.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                await RemoveNamespaceAsync(name);
            }
        }

        var links = await ProcessRunner.RunAsync("ip", ["-o", "link", "show"]);
        foreach (var line in links.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(':', 3)[1].Trim().Split('@')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                await ProcessRunner.RunAsync("ip", ["link", "del", name]);
            }
        }
    }

    private static async Task RemoveNamespaceAsync(string name)
    {
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", name]);
        foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", pid.Trim()]);
        }

        await ProcessRunner.RunAsync("ip", ["netns", "del", name]);
    }

    private static async Task SignalAsync(string signal, IEnumerable<ChildProcess> processes)
    {
        foreach (var process in processes)
        {
            await ProcessRunner.RunAsync("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    private static async Task IpAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("ip", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed: {result}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (UsesNamespaces)
        {
            await CleanupAsync();
        }
    }
}
