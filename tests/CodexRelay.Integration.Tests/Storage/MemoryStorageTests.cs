using CodexRelay.Grains.History;
using CodexRelay.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CodexRelay.Integration.Tests.Storage;

/// <summary>The zero-setup store of an embedded silo (records in its process), under the same contract.</summary>
public sealed class MemoryStorageTests : MemoryStorageTestsBase
{
    protected override string ClusterMode => "embedded";

    [Fact]
    public void TheEmbeddedSilo_KeepsItsRecordsInItsProcess()
    {
        var storage = (Grains.Storage.Memory.BoundedMemoryStorage)((Grains.Observability.MeteredGrainStorage)CreateStorage(TimeSpan.FromHours(1))).Inner;

        Assert.IsType<Grains.Storage.Memory.InProcessGrainStorage>(storage.Inner);
    }
}

/// <summary>The memory store of a cluster of several silos (Orleans' memory storage grains), under the same contract.</summary>
public sealed class SharedMemoryStorageTests : MemoryStorageTestsBase
{
    protected override string ClusterMode => "localhost";

    [Fact]
    public void SeveralSilos_ShareOrleansMemoryStorage()
    {
        var storage = (Grains.Storage.Memory.BoundedMemoryStorage)((Grains.Observability.MeteredGrainStorage)CreateStorage(TimeSpan.FromHours(1))).Inner;

        Assert.IsNotType<Grains.Storage.Memory.InProcessGrainStorage>(storage.Inner);
    }
}

public abstract class MemoryStorageTestsBase : GrainStorageConformance, IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    /// <summary><c>CodexRelay:Cluster:Mode</c>: which memory store the silo chooses.</summary>
    protected abstract string ClusterMode { get; }

    protected override bool Expires => false;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CodexRelay:History:Store"] = "memory", ["CodexRelay:History:MemoryMaxRecords"] = "50", ["CodexRelay:Cluster:Mode"] = ClusterMode }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddHistoryStorage(configuration));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    protected sealed override IGrainStorage CreateStorage(TimeSpan ttl) =>
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
