namespace CodexRelay.Grains.Storage.Disk;

/// <summary>Removes disk records idle longer than the TTL (file time = last write or read).</summary>
internal static class DiskSweeper
{
    public static int Sweep(string root, TimeSpan ttl, DateTime now)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
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
