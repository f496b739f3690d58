using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Upstream;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Marks readiness with the host's lifetime (ready once started and warmed up) and, once ready, logs where it listens, every provider (base URLs with
/// any credentials redacted) and each provider's models.
/// </summary>
internal sealed class StartupReport(
    IHostApplicationLifetime lifetime,
    ReadinessState readiness,
    ServingWarmUp warmUp,
    ProviderRouter router,
    ProviderModels models,
    IOptions<RelayOptions> options,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = ReadyAsync());
        lifetime.ApplicationStopping.Register(readiness.MarkNotReady);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ready once the serving-path warm-up has ended (it needs Kestrel listening, so it runs after the start).</summary>
    private async Task ReadyAsync()
    {
        await warmUp.Done;
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        readiness.MarkReady();
        var relay = options.Value;
        Log.Listening(logger, $"http://{relay.Host}:{relay.Port}", string.Join(", ", router.Providers.Select(p => $"{p.Name} ({p.Client.ShownBaseUrl})")));
        await ReportModelsAsync(lifetime.ApplicationStopping);
    }

    /// <summary>Through the model list's cache, so the first /v1/models call asks no provider twice; failures are logged there.</summary>
    private async Task ReportModelsAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in (await models.ListAsync(null, cancellationToken)).GroupBy(m => m.Provider, StringComparer.Ordinal))
        {
            var ids = provider.Select(m => m.Id).ToList();
            Log.UpstreamModels(logger, provider.Key, ids.Count > 20 ? string.Join(", ", ids.Take(20)) + $" … ({ids.Count} in all)" : string.Join(", ", ids));
        }
    }
}
