using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// The hook for what routing does: each fallback from one provider to the next and each breaker that opens or
/// closes, as events and running counts. Fallbacks are also counted in the relay's metrics; the breaker-state gauge reads each breaker itself.
/// </summary>
internal sealed class ProviderEvents
{
    private long _fallbacks;
    private long _breakerOpenings;

    /// <summary>(from provider, to provider, failure code) for each fallback taken.</summary>
    public event Action<string, string, string>? FallbackTaken;

    /// <summary>(provider, open) whenever a provider's breaker opens or closes.</summary>
    public event Action<string, bool>? BreakerChanged;

    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public long BreakerOpenings => Interlocked.Read(ref _breakerOpenings);

    public void OnFallback(string from, string to, string code)
    {
        Interlocked.Increment(ref _fallbacks);
        RelayMetrics.Fallback(from, to);
        FallbackTaken?.Invoke(from, to, code);
    }

    public void OnBreakerChanged(string provider, bool open)
    {
        if (open)
        {
            Interlocked.Increment(ref _breakerOpenings);
        }

        BreakerChanged?.Invoke(provider, open);
    }
}
