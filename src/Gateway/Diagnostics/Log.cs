namespace CodexRelay.Gateway.Diagnostics;

/// <summary>
/// All log messages. Event ids: 1xxx endpoints, 2xxx translation, 3xxx upstream, 4xxx history.
/// Prompt text, tool arguments and outputs are never logged; tool names and codes may be.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "CodexRelay listening on {Address}, providers {Providers}")]
    public static partial void Listening(ILogger logger, string address, string providers);

    [LoggerMessage(1002, LogLevel.Information, "Provider {Provider} models: {Models}")]
    public static partial void UpstreamModels(ILogger logger, string provider, string models);

    [LoggerMessage(2001, LogLevel.Debug, "Skipped input item or tool the provider cannot take: {Kind}")]
    public static partial void ItemSkipped(ILogger logger, string kind);

    [LoggerMessage(3001, LogLevel.Warning, "Upstream rejected the request: HTTP {Status} {Code}")]
    public static partial void UpstreamRejected(ILogger logger, int status, string? code, Exception? exception);

    [LoggerMessage(3009, LogLevel.Warning, "Upstream refused the relay's credentials with {Status}: {Detail}")]
    public static partial void UpstreamCredentialsRefused(ILogger logger, int status, string detail);

    [LoggerMessage(3002, LogLevel.Warning, "Upstream stream failed: {Code}: {Reason}")]
    public static partial void StreamFailed(ILogger logger, string? code, string reason, Exception? exception);

    [LoggerMessage(4001, LogLevel.Warning, "History call failed")]
    public static partial void HistoryFailed(ILogger logger, Exception exception);

    [LoggerMessage(1004, LogLevel.Information, "Client disconnected; the upstream request was cancelled")]
    public static partial void ClientDisconnected(ILogger logger);

    [LoggerMessage(1005, LogLevel.Error, "Request failed")]
    public static partial void Unhandled(ILogger logger, Exception exception);

    [LoggerMessage(1101, LogLevel.Information, "WebSocket opened")]
    public static partial void WebSocketOpened(ILogger logger);

    [LoggerMessage(1102, LogLevel.Information, "WebSocket closed after {Requests} request(s)")]
    public static partial void WebSocketClosed(ILogger logger, int requests);

    [LoggerMessage(2002, LogLevel.Information, "Quirk {Quirk} fired for model {Model}")]
    public static partial void QuirkFired(ILogger logger, string quirk, string model);

    [LoggerMessage(1201, LogLevel.Warning, "The key store could not be reached; the request is refused")]
    public static partial void KeyStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(1202, LogLevel.Information, "Relay key {KeyId} refused: {Reason}")]
    public static partial void KeyRefused(ILogger logger, string keyId, string reason);

    [LoggerMessage(1203, LogLevel.Warning, "Auth mode none on the non-loopback address {Host}: anyone who reaches it spends the provider key")]
    public static partial void OpenRelay(ILogger logger, string host);

    [LoggerMessage(1204, LogLevel.Warning, "Usage or limits could not be charged for key {KeyId}")]
    public static partial void ChargeFailed(ILogger logger, string? keyId, Exception exception);

    [LoggerMessage(1703, LogLevel.Information, "Warmed the request path with {Requests} synthetic requests in {Milliseconds} ms")]
    public static partial void WarmedUp(ILogger logger, int requests, long milliseconds);

    [LoggerMessage(1704, LogLevel.Warning, "The request-path warm-up failed; the gateway starts without it")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(1705, LogLevel.Information, "Warmed the serving path with {Requests} requests to itself ({Frames} of them WebSocket frames) in {Rounds} rounds in {Milliseconds} ms ({Compiled} methods compiled meanwhile)")]
    public static partial void ServingWarmedUp(ILogger logger, int requests, int frames, int rounds, long milliseconds, long compiled);

    [LoggerMessage(1706, LogLevel.Warning, "The serving-path warm-up failed; the gateway starts without the rest of it")]
    public static partial void ServingWarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(1701, LogLevel.Warning, "This gateway could not publish its counters to the cluster board; the dashboard shows it as silent until it can")]
    public static partial void BoardPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(1702, LogLevel.Information, "This gateway publishes its counters to the cluster board again")]
    public static partial void BoardPublishRecovered(ILogger logger);
}
