using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

[GenerateSerializer, Alias("codexrelay.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public KeyDescriptor? Key { get; set; }

    [Id(1)] public DateTimeOffset? RevokedAt { get; set; }

    [Id(2)] public DateTimeOffset? LastUsedAt { get; set; }
}
