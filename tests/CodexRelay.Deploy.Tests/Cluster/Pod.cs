using System.Text.Json.Nodes;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>A pod of the rendered overlay: one container's process on a node, probed by a <see cref="Kubelet"/>.</summary>
internal sealed class Pod : IAsyncDisposable
{
    public Pod(string name, string component, TestNode node, JsonObject container, ChildProcess process, IReadOnlyDictionary<int, int> portMap)
    {
        Name = name;
        Component = component;
        Node = node;
        Container = container;
        Process = process;
        PortMap = portMap;
        Kubelet = new Kubelet(this);
    }

    public string Name { get; }

    public string Component { get; }

    public TestNode Node { get; }

    public JsonObject Container { get; }

    public ChildProcess Process { get; }

    /// <summary>Container port → the port the process really listens on (the same, except in the loopback fallback).</summary>
    public IReadOnlyDictionary<int, int> PortMap { get; }

    public Kubelet Kubelet { get; }

    public Uri Address(int containerPort) => new($"http://{Node.Address}:{PortMap.GetValueOrDefault(containerPort, containerPort)}/");

    public override string ToString() => $"{Name} on {Node.Name} ({Node.Address}): ready={Kubelet.Ready}\n{Kubelet.Events}\n--- output ---\n{Tail(Process.Output)}";

    private static string Tail(string text) => text.Length > 4000 ? "…" + text[^4000..] : text;

    public async ValueTask DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        await Process.DisposeAsync();
    }
}
