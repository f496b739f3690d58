using Orleans.Storage;

namespace CodexRelay.Grains.Storage;

/// <summary>Wraps provider exceptions with the record's key (never a connection string); version conflicts pass through.</summary>
internal static class StorageErrors
{
    public static async Task<T> WrapAsync<T>(Func<Task<T>> operation, string key)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (exception is not InconsistentStateException and not OrleansException)
        {
            throw new OrleansException($"History storage failed for '{key}': {exception.GetType().Name}: {exception.Message}", exception);
        }
    }
}
