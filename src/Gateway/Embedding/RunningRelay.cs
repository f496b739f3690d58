using CodexRelay.Gateway.Catalog;

namespace CodexRelay.Gateway.Embedding;

/// <summary>A relay running in this process; disposing it stops it.</summary>
public sealed class RunningRelay : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningRelay(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The relay's root, e.g. <c>http://127.0.0.1:4444/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The relay's services, for tests that read its hooks (e.g. the provider events).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>What Codex's provider <c>base_url</c> is set to: <c>…/v1</c>.</summary>
    public Uri ApiBaseAddress => new(BaseAddress, "v1");

    /// <summary>The Codex model catalog (<c>model_catalog_url</c>).</summary>
    public Uri CatalogAddress => new(BaseAddress, CatalogOptions.Path.TrimStart('/'));

    public async Task StopAsync(CancellationToken cancellationToken = default) => await _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
