using CodexRelay.Gateway.Diagnostics;

namespace CodexRelay.Gateway.Endpoints;

/// <summary><c>/health/live</c> is the process; <c>/health/ready</c> is "can serve": cluster reached, not draining.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Text("ok"));
        app.MapGet("/health/ready", (ReadinessState readiness) =>
            readiness.IsReady ? Results.Text("ready") : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
