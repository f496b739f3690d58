namespace CodexRelay.Gateway.Diagnostics;

/// <summary>
/// One line per request under its own category (<see cref="Category"/>), so an operator can route, keep or silence it
/// apart from the rest. Names and numbers only: never a prompt, a key or a body. <see cref="AccessLogWriter"/> writes it.
/// </summary>
internal static partial class AccessLog
{
    public const string Category = "CodexRelay.Access";

    public const int EventId = 1900;

    [LoggerMessage(EventId, LogLevel.Information,
        "{Method} {Route} {Status} model={Model} provider={Provider} tenant={Tenant} duration_ms={DurationMs} ttfb_ms={TtfbMs} tokens_in={InputTokens} tokens_out={OutputTokens} finish={FinishReason} error={ErrorCode} request_id={RequestId}")]
    public static partial void Request(
        ILogger logger, string method, string route, int status, string? model, string provider, string? tenant, long durationMs, long? ttfbMs,
        long inputTokens, long outputTokens, string? finishReason, string? errorCode, string requestId);
}
