using Orleans.Storage;
using StackExchange.Redis;

namespace CodexRelay.Grains.Storage.Redis;

/// <summary>
/// Grain storage on Redis: one hash (<c>etag</c>, <c>data</c>) per state, written with an ETag check in a
/// Lua script, and given the idle TTL as key expiry (refreshed on every read and write); an infinite TTL never expires.
/// </summary>
internal sealed class RedisGrainStorage(string serviceId, IConnectionMultiplexer redis, TimeSpan ttl) : IGrainStorage
{
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], 'etag')
        if (current or '') ~= ARGV[1] then return current or '' end
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
        if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
        return false
        """;

    private const string ClearScript = """
        local current = redis.call('HGET', KEYS[1], 'etag')
        if (current or '') ~= ARGV[1] then return current or '' end
        redis.call('DEL', KEYS[1])
        return false
        """;

    private IDatabase Database => redis.GetDatabase();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredState.Key(serviceId, grainId, stateName);
        var values = await StorageErrors.WrapAsync(() => Database.HashGetAsync(key, ["etag", "data"]), key);
        if (values[0].IsNull || values[1].IsNull)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        if (ttl != Timeout.InfiniteTimeSpan)
        {
            _ = Database.KeyExpireAsync(key, ttl, flags: CommandFlags.FireAndForget);
        }
        grainState.State = StoredState.Deserialize<T>((byte[])values[1]!)!;
        grainState.ETag = values[0];
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredState.Key(serviceId, grainId, stateName);
        var etag = StoredState.NewETag();
        var conflict = await StorageErrors.WrapAsync(
            () => Database.ScriptEvaluateAsync(WriteScript, [key], [grainState.ETag ?? "", etag, StoredState.Serialize(grainState.State), ttl == Timeout.InfiniteTimeSpan ? 0L : (long)ttl.TotalMilliseconds]),
            key);
        if (!conflict.IsNull)
        {
            throw new InconsistentStateException($"Version conflict writing {key}.", (string?)conflict ?? "", grainState.ETag ?? "");
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredState.Key(serviceId, grainId, stateName);
        var conflict = await StorageErrors.WrapAsync(() => Database.ScriptEvaluateAsync(ClearScript, [key], [grainState.ETag ?? ""]), key);
        if (!conflict.IsNull)
        {
            throw new InconsistentStateException($"Version conflict clearing {key}.", (string?)conflict ?? "", grainState.ETag ?? "");
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
