using CodexRelay.Gateway.Errors;

namespace CodexRelay.Gateway.Upstream;

/// <summary>The failures the relay itself detects on the upstream, each with the shape Codex retries.</summary>
internal static class UpstreamFailures
{
    public static RelayError Unreachable(Exception exception) =>
        new(502, "upstream_error", "upstream_unreachable", $"The upstream could not be reached: {exception.GetType().Name}.");

    public static RelayError HeadersTimeout() =>
        new(504, "upstream_error", "upstream_timeout", "The upstream did not answer in time.");

    public static RelayError IdleTimeout(string message) =>
        new(504, "upstream_error", "upstream_idle_timeout", message);

    public static RelayError StreamTruncated() =>
        new(502, "upstream_error", "stream_truncated", "The upstream stream ended before it finished the response.");

    public static RelayError StreamBroken(Exception exception) =>
        new(502, "upstream_error", "stream_error", $"The upstream stream broke: {exception.GetType().Name}.");

    public static RelayError MalformedChunk() =>
        new(502, "upstream_error", "malformed_chunk", "The upstream sent a chunk that is not valid JSON.");
}
