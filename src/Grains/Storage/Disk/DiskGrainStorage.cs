using System.Text;
using System.Text.Json;
using Orleans.Storage;

namespace CodexRelay.Grains.Storage.Disk;

/// <summary>
/// Grain storage in a folder, for one machine: one inspectable JSON file per record
/// (<c>{"etag":…,"state":{…}}</c>), replaced atomically; the ETag check runs under a per-process lock.
/// Records idle longer than the TTL are removed by <see cref="Sweep"/> (reads refresh the file time).
/// </summary>
internal sealed class DiskGrainStorage(string serviceId, string root) : IGrainStorage
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// Removes this store's records idle longer than <paramref name="ttl"/>; with <paramref name="grainType"/>, only
    /// that grain type's (the offboarding index shares its store with keys and usage, which are kept for good).
    /// </summary>
    public int Sweep(TimeSpan ttl, DateTime now, string? grainType = null) =>
        DiskSweeper.Sweep(Path.Combine(Root, serviceId), ttl, now, grainType is null ? null : FolderName(grainType + "/"));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(grainId, stateName);
        var record = await ReadAsync(path);
        if (record is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        grainState.State = StoredState.Deserialize<T>(Encoding.UTF8.GetBytes(record.Value.GetProperty("state").GetRawText()))!;
        grainState.ETag = record.Value.GetProperty("etag").GetString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(grainId, stateName);
        var etag = StoredState.NewETag();
        await Gate.WaitAsync();
        try
        {
            await CheckETagAsync(path, grainState.ETag);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var json = $"{{\"etag\":\"{etag}\",\"state\":{Encoding.UTF8.GetString(StoredState.Serialize(grainState.State))}}}";
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, json);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            Gate.Release();
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(grainId, stateName);
        await Gate.WaitAsync();
        try
        {
            await CheckETagAsync(path, grainState.ETag);
            File.Delete(path);
        }
        finally
        {
            Gate.Release();
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private static async Task CheckETagAsync(string path, string? expected)
    {
        var current = (await ReadAsync(path))?.GetProperty("etag").GetString();
        if (!string.Equals(current ?? "", expected ?? "", StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"Version conflict on {Path.GetFileName(path)}.", current ?? "", expected ?? "");
        }
    }

    private static async Task<JsonElement?> ReadAsync(string path)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream);
            return document.RootElement.Clone();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(GrainId grainId, string stateName)
    {
        StoredState.Check(grainId, stateName);
        var path = Path.GetFullPath(Path.Combine(Root, serviceId, FolderName(grainId.ToString()), stateName + ".json"));

        // The checked parts cannot leave the root; this holds even if the check ever loosens.
        return path.StartsWith(Path.Join(Root, serviceId) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("The record would lie outside the history folder.", nameof(stateName));
    }

    /// <summary>A grain id (<c>type/key</c>) as a folder name: anything but letters, digits, '-', '_' and '.' becomes '_'.</summary>
    private static string FolderName(string grainId) =>
        string.Concat(grainId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
