using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

[GenerateSerializer, Alias("codexrelay.KeyDirectoryState")]
public sealed class KeyDirectoryState
{
    [Id(0)] public List<KeyDescriptor> Keys { get; set; } = [];
}
