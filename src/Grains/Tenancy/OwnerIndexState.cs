namespace CodexRelay.Grains.Tenancy;

[GenerateSerializer, Alias("codexrelay.OwnerIndexState")]
public sealed class OwnerIndexState
{
    [Id(0)] public List<string> Entries { get; set; } = [];
}
