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

    protected override async Task ExpireAsync(TimeSpan ttl)
    {
        var removed = await BlobSweeper.SweepAsync(Container, "codexrelay-test", ttl, DateTimeOffset.UtcNow + ttl + TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(removed > 0);
    }
}
