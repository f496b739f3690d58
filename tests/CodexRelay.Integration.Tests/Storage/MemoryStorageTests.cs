using CodexRelay.Grains.History;
using CodexRelay.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CodexRelay.Integration.Tests.Storage;

/// <summary>The zero-setup store (Orleans' memory grain storage, as a silo configures it), under the same contract.</summary>
public sealed class MemoryStorageTests : GrainStorageConformance, IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    protected override bool Expires => false;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CodexRelay:History:Store"] = "memory", ["CodexRelay:History:MemoryMaxRecords"] = "50" }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddHistoryStorage(configuration));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    protected override IGrainStorage CreateStorage(TimeSpan ttl) =>
        _cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(HistoryStorage.Name);

    protected override Task ExpireAsync(TimeSpan ttl) => Task.CompletedTask;

    [Fact]
    public async Task TheMemoryStore_KeepsAtMostItsRecordCap_DroppingTheLeastRecentlyUsed()
    {
        var storage = CreateStorage(TimeSpan.FromHours(1));
        var grain = GrainId.Create("conversation", Guid.NewGuid().ToString("N"));
        for (var i = 0; i < 60; i++)
        {
            await storage.WriteStateAsync($"turn-{i}", grain, new GrainState<TurnRecord>(new() { Turn = new() { ResponseId = $"resp_{i}", Owner = "default", InputItemsJson = "[]", ResponseJson = "{}" } }));
        }

        var first = new GrainState<TurnRecord>(new());
        var last = new GrainState<TurnRecord>(new());
        await storage.ReadStateAsync("turn-0", grain, first);
        await storage.ReadStateAsync("turn-59", grain, last);

        Assert.False(first.RecordExists);
        Assert.True(last.RecordExists);
        Assert.True(((Grains.Storage.Memory.BoundedMemoryStorage)((Grains.Observability.MeteredGrainStorage)storage).Inner).Count <= 50);
    }
}
