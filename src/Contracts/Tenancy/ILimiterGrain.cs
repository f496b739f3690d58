namespace CodexRelay.Contracts.Tenancy;

/// <summary>
/// The limits of one key (keyed by key id), exact across gateways because one activation counts for all of them:
/// a sliding 60 s window of requests, responses in flight, and tokens per day for the key and its tenant.
/// A request makes one call here before it starts; its end releases the lease and charges its usage.
/// </summary>
[Alias("codexrelay.ILimiterGrain")]
public interface ILimiterGrain : IGrainWithStringKey
{
    [Alias("Acquire")]
    Task<LimitDecision> AcquireAsync(string tenant, KeyLimits limits);

    /// <summary>Ends a lease and charges the response's usage to the key, its tenant and the usage records.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string? leaseId, UsageRecord usage);
}
