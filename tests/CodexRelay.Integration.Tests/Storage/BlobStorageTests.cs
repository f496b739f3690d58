using Azure.Storage.Blobs;
using CodexRelay.Grains.Storage.Blob;
using CodexRelay.Testing.Storage;
using Orleans.Storage;

namespace CodexRelay.Integration.Tests.Storage;

public sealed class BlobStorageTests(AzuriteFixture azurite) : GrainStorageConformance, IClassFixture<AzuriteFixture>
{
    private readonly string _containerName = "history-" + Guid.NewGuid().ToString("N")[..12];

    private BlobContainerClient Container => new(azurite.ConnectionString, _containerName);

    protected override IGrainStorage CreateStorage(TimeSpan ttl) => new BlobGrainStorage("codexrelay-test", Container);

    [Fact]
    public async Task Retention_CountsFromLastUse_NotFromTheWrite()
    {
        var ttl = TimeSpan.FromHours(2);
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var storage = new BlobGrainStorage("codexrelay-test", Container, ttl / 4, clock);
        var grain = GrainId.Create("conversation", Guid.NewGuid().ToString("N"));
        await storage.WriteStateAsync("turn-first", grain, new GrainState<Grains.History.TurnRecord>(new() { Turn = new() { ResponseId = "resp_x", Owner = "default", InputItemsJson = "[]", ResponseJson = "{}" } }));

        // A conversation in use for longer than the TTL keeps reading its first turn.
        clock.Now += ttl * 0.75;
        var read = new GrainState<Grains.History.TurnRecord>(new());
        await storage.ReadStateAsync("turn-first", grain, read);
        var removed = await BlobSweeper.SweepAsync(Container, "codexrelay-test", ttl, clock.Now + ttl * 0.75, CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.Equal(1, await BlobSweeper.SweepAsync(Container, "codexrelay-test", ttl, clock.Now + ttl * 1.1, CancellationToken.None));
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    protected override async Task ExpireAsync(TimeSpan ttl)
    {
        var removed = await BlobSweeper.SweepAsync(Container, "codexrelay-test", ttl, DateTimeOffset.UtcNow + ttl + TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(removed > 0);
    }
}
