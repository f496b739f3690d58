namespace CodexRelay.Contracts.Tenancy;

/// <summary>A key and what happened to it since: revoked, last used.</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.KeyStatus")]
public sealed record KeyStatus
{
    [Id(0)] public required KeyDescriptor Key { get; init; }

    [Id(1)] public DateTimeOffset? RevokedAt { get; init; }

    [Id(2)] public DateTimeOffset? LastUsedAt { get; init; }
}
