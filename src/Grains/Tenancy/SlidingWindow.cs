namespace CodexRelay.Grains.Tenancy;

/// <summary>Requests in the last 60 s: the first N of any 60 s pass, the next waits until the oldest leaves the window.</summary>
internal sealed class SlidingWindow
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _admitted = new();

    /// <summary>Admits the request, or returns the whole seconds until one would be admitted.</summary>
    public int? TryAdmit(int limit, DateTimeOffset now)
    {
        while (_admitted.Count > 0 && now - _admitted.Peek() >= Window)
        {
            _admitted.Dequeue();
        }

        if (_admitted.Count < limit)
        {
            _admitted.Enqueue(now);
            return null;
        }

        // Over the limit the queue holds exactly `limit` entries once trimmed, so it never grows past the limit.
        while (_admitted.Count > limit)
        {
            _admitted.Dequeue();
        }

        return Math.Max(1, (int)Math.Ceiling((_admitted.Peek() + Window - now).TotalSeconds));
    }
}
