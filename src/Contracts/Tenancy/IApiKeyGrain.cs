using Orleans.Concurrency;

namespace CodexRelay.Contracts.Tenancy;

/// <summary>One relay key, keyed by the SHA-256 (hex) of the key: a gateway finds it from the presented bearer alone.</summary>
[Alias("codexrelay.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task CreateAsync(KeyDescriptor key);

    /// <summary>The key, or null when no key hashes to this id.</summary>
    [Alias("Get")]
    Task<KeyStatus?> GetAsync();

    /// <summary>Marks the key used now (kept in memory, persisted at most once a minute).</summary>
    [Alias("Touch"), OneWay]
    Task TouchAsync();

    [Alias("Revoke")]
    Task<bool> RevokeAsync();
}
