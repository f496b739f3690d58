namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>
/// Telemetry settings a gateway and a stand-alone silo share: <c>/metrics</c>, the log format, and the switch the
/// benchmark turns. Traces go out over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetrySettingsTable
{
    public const string EnabledKey = "CodexRelay:Telemetry:Enabled";

    public const string LogFormatKey = "CodexRelay:Logging:Format";

    public const string MetricsEnabledKey = "CodexRelay:Metrics:Enabled";

    public const string MetricsAnonymousKey = "CodexRelay:Metrics:Anonymous";

    public const string MetricsKeysKey = "CodexRelay:Metrics:Keys";

    public static IReadOnlyList<RelaySetting> All { get; } =
    [
        new(EnabledKey, "true", "false turns off the relay's metrics, traces and access log (bench/telemetry.sh measures their cost).") { Variable = "CODEX_RELAY_TELEMETRY" },
        new(LogFormatKey, "simple", "Console log format: simple, or json for one JSON object per line.") { Variable = "CODEX_RELAY_LOG_FORMAT" },
        new(MetricsEnabledKey, "true", "Serves /metrics in Prometheus text on the gateway and on the silo's HTTP port."),
        new(MetricsAnonymousKey, "false", "true serves /metrics to anyone; otherwise in keys mode (and on a silo with metrics keys) it needs a metrics or admin key."),
        new(MetricsKeysKey, "(none)", "Comma-separated bearer keys that may read /metrics and nothing else (for Prometheus); secrets.") { Variable = "CODEX_RELAY_METRICS_KEY" },
    ];
}
