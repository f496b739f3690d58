using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CodexRelay.Silo;

/// <summary>
/// The silo's own HTTP endpoint for the kubelet: <c>/health/live</c> is the process, <c>/health/ready</c> is "joined
/// the cluster and not shutting down" (the host has started, so the silo's lifecycle has, and is not stopping).
/// </summary>
internal static class SiloHealth
{
    public static WebApplication MapSiloHealth(this WebApplication app)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        app.MapGet("/health/live", () => Results.Text("ok"));
        app.MapGet("/health/ready", () =>
            lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested
                ? Results.Text("ready")
                : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
