namespace CodexRelay.Grains.Storage.Disk;

/// <summary>Removes disk records idle longer than the TTL (file time = last write or read); <see cref="DiskGrainStorage.Sweep"/> names the folders.</summary>
internal static class DiskSweeper
{
    /// <summary>Sweeps every record under <paramref name="root"/>, or only those in grain folders starting with <paramref name="folderPrefix"/>.</summary>
    public static int Sweep(string root, TimeSpan ttl, DateTime now, string? folderPrefix = null)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        var files = folderPrefix is null
            ? Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            : Directory.EnumerateDirectories(root, folderPrefix + "*").SelectMany(grain => Directory.EnumerateFiles(grain, "*.json", SearchOption.AllDirectories));
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
