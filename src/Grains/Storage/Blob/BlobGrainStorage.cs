using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orleans.Storage;

namespace CodexRelay.Grains.Storage.Blob;

/// <summary>
/// Grain storage on Azure Blob Storage (our own: the Orleans provider is not on our feed). One JSON blob per
/// record, named <c>{serviceId}/{grainId}/{stateName}.json</c>; ETag concurrency through <c>If-Match</c> and
/// <c>If-None-Match: *</c> (409 and 412 both mean a version conflict). <see cref="BlobSweeper"/> removes idle records.
/// </summary>
internal sealed class BlobGrainStorage(string serviceId, BlobContainerClient container) : IGrainStorage
{
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _created.Value;
        var blob = container.GetBlobClient(Name(grainId, stateName));
        try
        {
            var content = await blob.DownloadContentAsync();
            grainState.State = StoredState.Deserialize<T>(content.Value.Content.ToMemory().Span)!;
            grainState.ETag = content.Value.Details.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _created.Value;
        var blob = container.GetBlobClient(Name(grainId, stateName));
        var conditions = grainState.ETag is { } etag ? new BlobRequestConditions { IfMatch = new ETag(etag) } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            var result = await blob.UploadAsync(new BinaryData(StoredState.Serialize(grainState.State)), new BlobUploadOptions { Conditions = conditions });
            grainState.ETag = result.Value.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
            throw new InconsistentStateException($"Version conflict writing {blob.Name}.", "", grainState.ETag ?? "", conflict);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _created.Value;
        var blob = container.GetBlobClient(Name(grainId, stateName));
        try
        {
            var conditions = grainState.ETag is { } etag ? new BlobRequestConditions { IfMatch = new ETag(etag) } : null;
            await blob.DeleteIfExistsAsync(conditions: conditions);
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
            throw new InconsistentStateException($"Version conflict clearing {blob.Name}.", "", grainState.ETag ?? "", conflict);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private string Name(GrainId grainId, string stateName) => $"{serviceId}/{grainId}/{stateName}.json";
}
