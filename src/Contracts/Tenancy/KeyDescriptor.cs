namespace CodexRelay.Contracts.Tenancy;

/// <summary>
/// A relay key as the cluster keeps it: never the key itself, only its SHA-256 (<see cref="Hash"/>), which is also
/// the key grain's id. <see cref="Id"/> is the public handle shown in lists and logs.
/// </summary>
[GenerateSerializer, Immutable, Alias("codexrelay.KeyDescriptor")]
public sealed record KeyDescriptor
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Hash { get; init; }

    [Id(2)] public required string Tenant { get; init; }

    [Id(3)] public required string User { get; init; }

    /// <summary>Model patterns (<c>*</c> wildcard) the key may use.</summary>
    [Id(4)] public IReadOnlyList<string> Models { get; init; } = ["*"];

    [Id(5)] public KeyLimits Limits { get; init; } = KeyLimits.Unlimited;

    [Id(6)] public DateTimeOffset? ExpiresAt { get; init; }

    [Id(7)] public DateTimeOffset CreatedAt { get; init; }
}
