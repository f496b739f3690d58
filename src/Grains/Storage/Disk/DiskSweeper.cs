namespace CodexRelay.Grains.Storage.Disk;

/// <summary>Removes disk records idle longer than the TTL (file time = last write or read).</summary>
internal static class DiskSweeper
{
    /// <summary>Sweeps every record under <paramref name="root"/>, or only those of grains whose folder starts with <paramref name="grainPrefix"/>.</summary>
    public static int Sweep(string root, TimeSpan ttl, DateTime now, string? grainPrefix = null)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        var files = grainPrefix is null
            ? Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            : Directory.EnumerateDirectories(root, grainPrefix + "*").SelectMany(grain => Directory.EnumerateFiles(grain, "*.json", SearchOption.AllDirectories));
        foreach (var file in files)
        {
            if (now - File.GetLastWriteTimeUtc(file) > ttl)
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }
}
