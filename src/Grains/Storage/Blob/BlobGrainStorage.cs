using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orleans.Storage;

namespace CodexRelay.Grains.Storage.Blob;

/// <summary>
/// Grain storage on Azure Blob Storage (our own: the Orleans provider is not on our feed). One JSON blob per
/// record, named <c>{serviceId}/{grainId}/{stateName}.json</c>; ETag concurrency through <c>If-Match</c> and
/// <c>If-None-Match: *</c> (409 and 412 both mean a version conflict). <see cref="BlobSweeper"/> removes idle records:
/// a read older than <c>touchAfter</c> stamps the blob's <see cref="LastUsed"/> metadata, so retention counts from
/// last use, not from the write (turn records are written once and read for as long as the conversation goes on).
/// </summary>
internal sealed class BlobGrainStorage(string serviceId, BlobContainerClient container, TimeSpan touchAfter, TimeProvider? time = null) : IGrainStorage
{
    /// <summary>Metadata key: when the record was last read or written (unix seconds).</summary>
    public const string LastUsed = "lastused";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private volatile bool _created;

    public BlobGrainStorage(string serviceId, BlobContainerClient container)
        : this(serviceId, container, TimeSpan.FromHours(1))
    {
    }

    /// <summary>Creates the container once it succeeds; a failure (storage not up yet) is retried on the next call, not cached.</summary>
    private async Task EnsureContainerAsync()
    {
        if (!_created)
        {
            await container.CreateIfNotExistsAsync();
            _created = true;
        }
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureContainerAsync();
        var blob = container.GetBlobClient(Name(grainId, stateName));
        try
        {
            var content = await blob.DownloadContentAsync();
            grainState.State = StoredState.Deserialize<T>(content.Value.Content.ToMemory().Span)!;
            grainState.ETag = content.Value.Details.ETag.ToString();
            grainState.RecordExists = true;
            var lastUsed = LastUsedOf(content.Value.Details.Metadata, content.Value.Details.LastModified);
            if (_time.GetUtcNow() - lastUsed >= touchAfter)
            {
                await TouchAsync(blob, grainState, content.Value.Details.ETag);
            }
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
        await EnsureContainerAsync();
        var blob = container.GetBlobClient(Name(grainId, stateName));
        var conditions = grainState.ETag is { } etag ? new BlobRequestConditions { IfMatch = new ETag(etag) } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            var options = new BlobUploadOptions { Conditions = conditions, Metadata = Stamp() };
            var result = await blob.UploadAsync(new BinaryData(StoredState.Serialize(grainState.State)), options);
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
        await EnsureContainerAsync();
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

    /// <summary>When a blob was last used: its metadata stamp, or its last write for blobs written before stamps.</summary>
    public static DateTimeOffset LastUsedOf(IDictionary<string, string>? metadata, DateTimeOffset lastModified) =>
        metadata is not null && metadata.TryGetValue(LastUsed, out var stamp) && long.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) > lastModified ? DateTimeOffset.FromUnixTimeSeconds(seconds) : lastModified
            : lastModified;

    private Dictionary<string, string> Stamp() =>
        new() { [LastUsed] = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Stamps the read; a concurrent write wins (its own stamp is as fresh), so a lost race is no error.</summary>
    private async Task TouchAsync<T>(Azure.Storage.Blobs.BlobClient blob, IGrainState<T> grainState, ETag etag)
    {
        try
        {
            var touched = await blob.SetMetadataAsync(Stamp(), new BlobRequestConditions { IfMatch = etag });
            grainState.ETag = touched.Value.ETag.ToString();
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
        }
    }

    private string Name(GrainId grainId, string stateName) => StoredState.Key(serviceId, grainId, stateName) + ".json";
}
