using CodexRelay.Gateway.Upstream;
using CodexRelay.Testing.Time;

namespace CodexRelay.Tests.Upstream;

/// <summary>The per-provider breaker on a clock the test moves: opens after failures in a row, lets one trial through after the cool-down, closes on its success.</summary>
public sealed class CircuitBreakerTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Failures_InARow_OpenIt_ThenOneTrial_ClosesItOnSuccess()
    {
        var changes = new List<bool>();
        var breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(30), _clock);
        breaker.Changed += changes.Add;
        Assert.Equal("closed", breaker.State);

        Assert.True(breaker.TryEnter());
        breaker.Failed();
        Assert.True(breaker.TryEnter());
        breaker.Failed();
        Assert.True(breaker.IsOpen);
        Assert.False(breaker.TryEnter());
        Assert.Equal("open", breaker.State);

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("half-open", breaker.State);
        Assert.True(breaker.TryEnter());
        Assert.False(breaker.TryEnter());
        breaker.Succeeded();

        Assert.False(breaker.IsOpen);
        Assert.True(breaker.TryEnter());
        Assert.Equal("closed", breaker.State);
        Assert.Equal([true, false], changes);
    }

    [Fact]
    public void FailedTrial_ReopensIt_ForAnotherCoolDown()
    {
        var breaker = new CircuitBreaker(1, TimeSpan.FromSeconds(30), _clock);
        breaker.Failed();
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(breaker.TryEnter());

        breaker.Failed();

        Assert.False(breaker.TryEnter());
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breaker.TryEnter());
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void ASuccess_ResetsTheCount()
    {
        var breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(30), _clock);
        breaker.Failed();
        breaker.Succeeded();
        breaker.Failed();

        Assert.False(breaker.IsOpen);
    }
}
