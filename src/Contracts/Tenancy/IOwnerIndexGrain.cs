using Orleans.Concurrency;

namespace CodexRelay.Contracts.Tenancy;

/// <summary>
/// The stored responses of one tenant recorded on one UTC day (key <c>{tenant}/{yyyy-MM-dd}</c>), so offboarding can
/// delete them; the conversation grain adds each turn it records.
/// </summary>
[Alias("codexrelay.IOwnerIndexGrain")]
public interface IOwnerIndexGrain : IGrainWithStringKey
{
    [Alias("Add"), OneWay]
    Task AddAsync(string owner, string responseId);

    /// <summary>Page <paramref name="page"/> (from 0) of the index; empty past its last page (a page before it is never empty).</summary>
    [Alias("ListPage")]
    Task<IReadOnlyList<string>> ListPageAsync(int page);
}
