using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Upstream;

/// <summary>The failures the relay itself detects on the upstream, each with the shape Codex retries.</summary>
internal static class UpstreamFailures
{
    public static Failure Unreachable(Exception exception) =>
        new(FailureKind.UpstreamUnreachable, $"The upstream could not be reached: {exception.GetType().Name}.") { Cause = exception };

    public static Failure HeadersTimeout() =>
        new(FailureKind.UpstreamTimeout, "The upstream did not answer in time.");

    public static Failure IdleTimeout(string message) =>
        new(FailureKind.UpstreamIdleTimeout, message);

    public static Failure StreamTruncated() =>
        new(FailureKind.StreamTruncated, "The upstream stream ended before it finished the response.");

    public static Failure StreamBroken(Exception exception) =>
        new(FailureKind.StreamBroken, $"The upstream stream broke: {exception.GetType().Name}.") { Cause = exception };

    public static Failure MalformedChunk(string reason) =>
        new(FailureKind.MalformedChunk, $"The upstream sent a malformed chunk: {reason}");

    public static Failure StreamLimit(string message) =>
        new(FailureKind.StreamLimitExceeded, message);
}
