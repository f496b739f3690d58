using System.Security.Cryptography;
using System.Text;
using CodexRelay.Grains.Hosting.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CodexRelay.Silo;

/// <summary>
/// The silo's telemetry: Orleans' and the runtime's meters on <c>/metrics</c> (open, or behind a metrics key when
/// <c>CODEX_RELAY_METRICS_KEY</c> is set and <c>CodexRelay:Metrics:Anonymous</c> is not), Orleans' grain-call spans
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and the JSON console switch.
/// </summary>
internal static class SiloTelemetry
{
    public static WebApplicationBuilder AddSiloTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.Equals(configuration[TelemetrySettingsTable.LogFormatKey], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(json => json.IncludeScopes = true);
        }

        if (!configuration.GetValue(TelemetrySettingsTable.EnabledKey, true))
        {
            return builder;
        }

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("codexrelay-silo"));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter("Microsoft.Orleans", "CodexRelay").AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter();
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            otel.WithTracing(tracing => tracing.AddSource("Microsoft.Orleans.Application", "CodexRelay").AddOtlpExporter());
        }

        return builder;
    }

    public static WebApplication UseSiloMetrics(this WebApplication app)
    {
        if (!app.Configuration.GetValue(TelemetrySettingsTable.EnabledKey, true) || !app.Configuration.GetValue(TelemetrySettingsTable.MetricsEnabledKey, true))
        {
            return app;
        }

        var keys = (app.Configuration[TelemetrySettingsTable.MetricsKeysKey] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToList();
        var open = keys.Count == 0 || app.Configuration.GetValue(TelemetrySettingsTable.MetricsAnonymousKey, false);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(null, context => context.Request.Path == "/metrics", null, branch => branch.Use(async (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())) : null;
            if (open || (presented is not null && keys.Any(k => CryptographicOperations.FixedTimeEquals(k, presented))))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "/metrics needs 'Authorization: Bearer <metrics key>'.", type = "invalid_request_error", code = "invalid_api_key" } });
        }), null);
        return app;
    }
}
