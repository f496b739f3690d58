namespace CodexRelay.Gateway.Upstream;

/// <summary>Routing's log messages (event ids 31xx): fallbacks, breakers, model lists. Keys are never logged.</summary>
internal static partial class ProviderLog
{
    [LoggerMessage(3101, LogLevel.Warning, "Provider {From} failed before the first byte ({Code}); falling back to {To}")]
    public static partial void FallingBack(ILogger logger, string from, string to, string code);

    [LoggerMessage(3102, LogLevel.Warning, "Circuit breaker of provider {Provider} opened after repeated failures")]
    public static partial void BreakerOpened(ILogger logger, string provider);

    [LoggerMessage(3103, LogLevel.Information, "Circuit breaker of provider {Provider} closed")]
    public static partial void BreakerClosed(ILogger logger, string provider);

    [LoggerMessage(3104, LogLevel.Debug, "Provider {Provider} skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string provider, string reason);

    [LoggerMessage(3105, LogLevel.Warning, "Could not list the models of provider {Provider}: {Code}")]
    public static partial void ModelsFailed(ILogger logger, string provider, string? code);
}
