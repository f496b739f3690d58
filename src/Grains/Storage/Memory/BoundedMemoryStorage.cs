using Orleans.Storage;

namespace CodexRelay.Grains.Storage.Memory;

/// <summary>
/// The zero-setup store (<see cref="InProcessGrainStorage"/> on an embedded silo, Orleans' memory grain storage on
/// several) bounded like the others: at most <c>maxRecords</c>
/// records, the least recently used removed first, and none kept past <c>ttl</c> without a read or write.
/// Names are checked as every store checks them. The bound is per silo: each silo tracks what it used.
/// </summary>
internal sealed class BoundedMemoryStorage(IGrainStorage inner, int maxRecords, TimeSpan ttl, TimeProvider time) : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _order = new();
    private readonly Dictionary<(GrainId, string), LinkedListNode<Entry>> _entries = [];

    /// <summary>Where the records are: in this process, or Orleans' memory storage grains.</summary>
    public IGrainStorage Inner => inner;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        StoredState.Check(grainId, stateName);
        await EvictAsync<T>();
        await inner.ReadStateAsync(stateName, grainId, grainState);
        if (grainState.RecordExists)
        {
            Touch(grainId, stateName, grainState.ETag);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        StoredState.Check(grainId, stateName);
        await inner.WriteStateAsync(stateName, grainId, grainState);
        Touch(grainId, stateName, grainState.ETag);
        await EvictAsync<T>();
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        StoredState.Check(grainId, stateName);
        await inner.ClearStateAsync(stateName, grainId, grainState);
        lock (_gate)
        {
            if (_entries.Remove((grainId, stateName), out var node))
            {
                _order.Remove(node);
            }
        }
    }

    private void Touch(GrainId grainId, string stateName, string? etag)
    {
        lock (_gate)
        {
            if (_entries.Remove((grainId, stateName), out var old))
            {
                _order.Remove(old);
            }

            _entries[(grainId, stateName)] = _order.AddLast(new Entry(grainId, stateName, etag, time.GetUtcNow()));
        }
    }

    /// <summary>Removes what is over the count or idle past the TTL; a record written meanwhile (another ETag) stays.</summary>
    private async Task EvictAsync<T>()
    {
        var now = time.GetUtcNow();
        List<Entry> victims = [];
        lock (_gate)
        {
            while (_order.First is { } oldest && (_entries.Count > maxRecords || now - oldest.Value.LastUsed > ttl))
            {
                _order.RemoveFirst();
                _entries.Remove((oldest.Value.GrainId, oldest.Value.StateName));
                victims.Add(oldest.Value);
            }
        }

        foreach (var victim in victims)
        {
            try
            {
                await inner.ClearStateAsync(victim.StateName, victim.GrainId, new GrainState<T>(default!, victim.ETag));
            }
            catch (InconsistentStateException)
            {
                // Written again since: in use, not idle.
            }
        }
    }

    private sealed record Entry(GrainId GrainId, string StateName, string? ETag, DateTimeOffset LastUsed);
}
