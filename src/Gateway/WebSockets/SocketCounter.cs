using System.Collections.Concurrent;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>
/// Open WebSockets on this gateway, bounded in all by <c>CodexRelay:WebSockets:MaxSockets</c> and per relay key by
/// <c>CodexRelay:Auth:MaxSocketsPerKey</c>.
/// </summary>
internal sealed class SocketCounter(AuthOptions options, Microsoft.Extensions.Options.IOptions<WebSocketSettings> settings)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>A slot, or null when this gateway or the key holds its maximum.</summary>
    public IDisposable? TryOpen(string? keyId)
    {
        if (Interlocked.Increment(ref _total) > settings.Value.MaxSockets)
        {
            Interlocked.Decrement(ref _total);
            return null;
        }

        var slot = TryOpenForKey(keyId);
        if (slot is null)
        {
            Interlocked.Decrement(ref _total);
            return null;
        }

        return new Slot(() =>
        {
            slot.Dispose();
            Interlocked.Decrement(ref _total);
        });
    }

    /// <summary>A slot to dispose when the socket closes, or null when the key holds its maximum; keyless sockets are not counted per key.</summary>
    private Slot? TryOpenForKey(string? keyId)
    {
        if (keyId is null)
        {
            return new Slot(() => { });
        }

        while (true)
        {
            var current = _open.GetOrAdd(keyId, 0);
            if (current >= options.MaxSocketsPerKey)
            {
                return null;
            }

            if (_open.TryUpdate(keyId, current + 1, current))
            {
                return new Slot(() => _open.AddOrUpdate(keyId, 0, (_, n) => Math.Max(0, n - 1)));
            }
        }
    }

    private sealed class Slot(Action release) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }
        }
    }
}
