namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// A provider's key: the configured value, or a file (a mounted secret) read again whenever its write time changes,
/// so a rotated secret is used from the next request on without a restart.
/// </summary>
internal sealed class ProviderKey(string? value, string? file)
{
    private readonly Lock _lock = new();
    private DateTime _readAt;
    private string? _fromFile;

    public bool IsSet => !string.IsNullOrEmpty(file) || !string.IsNullOrEmpty(value);

    public string? Current()
    {
        if (string.IsNullOrEmpty(file))
        {
            return value;
        }

        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(file);
        }
        catch (IOException)
        {
            return _fromFile;
        }

        lock (_lock)
        {
            if (written != _readAt || _fromFile is null)
            {
                try
                {
                    _fromFile = File.ReadAllText(file).Trim();
                    _readAt = written;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Mid-rotation (the file is being replaced): keep the last key until the next request.
                }
            }

            return _fromFile;
        }
    }
}
