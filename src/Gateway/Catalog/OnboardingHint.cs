using CodexRelay.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Catalog;

/// <summary>Once started: loads the catalog template (Codex's 5 s budget has no room for it) and prints the seed's hint.</summary>
internal sealed class OnboardingHint(
    IHostApplicationLifetime lifetime,
    CodexCatalogService catalog,
    IOptions<RelayOptions> relay,
    IOptions<CatalogOptions> catalogOptions,
    ILogger<OnboardingHint> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = ReportAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReportAsync()
    {
        var options = relay.Value;
        CatalogLog.PrintConfigHint(logger, options.Port, options.Upstream.BaseUrl);
        try
        {
            var template = await catalog.GetTemplateAsync();
            CatalogLog.CatalogReady(logger, CatalogOptions.Path, catalogOptions.Value.TemplateFile ?? $"codex debug models --bundled: {(string?)template["slug"]}");
        }
        catch (CatalogTemplateException exception)
        {
            CatalogLog.CatalogTemplateMissing(logger, exception.Message);
        }
    }
}
