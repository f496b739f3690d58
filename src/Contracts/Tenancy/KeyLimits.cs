namespace CodexRelay.Contracts.Tenancy;

/// <summary>What a relay key may spend; a null limit is unlimited.</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.KeyLimits")]
public sealed record KeyLimits
{
    public static KeyLimits Unlimited { get; } = new();

    /// <summary>Requests in any 60 s window (sliding, never calendar minutes).</summary>
    [Id(0)] public int? RequestsPerMinute { get; init; }

    /// <summary>Tokens (input + output) per UTC day, charged from the provider's reported usage.</summary>
    [Id(1)] public long? TokensPerDay { get; init; }

    /// <summary>Responses in flight at once.</summary>
    [Id(2)] public int? ConcurrentRequests { get; init; }
}
