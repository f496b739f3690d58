using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace CodexRelay.Silo;

/// <summary>
/// The silo's own HTTP endpoint for the kubelet: <c>/health/live</c> is the process, <c>/health/ready</c> is "an
/// active member of the cluster and not shutting down" — the membership oracle's own status of this silo, so a silo
/// the others have voted dead, or one still joining, takes no traffic.
/// </summary>
internal static class SiloHealth
{
    public static WebApplication MapSiloHealth(this WebApplication app)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var membership = app.Services.GetRequiredService<ISiloStatusOracle>();
        app.MapGet("/health/live", () => Results.Text("ok"));
        app.MapGet("/health/ready", () =>
            membership.CurrentStatus == SiloStatus.Active && !lifetime.ApplicationStopping.IsCancellationRequested
                ? Results.Text("ready")
                : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
