using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Upstream;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Marks readiness with the host's lifetime and, once started, logs where it listens, every provider (base URLs with
/// any credentials redacted) and each provider's models.
/// </summary>
internal sealed class StartupReport(
    IHostApplicationLifetime lifetime,
    ReadinessState readiness,
    ProviderRouter router,
    IOptions<RelayOptions> options,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            readiness.MarkReady();
            var relay = options.Value;
            Log.Listening(logger, $"http://{relay.Host}:{relay.Port}", string.Join(", ", router.Providers.Select(p => $"{p.Name} ({p.Client.ShownBaseUrl})")));
            foreach (var provider in router.Providers)
            {
                _ = ReportModelsAsync(provider, lifetime.ApplicationStopping);
            }
        });
        lifetime.ApplicationStopping.Register(readiness.MarkNotReady);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReportModelsAsync(UpstreamProvider provider, CancellationToken cancellationToken)
    {
        var (body, error) = await provider.Client.GetModelsAsync(null, cancellationToken);
        if (error is not null)
        {
            Log.UpstreamModelsFailed(logger, provider.Name, error.Code, error.Message);
            return;
        }

        var ids = ModelList.ModelIds(body!);
        Log.UpstreamModels(logger, provider.Name, ids.Count > 20 ? string.Join(", ", ids.Take(20)) + $" … ({ids.Count} in all)" : string.Join(", ", ids));
    }
}
