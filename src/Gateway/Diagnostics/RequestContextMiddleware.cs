using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Diagnostics;

/// <summary>
/// Gives every request an id (Codex's <c>x-client-request-id</c> when present), returns it as
/// <c>x-request-id</c>, puts it in the log scope and in error bodies, and turns an escaped exception into an
/// OpenAI-shaped 500, logged with its stack. Expected failures never get here: they are <see cref="Failure"/>s.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, ReadinessState readiness, ILogger<RequestContextMiddleware> logger)
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
            await FailureResults.WriteAsync(context, new Failure(FailureKind.NotReady, "The relay is starting or shutting down; retry shortly.") { RetryAfter = "1" });
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
            Log.Unhandled(logger, exception);
            await FailureResults.WriteAsync(context, new Failure(FailureKind.InternalError, "The relay failed to process the request."));
        }
    }
}
