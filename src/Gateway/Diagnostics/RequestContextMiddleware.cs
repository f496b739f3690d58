using CodexRelay.Contracts;
using Microsoft.AspNetCore.Http.Features;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.Diagnostics;

/// <summary>
/// Gives every request an id (Codex's <c>x-client-request-id</c> when present), returns it as
/// <c>x-request-id</c>, puts it in the log scope and in error bodies, and turns an escaped exception into an
/// OpenAI-shaped 500, logged with its stack. Expected failures never get here: they are <see cref="Failure"/>s.
/// At the end it records the request's metrics and writes its access line from the <see cref="RequestMeasure"/> the
/// layers below filled in.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, ReadinessState readiness, WarmUpPass warmUp, ILogger<RequestContextMiddleware> logger, ILoggerFactory logs)
{
    private readonly ILogger _access = logs.CreateLogger(AccessLog.Category);

    public const string ClientRequestIdHeader = "x-client-request-id";
    public const string RequestIdHeader = "x-request-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var clientId = context.Request.Headers[ClientRequestIdHeader].ToString();
        var requestId = clientId.Length is > 0 and <= 128 ? clientId : "req_" + SecureRandomHex.Next(16);
        context.TraceIdentifier = requestId;
        context.Response.Headers[RequestIdHeader] = requestId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId });
        var measure = new RequestMeasure { WarmUp = warmUp.Admits(context) };
        context.Features.Set(measure);
        if (measure.WarmUp)
        {
            Unobserved(context);
        }

        try
        {
            await ServeAsync(context, measure);
        }
        finally
        {
            Finish(context, measure, requestId);
        }
    }

    private async Task ServeAsync(HttpContext context, RequestMeasure measure)
    {
        if (!readiness.IsReady && !measure.WarmUp && context.Request.Path.StartsWithSegments("/v1"))
        {
            var notReady = new Failure(FailureKind.NotReady, "The relay is starting or shutting down; retry shortly.") { RetryAfter = "1" };
            measure.ErrorCode = notReady.Code;
            await FailureResults.WriteAsync(context, notReady);
            return;
        }

        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            measure.ErrorCode ??= "client_disconnected";
            Log.ClientDisconnected(logger);
        }
        catch (Exception exception)
        {
            var failure = new Failure(FailureKind.InternalError, "The relay failed to process the request.");
            measure.ErrorCode = failure.Code ?? "internal_error";
            Log.Unhandled(logger, exception);
            await FailureResults.WriteAsync(context, failure);
        }
    }

    private void Finish(HttpContext context, RequestMeasure measure, string requestId)
    {
        if (measure.WarmUp)
        {
            return;
        }

        if (measure.Route.Length == 0)
        {
            // The route's template, never the raw path: a path carries ids and would make every request its own label.
            measure.Route = RouteOf(context);
        }

        measure.Status = context.Response.StatusCode;
        if (measure.ErrorCode is null && measure.Status >= 400)
        {
            measure.ErrorCode = StatusCodeLabel(measure.Status);
        }

        RelayMetrics.Record(measure);
        Write(_access, context.Request.Method, measure, requestId);
    }

    /// <summary>
    /// A warm-up request leaves no trace: its ASP.NET Core metrics are off and its activity is not recorded, so nothing
    /// below it (the upstream call, the relay's span) is sampled either.
    /// </summary>
    private static void Unobserved(HttpContext context)
    {
        if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
        {
            metrics.MetricsDisabled = true;
        }

        if (System.Diagnostics.Activity.Current is { } activity)
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~System.Diagnostics.ActivityTraceFlags.Recorded;
        }
    }

    /// <summary>The access line of a request or of one socket frame.</summary>
    public static void Write(ILogger access, string method, RequestMeasure measure, string requestId)
    {
        if (access.IsEnabled(LogLevel.Information))
        {
            AccessLog.Request(access, method, measure.Route, measure.Status, measure.Model, measure.Provider, measure.Tenant,
                (long)measure.Elapsed.TotalMilliseconds, measure.TimeToFirstByte is { } ttfb ? (long)ttfb.TotalMilliseconds : null,
                measure.InputTokens, measure.OutputTokens, measure.FinishReason, measure.ErrorCode, requestId);
        }
    }

    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { Length: > 0 } raw
            ? (raw.Length > 1 && raw[^1] == '/' ? raw.TrimEnd('/') : raw)
            : "unmatched";

    private static string StatusCodeLabel(int status) => status switch
    {
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        429 => "rate_limited",
        _ => "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
