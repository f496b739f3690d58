namespace CodexRelay.Contracts.Tenancy;

/// <summary>The usage records of one tenant on one UTC day (key <c>{tenant}/{yyyy-MM-dd}</c>).</summary>
[Alias("codexrelay.IUsageGrain")]
public interface IUsageGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(UsageRecord usage);

    [Alias("List")]
    Task<IReadOnlyList<UsageRecord>> ListAsync();
}
