namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>A Secret or ConfigMap (and key, unless a whole envFrom) a container's environment reads.</summary>
internal sealed record EnvironmentReference(string Kind, string Name, string? Key, bool Optional)
{
    public override string ToString() => Key is null ? $"{Kind} {Name}" : $"{Kind} {Name} key {Key}";
}
