using CodexRelay.Contracts.History;

namespace CodexRelay.Grains.History;

/// <summary>
/// Keeps a conversation's tenant turns findable by offboarding while they are used. A store keeps a turn for the idle
/// TTL from its last read or write, so a conversation that goes on for weeks keeps its first turns; offboarding walks
/// only the day indexes a live turn can be in (the TTL's days), so a turn used on a later day than it was created is
/// indexed again under that day — once a day per conversation activation, whether the use read the store or the cache.
/// </summary>
internal sealed class UsedTurnIndex(TimeProvider time)
{
    private readonly HashSet<string> _indexedToday = new(StringComparer.Ordinal);
    private long _today = long.MinValue;

    /// <summary>The day (days since 1970-01-01, UTC) to index <paramref name="turn"/> under again, or null when it needs none.</summary>
    public long? DayToIndex(StoredTurn turn)
    {
        if (TurnWrite.TenantLength(turn.Owner) <= 0)
        {
            return null;
        }

        var today = TurnWrite.UnixDay(time.GetUtcNow().ToUnixTimeSeconds());
        if (TurnWrite.UnixDay(turn.CreatedAt) >= today)
        {
            return null;
        }

        if (today != _today)
        {
            _today = today;
            _indexedToday.Clear();
        }

        return _indexedToday.Add(turn.ResponseId) ? today : null;
    }
}
