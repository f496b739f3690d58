namespace CodexRelay.Grains.Tenancy;

/// <summary>The open page of a tenant's day index, and how many full pages were written before it.</summary>
[GenerateSerializer, Alias("codexrelay.OwnerIndexState")]
public sealed class OwnerIndexState
{
    [Id(0)] public List<string> Entries { get; set; } = [];

    [Id(1)] public int SealedPages { get; set; }
}

/// <summary>One full page of a tenant's day index, written once (state name <c>page-{n}</c>).</summary>
[GenerateSerializer, Alias("codexrelay.OwnerIndexPage")]
public sealed class OwnerIndexPage
{
    [Id(0)] public List<string> Entries { get; set; } = [];
}
