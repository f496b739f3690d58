namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// A provider's breaker: closed; open after <c>threshold</c> failures in a row, so a dead provider does not add its
/// timeout to every request; after the cool-down one trial request is let through (half-open) and its outcome closes
/// or reopens it. Only failures before the first byte count; nothing here retries.
/// </summary>
internal sealed class CircuitBreaker(int threshold, TimeSpan breakDuration, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset? _openUntil;
    private bool _trialInFlight;

    public event Action<bool>? Changed;

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is not null;
            }
        }
    }

    /// <summary><c>closed</c>; <c>open</c> in its cool-down; <c>half-open</c> once the cool-down is over (the next request is the trial).</summary>
    public string State
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is not { } until ? "closed" : time.GetUtcNow() < until ? "open" : "half-open";
            }
        }
    }

    /// <summary>Whether a request may go to the provider now; in half-open state only one at a time.</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_openUntil is not { } until)
            {
                return true;
            }

            if (time.GetUtcNow() < until || _trialInFlight)
            {
                return false;
            }

            _trialInFlight = true;
            return true;
        }
    }

    public void Succeeded()
    {
        bool closed;
        lock (_lock)
        {
            closed = _openUntil is not null;
            _failures = 0;
            _openUntil = null;
            _trialInFlight = false;
        }

        if (closed)
        {
            Changed?.Invoke(false);
        }
    }

    public void Failed()
    {
        bool opened;
        lock (_lock)
        {
            _failures++;
            opened = _openUntil is null && _failures >= threshold;
            if (opened || _trialInFlight)
            {
                _openUntil = time.GetUtcNow() + breakDuration;
            }

            _trialInFlight = false;
        }

        if (opened)
        {
            Changed?.Invoke(true);
        }
    }

    /// <summary>A request let through that ended without a verdict (a 4xx, a cancelled client): a trial may go again.</summary>
    public void Released()
    {
        lock (_lock)
        {
            _trialInFlight = false;
        }
    }
}
