namespace CodexRelay.Gateway.Errors;

/// <summary>Writes a <see cref="RelayError"/> as an HTTP response.</summary>
internal static class RelayErrorResults
{
    public static async Task WriteAsync(HttpContext context, RelayError error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = error.Status;
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        var body = error.ToBody();
        body["error"]!["request_id"] = context.TraceIdentifier;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public static IResult ToResult(this RelayError error) => new ErrorResult(error);

    private sealed class ErrorResult(RelayError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, error);
    }
}
