using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

[GenerateSerializer, Alias("codexrelay.UsageState")]
public sealed class UsageState
{
    [Id(0)] public List<UsageRecord> Records { get; set; } = [];
}
