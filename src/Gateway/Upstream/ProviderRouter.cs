using CodexRelay.Gateway.Telemetry;
using System.Net;
using CodexRelay.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// The providers and routes of <c>CodexRelay:Providers</c> / <c>CodexRelay:Routes</c>: for a requested model, the
/// providers to try in order with the model mapped for each. The seed's one upstream is the provider
/// <c>default</c>, whose route <c>*</c> comes after every configured route.
/// </summary>
internal sealed class ProviderRouter : IDisposable
{
    public const string DefaultProvider = "default";

    private readonly List<UpstreamProvider> _providers = [];
    private readonly List<(List<string> Patterns, List<UpstreamProvider> Providers)> _routes = [];
    private readonly List<HttpClient> _clients = [];

    public ProviderRouter(IOptions<RelayOptions> options, TimeProvider time, ProviderEvents events, ILogger<ProviderRouter> logger)
    {
        var relay = options.Value;
        var byName = new Dictionary<string, UpstreamProvider>(StringComparer.OrdinalIgnoreCase);
        if (HasDefaultProvider(relay) && !relay.Providers.ContainsKey(DefaultProvider))
        {
            var upstream = relay.Upstream;
            var client = new UpstreamClient(NewHttp(upstream.ConnectTimeout), upstream, new ProviderKey(upstream.ApiKey, upstream.ApiKeyFile), new Dictionary<string, string>());
            Add(DefaultProvider, client, relay.ModelMap, ReasoningReplay.Auto, 0);
        }

        foreach (var (name, provider) in relay.Providers)
        {
            var upstream = new UpstreamOptions
            {
                BaseUrl = provider.BaseUrl ?? "",
                ConnectTimeout = provider.ConnectTimeout ?? relay.Upstream.ConnectTimeout,
                HeadersTimeout = provider.HeadersTimeout ?? relay.Upstream.HeadersTimeout,
                IdleTimeout = provider.IdleTimeout ?? relay.Upstream.IdleTimeout,
                MaxRetries = relay.Upstream.MaxRetries,
                MaxRetryDelay = relay.Upstream.MaxRetryDelay,
                MaxStreamDuration = relay.Upstream.MaxStreamDuration,
                MaxStreamBytes = relay.Upstream.MaxStreamBytes,
                MaxEventBytes = relay.Upstream.MaxEventBytes,
                MaxBodyBytes = relay.Upstream.MaxBodyBytes,
                BodyTimeout = relay.Upstream.BodyTimeout,
            };
            var client = new UpstreamClient(NewHttp(upstream.ConnectTimeout), upstream, new ProviderKey(provider.ApiKey, provider.ApiKeyFile), new Dictionary<string, string>(provider.Headers));
            Add(name, client, provider.ModelMap, provider.ReplayReasoning, provider.MaxConcurrentRequests);
        }

        foreach (var route in relay.Routes)
        {
            _routes.Add((ModelPattern.Split(route.Models), [.. route.Providers.Select(p => byName[p])]));
        }

        if (HasDefaultProvider(relay))
        {
            _routes.Add((["*"], [byName[DefaultProvider]]));
        }

        void Add(string name, UpstreamClient client, string? modelMap, ReasoningReplay replay, int maxConcurrent)
        {
            var breaker = new CircuitBreaker(relay.CircuitBreaker.FailureThreshold, relay.CircuitBreaker.BreakDuration, time);
            breaker.Changed += open =>
            {
                if (open)
                {
                    ProviderLog.BreakerOpened(logger, name);
                }
                else
                {
                    ProviderLog.BreakerClosed(logger, name);
                }

                events.OnBreakerChanged(name, open);
            };
            RelayMetrics.ObserveBreaker(name, () => breaker.State switch { "open" => 2, "half-open" => 1, _ => 0 });
            var provider = new UpstreamProvider(name, client, TranslationSettings.ParseModelMap(modelMap), replay, maxConcurrent, breaker);
            byName[name] = provider;
            _providers.Add(provider);
        }
    }

    /// <summary>Every provider, the default first when it exists, then in configuration order.</summary>
    public IReadOnlyList<UpstreamProvider> Providers => _providers;

    /// <summary>The provider the seed's single-upstream paths use (startup report): default, else the first.</summary>
    public UpstreamProvider? Primary => _providers.Count > 0 ? _providers[0] : null;

    /// <summary>
    /// Whether the provider <c>default</c> (and its route <c>*</c>) exists: when the upstream was given, or when no
    /// provider is configured (the seed's default upstream).
    /// </summary>
    public static bool HasDefaultProvider(RelayOptions relay) =>
        relay.Upstream.Configured || relay.Providers.Count == 0 || relay.Providers.ContainsKey(DefaultProvider);

    /// <summary>The providers to try for <paramref name="model"/>, in order; empty when no route matches it.</summary>
    public IReadOnlyList<ProviderTarget> Resolve(string model)
    {
        foreach (var (patterns, providers) in _routes)
        {
            if (ModelPattern.MatchesAny(patterns, model))
            {
                return [.. providers.Select(p => new ProviderTarget(p, p.MapModel(model)))];
            }
        }

        return [];
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    /// <summary>The HTTP client every provider gets (the warm-up's loopback provider too, so it warms the same code).</summary>
    public static HttpClient NewProviderHttp(TimeSpan connectTimeout, System.Diagnostics.Metrics.IMeterFactory? meters = null) =>
        new(new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = int.MaxValue,
            MeterFactory = meters,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private HttpClient NewHttp(TimeSpan connectTimeout)
    {
        var http = NewProviderHttp(connectTimeout);
        _clients.Add(http);
        return http;
    }
}
