using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Upstream;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Hosting;

/// <summary>Marks readiness with the host's lifetime and logs the upstream's models once started.</summary>
internal sealed class StartupReport(
    IHostApplicationLifetime lifetime,
    ReadinessState readiness,
    UpstreamClient upstream,
    IOptions<RelayOptions> options,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            readiness.MarkReady();
            var relay = options.Value;
            Log.Listening(logger, $"http://{relay.Host}:{relay.Port}", relay.Upstream.BaseUrl);
            _ = ReportModelsAsync(lifetime.ApplicationStopping);
        });
        lifetime.ApplicationStopping.Register(readiness.MarkNotReady);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReportModelsAsync(CancellationToken cancellationToken)
    {
        var (body, error) = await upstream.GetModelsAsync(null, cancellationToken);
        if (error is not null)
        {
            Log.UpstreamModelsFailed(logger, error.Code, error.Message);
            return;
        }

        var ids = ModelList.ModelIds(body!);
        Log.UpstreamModels(logger, ids.Count > 20 ? string.Join(", ", ids.Take(20)) + $" … ({ids.Count} in all)" : string.Join(", ", ids));
    }
}
