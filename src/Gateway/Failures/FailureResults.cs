namespace CodexRelay.Gateway.Failures;

/// <summary>Writes a <see cref="Failure"/> as an HTTP response (before the first byte; afterwards nothing can be said).</summary>
internal static class FailureResults
{
    public static async Task WriteAsync(HttpContext context, Failure failure)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = failure.Status;
        if (failure.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        var error = failure.ToErrorObject();
        error["request_id"] = context.TraceIdentifier;
        await context.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["error"] = error }.ToJsonString(), context.RequestAborted);
    }

    public static IResult ToResult(this Failure failure) => new FailureResult(failure);

    private sealed class FailureResult(Failure failure) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, failure);
    }
}
