namespace CodexRelay.Contracts.Tenancy;

/// <summary>What a tenant may spend across all its keys; null is unlimited.</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.TenantLimits")]
public sealed record TenantLimits
{
    [Id(0)] public long? TokensPerDay { get; init; }
}
