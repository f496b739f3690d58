namespace CodexRelay.Gateway.Configuration;

/// <summary>
/// One Chat Completions provider (<c>CodexRelay:Providers:{name}</c>). The seed's <c>Upstream</c> settings make the
/// provider <c>default</c>; every other one is declared here. Keys are never logged.
/// </summary>
internal sealed class ProviderOptions
{
    /// <summary>Chat Completions base URL, e.g. <c>https://api.deepseek.com/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The provider's key; when neither it nor <see cref="ApiKeyFile"/> is set the client's bearer is forwarded.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A file holding the key (a mounted secret); re-read when it changes.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary><c>source:target,...</c> renames for this provider (the requested model → the provider's name).</summary>
    public string? ModelMap { get; set; }

    /// <summary>Extra request headers (OpenRouter's <c>HTTP-Referer</c>, <c>X-Title</c>, ...).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether relay-made reasoning goes back as <c>reasoning_content</c>: auto (default), always or never.</summary>
    public ReasoningReplay ReplayReasoning { get; set; } = ReasoningReplay.Auto;

    /// <summary>Streams open to this provider at once from one gateway; 0 is unlimited. A full provider is skipped like a 503.</summary>
    public int MaxConcurrentRequests { get; set; }

    public TimeSpan? ConnectTimeout { get; set; }

    public TimeSpan? HeadersTimeout { get; set; }

    public TimeSpan? IdleTimeout { get; set; }
}
