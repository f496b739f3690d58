using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// The responses a tenant stored on one day, as <c>{owner} {responseId}</c>, for offboarding. Additions arrive one-way
/// from conversation grains and are written at most once a second, so recording a turn waits for none of it.
/// </summary>
internal sealed class OwnerIndexGrain(
    [PersistentState("owners", TenancyStorage.Name)] IPersistentState<OwnerIndexState> state) : Grain, IOwnerIndexGrain
{
    private IGrainTimer? _flush;

    public Task AddAsync(string owner, string responseId)
    {
        state.State.Entries.Add(owner + " " + responseId);
        _flush ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Entries]);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_flush is not null)
        {
            await FlushAsync(cancellationToken);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        _flush = null;
        await state.WriteStateAsync(cancellationToken);
    }
}
