using CodexRelay.Contracts.Observability;

namespace CodexRelay.Grains.Observability;

/// <summary>
/// The latest snapshot of each gateway, in memory. A gateway silent for ten minutes is dropped (scaled down or
/// replaced); the board is bounded by <see cref="MaxGateways"/>, past which the longest-silent one makes room.
/// </summary>
internal sealed class GatewayBoardGrain : Grain, IGatewayBoardGrain
{
    public const int MaxGateways = 1024;

    public static readonly TimeSpan Forget = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, GatewaySnapshot> _gateways = new(StringComparer.Ordinal);

    private readonly TimeProvider _time = TimeProvider.System;

    public Task PublishAsync(GatewaySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!_gateways.ContainsKey(snapshot.Gateway) && _gateways.Count >= MaxGateways)
        {
            _gateways.Remove(_gateways.MinBy(g => g.Value.ReceivedAt).Key);
        }

        _gateways[snapshot.Gateway] = snapshot with { ReceivedAt = _time.GetUtcNow() };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GatewaySnapshot>> ListAsync()
    {
        var cutoff = _time.GetUtcNow() - Forget;
        foreach (var gone in _gateways.Where(g => g.Value.ReceivedAt < cutoff).Select(g => g.Key).ToList())
        {
            _gateways.Remove(gone);
        }

        return Task.FromResult<IReadOnlyList<GatewaySnapshot>>([.. _gateways.Values.OrderBy(g => g.Gateway, StringComparer.Ordinal)]);
    }
}
