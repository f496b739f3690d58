namespace CodexRelay.Gateway.Embedding;

/// <summary>
/// Settings for a relay started in-process by <see cref="CodexRelayServer"/>. Unset values fall back to the
/// process's <c>CODEX_RELAY_*</c> variables, then the relay's defaults; set values win, as flags do.
/// </summary>
public sealed class RelayStartOptions
{
    /// <summary>Listening port; 0 (the default here) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Listening address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Chat Completions base URL, e.g. <c>https://api.deepseek.com/v1</c>.</summary>
    public string? Upstream { get; init; }

    /// <summary>The upstream key; when empty the client's bearer token is forwarded.</summary>
    public string? ApiKey { get; init; }

    /// <summary><c>source:target,...</c> model names.</summary>
    public string? ModelMap { get; init; }

    /// <summary>Comma-separated patterns of the models the Codex catalog lists.</summary>
    public string? CatalogModels { get; init; }

    /// <summary>A file holding <c>codex debug models --bundled</c> output.</summary>
    public string? CatalogTemplateFile { get; init; }

    /// <summary>The Codex CLI used to print the catalog template.</summary>
    public string? CodexPath { get; init; }

    /// <summary>More command-line flags, as <c>codex-relay</c> takes them.</summary>
    public IReadOnlyList<string> AdditionalArguments { get; init; } = [];

    /// <summary>Lowest log level written; the default keeps an embedding application's console quiet.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    internal string[] ToArguments()
    {
        var args = new List<string> { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", Host };
        Add(args, "--upstream", Upstream);
        Add(args, "--api-key", ApiKey);
        Add(args, "--model-map", ModelMap);
        Add(args, "--catalog-models", CatalogModels);
        Add(args, "--catalog-template", CatalogTemplateFile);
        Add(args, "--codex", CodexPath);
        args.AddRange(AdditionalArguments);
        return [.. args];
    }

    private static void Add(List<string> args, string flag, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            args.Add(flag);
            args.Add(value);
        }
    }
}
