using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace CodexRelay.Grains.Storage.Memory;

/// <summary>
/// The memory store of an embedded silo (the only silo of its cluster): records in this process, each a deep copy
/// of what was written, with the ETag rules of every other store. Orleans' memory storage keeps them in storage grains
/// so that another silo can read them; with one silo that is a grain call and a serialization per read and write for
/// nothing (docs/performance.md), so clusters of several silos keep Orleans' storage and the embedded silo uses this.
/// </summary>
internal sealed class InProcessGrainStorage(DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(GrainId, string), Record> _records = new();
    private long _version;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((grainId, stateName), out var record))
        {
            grainState.State = copier.Copy((T)record.State);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (grainId, stateName);
        var written = new Record(copier.Copy(grainState.State)!, NextETag());
        if (grainState.ETag is null)
        {
            if (!_records.TryAdd(key, written))
            {
                throw Conflict(stateName, grainId);
            }
        }
        else if (!_records.TryGetValue(key, out var current) || current.ETag != grainState.ETag || !_records.TryUpdate(key, written, current))
        {
            throw Conflict(stateName, grainId);
        }

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (grainId, stateName);
        if (_records.TryGetValue(key, out var current))
        {
            if (current.ETag != grainState.ETag || !_records.TryRemove(KeyValuePair.Create(key, current)))
            {
                throw Conflict(stateName, grainId);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string stateName, GrainId grainId) =>
        new($"The record {stateName} of {grainId} was changed or removed by another writer.");

    private sealed record Record(object State, string ETag);
}
