namespace CodexRelay.Contracts.History;

/// <summary>
/// How long the cluster's history store keeps a response after its last use: the silos'
/// <c>CodexRelay:History:SessionTtlHours</c>. Offboarding walks every day a live response can be indexed under, and
/// a gateway's own configuration need not hold the silos' history settings.
/// </summary>
[Alias("codexrelay.IHistoryRetentionGrain")]
public interface IHistoryRetentionGrain : IGrainWithIntegerKey
{
    [Alias("GetSessionTtl")]
    Task<TimeSpan> GetSessionTtlAsync();
}
