namespace CodexRelay.Contracts.Observability;

/// <summary>
/// The cluster's board of gateway counters (one activation, key 0): every gateway publishes its snapshot every few
/// seconds, and any gateway's dashboard reads all of them. Kept in memory only: the snapshots are cumulative since
/// each gateway started, so a board re-activated after a silo loss is whole again one publish later.
/// </summary>
[Alias("codexrelay.IGatewayBoardGrain")]
public interface IGatewayBoardGrain : IGrainWithIntegerKey
{
    [Alias("Publish")]
    Task PublishAsync(GatewaySnapshot snapshot);

    /// <summary>Every gateway heard from in the last ten minutes, each with the time the board last heard from it.</summary>
    [Alias("List")]
    Task<IReadOnlyList<GatewaySnapshot>> ListAsync();
}
