using CodexRelay.Grains.Storage.Disk;
using Orleans.Storage;

namespace CodexRelay.Integration.Tests.Storage;

public sealed class DiskStorageTests : GrainStorageConformance, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "codexrelay-disk-" + Guid.NewGuid().ToString("N"));

    protected override IGrainStorage CreateStorage(TimeSpan ttl) => new DiskGrainStorage("codexrelay-test", _root);

    protected override Task ExpireAsync(TimeSpan ttl)
    {
        Assert.True(DiskSweeper.Sweep(_root, ttl, DateTime.UtcNow + ttl + TimeSpan.FromSeconds(1)) > 0);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Records_AreInspectableJsonFiles()
    {
        var storage = (DiskGrainStorage)CreateStorage(TimeSpan.FromHours(1));
        await storage.WriteStateAsync("turn-x", GrainId.Create("conversation", "abc"), new GrainState<Grains.History.TurnRecord>(new() { Turn = new() { ResponseId = "resp_x", Owner = "default", InputItemsJson = "[]", ResponseJson = "{}" } }));

        var file = Directory.GetFiles(_root, "*.json", SearchOption.AllDirectories).Single();

        Assert.Contains("\"responseId\":\"resp_x\"", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain("$type", File.ReadAllText(file), StringComparison.Ordinal);
    }

    /// <summary>The offboarding index is swept on its own retention; keys and usage next to it are kept for good.</summary>
    [Fact]
    public async Task ASweepScopedToAGrainType_RemovesOnlyThatTypesRecords()
    {
        var storage = new DiskGrainStorage("codexrelay-tenancy", _root);
        await storage.WriteStateAsync("owners", GrainId.Create("ownerindex", "team/2026-01-01"), new GrainState<Grains.Tenancy.OwnerIndexState>(new()));
        await storage.WriteStateAsync("key", GrainId.Create("apikey", "k1"), new GrainState<Grains.Tenancy.OwnerIndexState>(new()));
        var tenancy = Path.Combine(_root, "codexrelay-tenancy");

        Assert.Equal(1, storage.Sweep(TimeSpan.FromHours(1), DateTime.UtcNow.AddHours(2), Grains.Tenancy.OwnerIndexStorage.GrainType));
        Assert.Equal(["key.json"], Directory.GetFiles(tenancy, "*.json", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
