using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Upstream;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Catalog;

/// <summary>Builds the catalog for each Codex request; the template is obtained once and kept.</summary>
internal sealed class CodexCatalogService(
    ProviderModels models,
    IOptions<CatalogOptions> options,
    TranslationSettings translation,
    ILogger<CodexCatalogService> logger)
{
    /// <summary>Codex waits 5 s for the whole catalog; the upstream's list gets part of that.</summary>
    private static readonly TimeSpan UpstreamListTimeout = TimeSpan.FromSeconds(3);

    private readonly CatalogOptions _options = options.Value;
    private readonly Lock _lock = new();
    private Task<JsonObject>? _template;

    /// <summary>The template, loading it on first use; a failed load is retried on the next call.</summary>
    public Task<JsonObject> GetTemplateAsync()
    {
        lock (_lock)
        {
            if (_template is null || _template.IsFaulted || _template.IsCanceled)
            {
                _template = CatalogTemplateLoader.LoadAsync(_options, CancellationToken.None);
            }

            return _template;
        }
    }

    public async Task<JsonObject> BuildAsync(string? clientAuthorization, Func<string, bool> mayUse, CancellationToken cancellationToken)
    {
        var template = await GetTemplateAsync().WaitAsync(cancellationToken);
        var upstreamModels = await ListUpstreamAsync(clientAuthorization, cancellationToken);
        var models = CatalogSelection.Select(_options, translation.ModelMap, upstreamModels).Where(m => mayUse(m.Slug)).ToList();
        var build = CodexCatalogBuilder.Build(template, models);
        if (build.Omitted.Count > 0)
        {
            CatalogLog.CatalogTruncated(logger, string.Join(", ", build.Omitted));
        }

        return build.Catalog;
    }

    private async Task<List<string>> ListUpstreamAsync(string? clientAuthorization, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(UpstreamListTimeout);
        try
        {
            // The providers' union: one that fails is left out (and logged by ProviderModels).
            return [.. (await models.ListAsync(clientAuthorization, timeout.Token)).Select(m => m.Id)];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            CatalogLog.CatalogUpstreamFailed(logger, "timeout");
        }

        return [];
    }
}
