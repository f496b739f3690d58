using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// The responses a tenant stored on one day, as <c>{owner} {responseId}</c>, for offboarding. Additions arrive one-way
/// from conversation grains and are written at most once a second, so recording a turn waits for none of it.
/// </summary>
internal sealed class OwnerIndexGrain(
    [PersistentState("owners", TenancyStorage.Name)] IPersistentState<OwnerIndexState> state) : Grain, IOwnerIndexGrain
{
    private WriteBehind<OwnerIndexState>? _writes;

    public Task AddAsync(string owner, string responseId)
    {
        state.State.Entries.Add(owner + " " + responseId);
        (_writes ??= new WriteBehind<OwnerIndexState>(this, state)).MarkChanged();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Entries]);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writes?.FlushPendingAsync(reason, cancellationToken) ?? Task.CompletedTask;
}
