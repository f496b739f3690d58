namespace CodexRelay.Contracts.Tenancy;

/// <summary>A limiter's answer: a lease to release when the response ends, or the refusal and when to retry.</summary>
[GenerateSerializer, Immutable, Alias("codexrelay.LimitDecision")]
public sealed record LimitDecision
{
    [Id(0)] public LimitRefusal Refusal { get; init; }

    [Id(1)] public string? LeaseId { get; init; }

    [Id(2)] public int? RetryAfterSeconds { get; init; }

    public bool Allowed => Refusal == LimitRefusal.None;
}
