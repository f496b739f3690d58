namespace CodexRelay.Gateway.Cli;

/// <summary>The values of a printed Codex <c>config.toml</c>.</summary>
internal sealed record CodexConfig
{
    public const string DefaultProviderId = "codex-relay";

    public const string DefaultEnvKey = "CODEX_RELAY_API_KEY";

    public required string Model { get; init; }

    public string ProviderId { get; init; } = DefaultProviderId;

    /// <summary>Never "OpenAI": that name switches Codex to OpenAI-only behaviour (remote compaction).</summary>
    public required string ProviderName { get; init; }

    /// <summary>The relay's own address, <c>http://127.0.0.1:&lt;port&gt;/v1</c>.</summary>
    public required string BaseUrl { get; init; }

    public string EnvKey { get; init; } = DefaultEnvKey;

    /// <summary><c>model_catalog_url</c> (the relay serves it), unless <see cref="CatalogFile"/> is set.</summary>
    public string? CatalogUrl { get; init; }

    /// <summary><c>model_catalog_json</c>: an absolute path to a catalog file written by <c>--catalog-file</c>.</summary>
    public string? CatalogFile { get; init; }

    public required string Upstream { get; init; }

    public IReadOnlyList<string> UpstreamModels { get; init; } = [];
}
