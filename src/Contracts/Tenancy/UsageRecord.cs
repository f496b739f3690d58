namespace CodexRelay.Contracts.Tenancy;

/// <summary>Usage of one tenant's user on one model on one UTC day (<c>yyyy-MM-dd</c>).</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.UsageRecord")]
public sealed record UsageRecord
{
    [Id(0)] public required string Tenant { get; init; }

    [Id(1)] public required string User { get; init; }

    [Id(2)] public required string Model { get; init; }

    [Id(3)] public required string Day { get; init; }

    [Id(4)] public long Requests { get; init; }

    [Id(5)] public long InputTokens { get; init; }

    [Id(6)] public long CachedInputTokens { get; init; }

    [Id(7)] public long OutputTokens { get; init; }

    [Id(8)] public long ReasoningTokens { get; init; }

    [Id(9)] public long Errors { get; init; }

    public long TotalTokens => InputTokens + OutputTokens;

    public UsageRecord Plus(UsageRecord other) => this with
    {
        Requests = Requests + other.Requests,
        InputTokens = InputTokens + other.InputTokens,
        CachedInputTokens = CachedInputTokens + other.CachedInputTokens,
        OutputTokens = OutputTokens + other.OutputTokens,
        ReasoningTokens = ReasoningTokens + other.ReasoningTokens,
        Errors = Errors + other.Errors,
    };
}
