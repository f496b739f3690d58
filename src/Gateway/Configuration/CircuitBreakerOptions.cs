namespace CodexRelay.Gateway.Configuration;

/// <summary>
/// <c>CodexRelay:CircuitBreaker</c>: after <see cref="FailureThreshold"/> failures in a row (no connection, timeout
/// before headers, 5xx) a provider is skipped for <see cref="BreakDuration"/>, then one trial request decides.
/// </summary>
internal sealed class CircuitBreakerOptions
{
    public int FailureThreshold { get; set; } = 3;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
