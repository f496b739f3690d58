using CodexRelay.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// The union of the providers' model lists, each model once with the first provider (in configuration order) that
/// lists it. Providers with their own key are listed in the background every <c>ModelsRefreshInterval</c> and served
/// from that; a provider that forwards the caller's bearer is asked with that bearer on each call (its list is the
/// caller's). A provider whose list fails or is late is left out; a call waits a few seconds at most.
/// </summary>
internal sealed class ProviderModels(ProviderRouter router, IOptions<RelayOptions> options, ILogger<ProviderModels> logger) : IDisposable
{
    private static readonly TimeSpan FirstAnswerWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<UpstreamProvider, Task<List<string>>> _cached = [];
    private bool _started;

    /// <summary>(model id, provider name) pairs in the order the providers come.</summary>
    public async Task<IReadOnlyList<(string Id, string Provider)>> ListAsync(string? clientAuthorization, CancellationToken cancellationToken)
    {
        EnsureRefreshing();
        var lists = router.Providers
            .Select(p => (Provider: p, List: p.Client.HasOwnKey ? Cached(p) : FetchAsync(p, clientAuthorization, cancellationToken)))
            .ToList();
        try
        {
            await Task.WhenAll(lists.Select(l => l.List)).WaitAsync(FirstAnswerWait, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException || !cancellationToken.IsCancellationRequested)
        {
            // The late or failed ones are left out of this answer; the cache keeps filling.
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var union = new List<(string, string)>();
        foreach (var (provider, list) in lists.Where(l => l.List.IsCompletedSuccessfully))
        {
            union.AddRange(list.Result.Where(seen.Add).Select(id => (id, provider.Name)));
        }

        return union;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private Task<List<string>> Cached(UpstreamProvider provider)
    {
        lock (_lock)
        {
            return _cached.TryGetValue(provider, out var list) ? list : _cached[provider] = FetchAsync(provider, null, _stopping.Token);
        }
    }

    private void EnsureRefreshing()
    {
        lock (_lock)
        {
            if (_started)
            {
                return;
            }

            _started = true;
        }

        _ = RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        using var timer = new PeriodicTimer(options.Value.ModelsRefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                foreach (var provider in router.Providers.Where(p => p.Client.HasOwnKey))
                {
                    var list = await FetchAsync(provider, null, _stopping.Token);
                    lock (_lock)
                    {
                        _cached[provider] = Task.FromResult(list);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task<List<string>> FetchAsync(UpstreamProvider provider, string? clientAuthorization, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ListTimeout);
        var (body, error) = await provider.Client.GetModelsAsync(clientAuthorization, timeout.Token);
        if (error is not null)
        {
            ProviderLog.ModelsFailed(logger, provider.Name, error.Code);
            return [];
        }

        return ModelList.ModelIds(body!);
    }
}
