namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>A stand-in for a node with one pod: a network namespace, the pod's address, the root side of its veth.</summary>
internal sealed record TestNode(string Name, string Namespace, string Address, string HostLink, bool IsNamespace);
