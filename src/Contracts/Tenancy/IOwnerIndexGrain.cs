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

    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();
}
