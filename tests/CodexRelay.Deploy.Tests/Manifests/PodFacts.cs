namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>What the downward API gives a pod.</summary>
internal sealed record PodFacts(string PodName, string Namespace, string PodIp);
