using CodexRelay.Gateway.Admin;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Grains.Hosting.Settings;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// <c>builder.AddRelayTelemetry()</c>: the relay's meter with ASP.NET Core, HttpClient, runtime and Orleans meters for
/// <c>/metrics</c>; traces of the relay, Orleans and the upstream call, exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the JSON console switch. <c>CodexRelay:Telemetry:Enabled=false</c>
/// leaves all of it out (and the access line), for the benchmark's "off" side.
/// </summary>
internal static class TelemetryHosting
{
    public const string ServiceName = "codexrelay-gateway";

    /// <summary>
    /// Orleans' application grain calls (activity propagation). Its runtime source is left out: membership reads and
    /// timers would fill every trace store with a span a second per silo.
    /// </summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    /// <summary>
    /// Kestrel's buffer pool meter, left out: it records on every buffer rented and returned (several per request),
    /// and the memory it describes is in the runtime's GC metrics.
    /// </summary>
    public const string MemoryPoolMeter = "Microsoft.AspNetCore.MemoryPool";

    public static WebApplicationBuilder AddRelayTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.SectionName));
        var jsonLogs = string.Equals(configuration[TelemetrySettingsTable.LogFormatKey], "json", StringComparison.OrdinalIgnoreCase);
        if (jsonLogs)
        {
            builder.Logging.AddJsonConsole(json => json.IncludeScopes = true);
        }

        if (!IsEnabled(configuration))
        {
            builder.Logging.AddFilter(AccessLog.Category, LogLevel.None);
            return builder;
        }

        // The access lines go to standard output in batches, not through the console logger's thread (a wake-up per line).
        builder.Logging.AddFilter<ConsoleLoggerProvider>(AccessLog.Category, LogLevel.None);
        builder.Services.AddSingleton<ILoggerProvider>(_ => AccessLogWriter.ToStandardOutput(jsonLogs));

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var metricsOn = configuration.GetValue(TelemetrySettingsTable.MetricsEnabledKey, true);
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (metricsOn || otlp)
        {
            otel.WithMetrics(metrics =>
            {
                metrics.AddMeter(RelayTelemetry.Name, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddView(instrument => instrument.Meter.Name == MemoryPoolMeter ? MetricStreamConfiguration.Drop : null);
                if (metricsOn)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        // The sources are always named; a tracer provider exists only with an exporter (OTLP here, or a test's own),
        // so without one no span is ever created.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(RelayTelemetry.Name)
            .AddSource(OrleansApplicationSource)
            .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
            .AddHttpClientInstrumentation());
        if (otlp)
        {
            otel.WithTracing(tracing => tracing.AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Serves <c>/metrics</c> behind <see cref="MetricsAccess"/>; call after the request context.</summary>
    public static WebApplication UseRelayMetrics(this WebApplication app)
    {
        if (IsEnabled(app.Configuration) && app.Configuration.GetValue(TelemetrySettingsTable.MetricsEnabledKey, true))
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                predicate: context => context.Request.Path == "/metrics",
                path: null,
                configureBranchedPipeline: branch => branch.UseMiddleware<MetricsAccess>(),
                optionsName: null);
        }

        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(TelemetrySettingsTable.EnabledKey, true);
}
