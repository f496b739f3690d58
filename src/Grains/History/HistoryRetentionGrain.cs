using CodexRelay.Contracts.History;
using Orleans.Concurrency;

namespace CodexRelay.Grains.History;

/// <summary>The history store's idle TTL as this silo was configured (one local activation per silo).</summary>
[StatelessWorker]
internal sealed class HistoryRetentionGrain(HistoryRetention retention) : Grain, IHistoryRetentionGrain
{
    public Task<TimeSpan> GetSessionTtlAsync() => Task.FromResult(retention.SessionTtl);
}

/// <summary>How long the history store keeps a response after its last read or write.</summary>
public sealed record HistoryRetention(TimeSpan SessionTtl);
