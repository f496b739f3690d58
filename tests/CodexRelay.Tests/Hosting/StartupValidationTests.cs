using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.WebSockets;
using CodexRelay.Grains.Storage;

namespace CodexRelay.Tests.Hosting;

/// <summary>A cap or a TTL of zero or less stops the start with a message naming the key, never runs as "unbounded".</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ATtlOfZeroOrLess_IsAStartupProblem(double hours)
    {
        var problems = new HistoryStoreOptions { SessionTtlHours = hours }.Problems();

        Assert.Contains(problems, p => p.Contains("SessionTtlHours", StringComparison.Ordinal));
    }

    [Fact]
    public void HistoryCapsOfZero_AreStartupProblems()
    {
        Assert.NotEmpty(new HistoryStoreOptions { MaxChainTurns = 0 }.Problems());
        Assert.NotEmpty(new HistoryStoreOptions { MaxTurnBytes = 0 }.Problems());
        Assert.NotEmpty(new HistoryStoreOptions { MemoryMaxRecords = -5 }.Problems());
        Assert.Empty(new HistoryStoreOptions().Problems());
    }

    [Fact]
    public void UpstreamStreamCapsOfZero_FailValidation_NamingTheKey()
    {
        var options = new RelayOptions { Upstream = new UpstreamOptions { MaxStreamBytes = 0, MaxStreamDuration = TimeSpan.Zero } };

        var result = new RelayOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("CodexRelay:Upstream:MaxStreamBytes", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("CodexRelay:Upstream:MaxStreamDuration", result.FailureMessage, StringComparison.Ordinal);
        Assert.False(new RelayOptionsValidator().Validate(null, new RelayOptions()).Failed);
    }

    [Fact]
    public void WebSocketCapsOfZero_AreInvalid()
    {
        Assert.False(WebSocketSettings.IsValid(new WebSocketSettings { MaxSockets = 0 }));
        Assert.False(WebSocketSettings.IsValid(new WebSocketSettings { FrameReadTimeout = TimeSpan.Zero }));
        Assert.True(WebSocketSettings.IsValid(new WebSocketSettings()));
    }
}
