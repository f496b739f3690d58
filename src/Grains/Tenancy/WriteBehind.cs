namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// Persists a grain's state at most once a second instead of on every change, so a hot counter (a tenant's usage of
/// the day, served to every gateway) costs one storage write a second, not one per request. Reads see every change
/// at once; a silo crash can lose the last second; deactivation writes what is pending (unless the silo is shutting
/// down over a store that goes with it).
/// </summary>
internal sealed class WriteBehind<T>(Grain grain, IPersistentState<T> state)
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private IGrainTimer? _timer;

    public void MarkChanged() =>
        _timer ??= grain.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(Delay, Timeout.InfiniteTimeSpan) { Interleave = false });

    public Task FlushPendingAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _timer is not null && TenancyDurability.WorthSaving(grain, reason) ? FlushAsync(cancellationToken) : Task.CompletedTask;

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        await state.WriteStateAsync(cancellationToken);
    }
}
