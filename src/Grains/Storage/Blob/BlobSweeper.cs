using Azure.Storage.Blobs;

namespace CodexRelay.Grains.Storage.Blob;

/// <summary>Removes blob records not used (read or written) for longer than the TTL.</summary>
internal static class BlobSweeper
{
    /// <summary>Sweeps the blobs under <c>{prefix}/</c>: a store's ServiceId, or one grain type's records under it.</summary>
    public static async Task<int> SweepAsync(BlobContainerClient container, string prefix, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, prefix + "/", cancellationToken))
        {
            if (blob.Properties.LastModified is { } modified && now - BlobGrainStorage.LastUsedOf(blob.Metadata, modified) > ttl)
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                removed++;
            }
        }

        return removed;
    }
}
