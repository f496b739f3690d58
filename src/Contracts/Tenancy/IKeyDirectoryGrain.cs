namespace CodexRelay.Contracts.Tenancy;

/// <summary>The index of every key (one grain, key <see cref="Name"/>): lists, revocation by id, tenants.</summary>
[Alias("codexrelay.IKeyDirectoryGrain")]
public interface IKeyDirectoryGrain : IGrainWithStringKey
{
    public const string Name = "keys";

    [Alias("Add")]
    Task AddAsync(KeyDescriptor key);

    [Alias("List")]
    Task<IReadOnlyList<KeyDescriptor>> ListAsync(string? tenant);

    [Alias("Find")]
    Task<KeyDescriptor?> FindAsync(string id);

    [Alias("Tenants")]
    Task<IReadOnlyList<string>> TenantsAsync();

    /// <summary>Forgets a tenant's keys and returns them (offboarding revokes each).</summary>
    [Alias("RemoveTenant")]
    Task<IReadOnlyList<KeyDescriptor>> RemoveTenantAsync(string tenant);
}
