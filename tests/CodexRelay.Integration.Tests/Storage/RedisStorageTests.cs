using CodexRelay.Grains.Storage.Redis;
using CodexRelay.Testing.Storage;
using Orleans.Storage;
using StackExchange.Redis;

namespace CodexRelay.Integration.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class RedisStorageTests(RedisFixture redis) : GrainStorageConformance
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => ConnectionMultiplexer.Connect(redis.ConnectionString));

    protected override IGrainStorage CreateStorage(TimeSpan ttl) => new RedisGrainStorage("codexrelay-test", _connection.Value, ttl);

    protected override async Task ExpireAsync(TimeSpan ttl)
    {
        // Redis expires the key itself; wait past the TTL.
        await Task.Delay(ttl + TimeSpan.FromMilliseconds(300));
    }
}
