using CodexRelay.Contracts;
using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// What a key's limiter owes its tenant and the day's usage records, sent on at most once a second instead of two
/// grain calls per response: a busy key costs its gateway one call per request end, not three. A silo crash can lose
/// the last second (as the write-behind of the records themselves); deactivation sends what is pending.
/// </summary>
internal sealed class UsageForwarding(Grain grain, IGrainFactory grains)
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private readonly List<UsageRecord> _records = [];
    private IGrainTimer? _timer;

    public void Add(UsageRecord usage)
    {
        var index = _records.FindIndex(r => r.Tenant == usage.Tenant && r.Day == usage.Day && r.User == usage.User && r.Model == usage.Model);
        if (index >= 0)
        {
            _records[index] = _records[index].Plus(usage);
        }
        else
        {
            _records.Add(usage);
        }

        _timer ??= grain.RegisterGrainTimer(SendAsync, new GrainTimerCreationOptions(Delay, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    public Task SendPendingAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _timer is not null && TenancyDurability.WorthSaving(grain, reason) ? SendAsync(cancellationToken) : Task.CompletedTask;

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        UsageRecord[] records = [.. _records];
        _records.Clear();
        var charges = records.GroupBy(r => r.Tenant)
            .Select(tenant => (Tenant: tenant.Key, Tokens: tenant.Sum(r => r.TotalTokens)))
            .Where(tenant => tenant.Tokens > 0)
            .Select(tenant => grains.Reference<ITenantGrain>(tenant.Tenant).ChargeAsync(tenant.Tokens));
        var additions = records.Select(record => grains.Reference<IUsageGrain>($"{record.Tenant}/{record.Day}").AddAsync(record));
        await Task.WhenAll(charges.Concat(additions)).WaitAsync(cancellationToken);
    }
}
