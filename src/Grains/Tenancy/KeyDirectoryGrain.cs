using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

/// <summary>The index of every key, for lists, revocation by id and offboarding (an organisation holds thousands at most).</summary>
internal sealed class KeyDirectoryGrain(
    [PersistentState("directory", TenancyStorage.Name)] IPersistentState<KeyDirectoryState> state) : Grain, IKeyDirectoryGrain
{
    public async Task AddAsync(KeyDescriptor key)
    {
        state.State.Keys.RemoveAll(k => k.Id == key.Id);
        state.State.Keys.Add(key);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<KeyDescriptor>> ListAsync(string? tenant) =>
        Task.FromResult<IReadOnlyList<KeyDescriptor>>([.. state.State.Keys.Where(k => tenant is null || k.Tenant == tenant)]);

    public Task<KeyDescriptor?> FindAsync(string id) => Task.FromResult(state.State.Keys.Find(k => k.Id == id));

    public Task<IReadOnlyList<string>> TenantsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Keys.Select(k => k.Tenant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public async Task<IReadOnlyList<KeyDescriptor>> RemoveTenantAsync(string tenant)
    {
        var removed = state.State.Keys.FindAll(k => k.Tenant == tenant);
        if (removed.Count > 0)
        {
            state.State.Keys.RemoveAll(k => k.Tenant == tenant);
            await state.WriteStateAsync();
        }

        return removed;
    }
}
