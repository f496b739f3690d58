using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

[GenerateSerializer, Alias("codexrelay.TenantState")]
public sealed class TenantState
{
    [Id(0)] public TenantLimits Limits { get; set; } = new();

    [Id(1)] public DailyTokens Today { get; set; } = new();
}
