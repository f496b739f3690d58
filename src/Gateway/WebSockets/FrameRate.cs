namespace CodexRelay.Gateway.WebSockets;

/// <summary>A token bucket of one socket's frames: <c>perMinute</c> at once, refilled evenly over the minute.</summary>
internal sealed class FrameRate(int perMinute, TimeProvider time)
{
    private double _tokens = perMinute;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(perMinute, _tokens + (time.GetElapsedTime(_last, now).TotalMinutes * perMinute));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
