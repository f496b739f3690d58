namespace CodexRelay.Contracts.Tenancy;

/// <summary>One tenant: its limits and its tokens spent today, across all its keys.</summary>
[Alias("codexrelay.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    [Alias("SetLimits")]
    Task SetLimitsAsync(TenantLimits limits);

    [Alias("GetLimits")]
    Task<TenantLimits> GetLimitsAsync();

    /// <summary>Seconds until the tenant may spend again, or null when it is under its daily tokens.</summary>
    [Alias("QuotaWait")]
    Task<int?> QuotaWaitAsync();

    [Alias("Charge")]
    Task ChargeAsync(long tokens);

    [Alias("TokensToday")]
    Task<long> TokensTodayAsync();
}
