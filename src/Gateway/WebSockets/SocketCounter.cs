using System.Collections.Concurrent;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>Open WebSockets per relay key on this gateway, bounded by <c>CodexRelay:Auth:MaxSocketsPerKey</c>.</summary>
internal sealed class SocketCounter(AuthOptions options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A slot to dispose when the socket closes, or null when the key holds its maximum; keyless sockets are not counted here.</summary>
    public IDisposable? TryOpen(string? keyId)
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
