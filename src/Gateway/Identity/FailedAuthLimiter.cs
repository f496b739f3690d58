using System.Collections.Concurrent;
using System.Net;

namespace CodexRelay.Gateway.Identity;

/// <summary>
/// Counts failed authentications per client address in one-minute windows; past the limit an address gets no more key
/// lookups until its window ends, so a flood of invented keys costs the cluster nothing.
/// </summary>
internal sealed class FailedAuthLimiter(int perMinute, TimeProvider time, int capacity = 50_000)
{
    private readonly ConcurrentDictionary<IPAddress, (long WindowStart, int Count)> _failures = new();

    public bool IsBlocked(IPAddress? address) =>
        address is not null && _failures.TryGetValue(address, out var entry) && !Expired(entry.WindowStart) && entry.Count >= perMinute;

    public void Record(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        if (_failures.Count >= capacity)
        {
            _failures.Clear();
        }

        _failures.AddOrUpdate(address, _ => (time.GetTimestamp(), 1), (_, entry) => Expired(entry.WindowStart) ? (time.GetTimestamp(), 1) : (entry.WindowStart, entry.Count + 1));
    }

    private bool Expired(long windowStart) => time.GetElapsedTime(windowStart) >= TimeSpan.FromMinutes(1);
}
