using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

/// <summary>One tenant's limits and the tokens its keys spent today.</summary>
internal sealed class TenantGrain(
    [PersistentState("tenant", TenancyStorage.Name)] IPersistentState<TenantState> state, TimeProvider time) : Grain, ITenantGrain
{
    private WriteBehind<TenantState>? _writes;

    public async Task SetLimitsAsync(TenantLimits limits)
    {
        state.State.Limits = limits;
        await state.WriteStateAsync();
    }

    public Task<TenantLimits> GetLimitsAsync() => Task.FromResult(state.State.Limits);

    public Task<int?> QuotaWaitAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult<int?>(state.State.Limits.TokensPerDay is { } limit && state.State.Today.TokensOn(DailyTokens.DayOf(now)) >= limit
            ? DailyTokens.SecondsToNextDay(now)
            : null);
    }

    public Task ChargeAsync(long tokens)
    {
        state.State.Today.Add(DailyTokens.DayOf(time.GetUtcNow()), tokens);
        (_writes ??= new WriteBehind<TenantState>(this, state)).MarkChanged();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writes?.FlushPendingAsync(reason, cancellationToken) ?? Task.CompletedTask;

    public Task<long> TokensTodayAsync() => Task.FromResult(state.State.Today.TokensOn(DailyTokens.DayOf(time.GetUtcNow())));
}
