namespace CodexRelay.Gateway.Upstream;

/// <summary>The upstream stream crossed a configured cap (bytes, line length or total time).</summary>
internal sealed class StreamLimitException(string message) : Exception(message);
