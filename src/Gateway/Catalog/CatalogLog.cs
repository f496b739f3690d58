namespace CodexRelay.Gateway.Catalog;

/// <summary>Onboarding log messages (event ids 16xx, endpoints area). The API key is never logged.</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(1601, LogLevel.Information, "To configure Codex with model metadata, run:  codex-relay --print-config --port {Port} --upstream {Upstream}")]
    public static partial void PrintConfigHint(ILogger logger, int port, string upstream);

    [LoggerMessage(1602, LogLevel.Information, "Codex model catalog at {Url} (template {Template})")]
    public static partial void CatalogReady(ILogger logger, string url, string? template);

    [LoggerMessage(1603, LogLevel.Warning, "No Codex model catalog can be served: {Reason}")]
    public static partial void CatalogTemplateMissing(ILogger logger, string reason);

    [LoggerMessage(1604, LogLevel.Warning, "The Codex model catalog reached its 1 MiB cap; left out: {Models}. Narrow CODEX_RELAY_CATALOG_MODELS.")]
    public static partial void CatalogTruncated(ILogger logger, string models);

    [LoggerMessage(1605, LogLevel.Warning, "The catalog lists no upstream models: the upstream's list failed ({Code})")]
    public static partial void CatalogUpstreamFailed(ILogger logger, string? code);
}
