using CodexRelay.Contracts;
using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// One key's limits, exact across gateways: requests in a sliding minute and leases in flight live in this activation
/// (a silo failure forgets at most a minute of requests), tokens per day are persisted (at most once a second). Ending a lease charges the
/// usage to the key at once, and to its tenant and the day's usage records within a second (<see cref="UsageForwarding"/>).
/// </summary>
internal sealed class LimiterGrain(
    [PersistentState("tokens", TenancyStorage.Name)] IPersistentState<DailyTokens> tokens, TimeProvider time) : Grain, ILimiterGrain
{
    /// <summary>A lease a gateway never ended (it died) frees its slot after this long.</summary>
    private static readonly TimeSpan LeaseLifetime = TimeSpan.FromMinutes(15);
    private readonly SlidingWindow _window = new();
    private readonly Dictionary<string, DateTimeOffset> _leases = new(StringComparer.Ordinal);
    private WriteBehind<DailyTokens>? _writes;
    private UsageForwarding? _forwarding;
    private (DateTimeOffset CheckedAt, int? Wait) _tenantQuota = (DateTimeOffset.MinValue, null);

    public async Task<LimitDecision> AcquireAsync(string tenant, KeyLimits limits)
    {
        var now = time.GetUtcNow();
        var day = DailyTokens.DayOf(now);
        if (limits.TokensPerDay is { } keyTokens && tokens.State.TokensOn(day) >= keyTokens)
        {
            return new LimitDecision { Refusal = LimitRefusal.KeyTokensPerDay, RetryAfterSeconds = DailyTokens.SecondsToNextDay(now) };
        }

        if (await TenantWaitAsync(tenant, now) is { } tenantWait)
        {
            return new LimitDecision { Refusal = LimitRefusal.TenantTokensPerDay, RetryAfterSeconds = tenantWait };
        }

        foreach (var expired in _leases.Where(l => now - l.Value > LeaseLifetime).Select(l => l.Key).ToList())
        {
            _leases.Remove(expired);
        }

        if (limits.ConcurrentRequests is { } concurrent && _leases.Count >= concurrent)
        {
            return new LimitDecision { Refusal = LimitRefusal.ConcurrentRequests, RetryAfterSeconds = 1 };
        }

        if (limits.RequestsPerMinute is { } perMinute && _window.TryAdmit(perMinute, now) is { } wait)
        {
            return new LimitDecision { Refusal = LimitRefusal.RequestsPerMinute, RetryAfterSeconds = wait };
        }

        var lease = SecureRandomHex.Next(16);
        _leases[lease] = now;
        return new LimitDecision { LeaseId = lease };
    }

    public Task ReleaseAsync(string? leaseId, UsageRecord usage)
    {
        if (leaseId is not null)
        {
            _leases.Remove(leaseId);
        }

        if (usage.TotalTokens > 0)
        {
            tokens.State.Add(DailyTokens.DayOf(time.GetUtcNow()), usage.TotalTokens);
            (_writes ??= new WriteBehind<DailyTokens>(this, tokens)).MarkChanged();
        }

        (_forwarding ??= new UsageForwarding(this, GrainFactory)).Add(usage);
        return Task.CompletedTask;
    }

    /// <summary>The tenant's quota, asked at most once a second: tokens are charged when responses end, so a second changes nothing.</summary>
    private async Task<int?> TenantWaitAsync(string tenant, DateTimeOffset now)
    {
        if (now - _tenantQuota.CheckedAt >= TimeSpan.FromSeconds(1))
        {
            _tenantQuota = (now, await GrainFactory.Reference<ITenantGrain>(tenant).QuotaWaitAsync());
        }

        return _tenantQuota.Wait;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_forwarding is not null)
        {
            await _forwarding.SendPendingAsync(reason, cancellationToken);
        }

        if (_writes is not null)
        {
            await _writes.FlushPendingAsync(reason, cancellationToken);
        }
    }
}
