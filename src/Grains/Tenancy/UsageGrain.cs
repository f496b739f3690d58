using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// One tenant's usage on one day, a record per user and model. One activation adds every gateway's charges in turn,
/// so two gateways serving the same key never lose an update; the day's records are written at most once a second.
/// </summary>
internal sealed class UsageGrain(
    [PersistentState("usage", TenancyStorage.Name)] IPersistentState<UsageState> state) : Grain, IUsageGrain
{
    private WriteBehind<UsageState>? _writes;

    public Task AddAsync(UsageRecord usage)
    {
        var records = state.State.Records;
        var index = records.FindIndex(r => r.User == usage.User && r.Model == usage.Model);
        if (index >= 0)
        {
            records[index] = records[index].Plus(usage);
        }
        else
        {
            records.Add(usage);
        }

        (_writes ??= new WriteBehind<UsageState>(this, state)).MarkChanged();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writes?.FlushPendingAsync(reason, cancellationToken) ?? Task.CompletedTask;

    public Task<IReadOnlyList<UsageRecord>> ListAsync() => Task.FromResult<IReadOnlyList<UsageRecord>>([.. state.State.Records]);
}
