namespace CodexRelay.Gateway.Upstream;

/// <summary>One provider to try for a request, with the model name as that provider knows it.</summary>
internal sealed record ProviderTarget(UpstreamProvider Provider, string UpstreamModel);
