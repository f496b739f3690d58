using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.History;

namespace CodexRelay.Gateway.Diagnostics;

/// <summary>
/// Gives every request an id (Codex's <c>x-client-request-id</c> when present), returns it as
/// <c>x-request-id</c>, puts it in the log scope and in error bodies, and turns an escaped exception into an
/// OpenAI-shaped error: 503 for a cluster that is changing, 500 <c>server_error</c> as the last resort.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, Hosting.ReadinessState readiness, ILogger<RequestContextMiddleware> logger)
{
    public const string ClientRequestIdHeader = "x-client-request-id";
    public const string RequestIdHeader = "x-request-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var clientId = context.Request.Headers[ClientRequestIdHeader].ToString();
        var requestId = clientId.Length is > 0 and <= 128 ? clientId : "req_" + Guid.NewGuid().ToString("N");
        context.TraceIdentifier = requestId;
        context.Response.Headers[RequestIdHeader] = requestId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId });
        if (!readiness.IsReady && context.Request.Path.StartsWithSegments("/v1"))
        {
            await RelayErrorResults.WriteAsync(context, new RelayError(503, "server_error", "not_ready", "The relay is starting or shutting down; retry shortly.") { RetryAfter = "1" });
            return;
        }

        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Log.ClientDisconnected(logger);
        }
        catch (Exception exception)
        {
            var transient = HistoryRetry.IsTransient(exception);
            Log.Unhandled(logger, exception.GetType().Name, transient);
            var error = transient
                ? new RelayError(503, "server_error", "history_unavailable", "The response history is unavailable; retry shortly.")
                : new RelayError(500, "server_error", "server_error", "The relay failed to process the request.");
            await RelayErrorResults.WriteAsync(context, error);
        }
    }
}
