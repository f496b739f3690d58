using CodexRelay.Contracts.History;
using CodexRelay.Grains.History;
using CodexRelay.Grains.Hosting;
using CodexRelay.Testing.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CodexRelay.Integration.Tests.History;

/// <summary>
/// The memory store forgets a record idle for the TTL, like every store; a conversation in use is served from the
/// turn cache, which must renew its turns in the store, or they are gone once the cache lets them go.
/// </summary>
public sealed class MemoryHistoryRetentionTests
{
    [Fact]
    public async Task AConversationInUse_KeepsItsTurnsInTheMemoryStore_PastTheTtl()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CodexRelay:History:Store"] = "memory",
            ["CodexRelay:History:SessionTtlHours"] = "10",
            ["CodexRelay:Cluster:Mode"] = "embedded",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.AddHistoryStorage(configuration);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var storage = cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(HistoryStorage.Name);

        var conversation = ResponseIds.NewConversationId();
        var id = ResponseIds.NewResponseId(conversation);
        var grain = cluster.Client.GetGrain<IConversationGrain>(conversation);
        await grain.RecordAsync(new StoredTurn { ResponseId = id, Owner = "default", InputItemsJson = "[]", ResponseJson = "{}", CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds() });

        clock.Now += TimeSpan.FromHours(6); // in use: served from the cache, cached longer than half the TTL
        Assert.NotNull(await grain.GetTurnAsync("default", id));
        clock.Now += TimeSpan.FromHours(6); // 12 h after the write, 6 h after the last use

        var stored = new GrainState<TurnRecord>(new TurnRecord());
        await storage.ReadStateAsync(TurnWrite.StateName(id), GrainId.Create("conversation", conversation), stored);
        Assert.True(stored.RecordExists, "The store forgot a turn of a conversation in use.");
    }
}
