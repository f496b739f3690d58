namespace CodexRelay.Gateway.Upstream;

/// <summary>
/// The provider the start-up warm-up's requests go to: the in-process loopback upstream while the warm-up runs, none
/// otherwise. No configured provider ever sees a warm-up request.
/// </summary>
internal sealed class WarmUpUpstream
{
    private volatile UpstreamProvider? _provider;

    public void Use(UpstreamProvider? provider) => _provider = provider;

    /// <summary>The loopback provider for any model while the warm-up runs; empty (the model is refused) otherwise.</summary>
    public IReadOnlyList<ProviderTarget> Resolve(string model) => _provider is { } provider ? [new ProviderTarget(provider, model)] : [];
}
