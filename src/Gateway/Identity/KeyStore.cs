using CodexRelay.Contracts;
using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Gateway.Identity;

/// <summary>The gateway's door to the key grains: lookups on the request path, creation and revocation for the admin API.</summary>
internal sealed class KeyStore(IGrainFactory grains, TimeProvider time)
{
    private IKeyDirectoryGrain Directory => grains.Reference<IKeyDirectoryGrain>(IKeyDirectoryGrain.Name);

    public Task<KeyStatus?> LookupAsync(string hash, CancellationToken cancellationToken) =>
        grains.Reference<IApiKeyGrain>(hash).GetAsync().WaitAsync(cancellationToken);

    /// <summary>Marks a key used; one-way, taken on a cache refresh rather than on every request.</summary>
    public void Touch(string hash) => _ = grains.Reference<IApiKeyGrain>(hash).TouchAsync();

    /// <summary>Creates a key; the returned secret exists only in this answer.</summary>
    public async Task<(KeyDescriptor Key, string Secret)> CreateAsync(
        string tenant, string user, IReadOnlyList<string> models, KeyLimits limits, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var secret = RelayKeys.NewKey();
        var hash = RelayKeys.Hash(secret);
        var key = new KeyDescriptor
        {
            Id = RelayKeys.IdOf(hash),
            Hash = hash,
            Tenant = tenant,
            User = user,
            Models = models,
            Limits = limits,
            ExpiresAt = expiresAt,
            CreatedAt = time.GetUtcNow(),
        };
        await grains.Reference<IApiKeyGrain>(hash).CreateAsync(key).WaitAsync(cancellationToken);
        await Directory.AddAsync(key).WaitAsync(cancellationToken);
        return (key, secret);
    }

    public async Task<IReadOnlyList<KeyStatus>> ListAsync(string? tenant, CancellationToken cancellationToken)
    {
        var keys = await Directory.ListAsync(tenant).WaitAsync(cancellationToken);
        var statuses = await Task.WhenAll(keys.Select(k => grains.Reference<IApiKeyGrain>(k.Hash).GetAsync())).WaitAsync(cancellationToken);
        return [.. statuses.Select((status, i) => status ?? new KeyStatus { Key = keys[i] })];
    }

    /// <summary>Revokes a key by its public id; false when there is no such key or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken) =>
        await Directory.FindAsync(id).WaitAsync(cancellationToken) is { } key
        && await grains.Reference<IApiKeyGrain>(key.Hash).RevokeAsync().WaitAsync(cancellationToken);

    /// <summary>Revokes every key of a tenant and forgets them; returns how many there were.</summary>
    public async Task<int> RemoveTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        var keys = await Directory.RemoveTenantAsync(tenant).WaitAsync(cancellationToken);
        await Task.WhenAll(keys.Select(k => grains.Reference<IApiKeyGrain>(k.Hash).RevokeAsync())).WaitAsync(cancellationToken);
        return keys.Count;
    }

    public Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) => Directory.TenantsAsync().WaitAsync(cancellationToken);

    public Task SetTenantLimitsAsync(string tenant, TenantLimits limits, CancellationToken cancellationToken) =>
        grains.Reference<ITenantGrain>(tenant).SetLimitsAsync(limits).WaitAsync(cancellationToken);
}
