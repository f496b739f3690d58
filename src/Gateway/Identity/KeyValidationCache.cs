using System.Collections.Concurrent;
using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Gateway.Identity;

/// <summary>
/// Key lookups a gateway trusts for a few seconds, valid and unknown alike, so the hot path makes no grain call and a
/// flood of one bad key makes one. Bounded: past its capacity expired entries go, then everything (a cold cache is safe).
/// </summary>
internal sealed class KeyValidationCache(TimeSpan lifetime, TimeProvider time, int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, (KeyStatus? Status, long ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string hash, out KeyStatus? status)
    {
        if (_entries.TryGetValue(hash, out var entry) && entry.ExpiresAt > time.GetTimestamp())
        {
            status = entry.Status;
            return true;
        }

        status = null;
        return false;
    }

    public void Put(string hash, KeyStatus? status)
    {
        if (_entries.Count >= capacity)
        {
            var now = time.GetTimestamp();
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[hash] = (status, time.GetTimestamp() + (long)(lifetime.TotalSeconds * time.TimestampFrequency));
    }
}
