namespace CodexRelay.Contracts.Tenancy;

/// <summary>Why a limiter refused a request.</summary>
public enum LimitRefusal
{
    None,
    RequestsPerMinute,
    ConcurrentRequests,
    KeyTokensPerDay,
    TenantTokensPerDay,
}
