using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CodexRelay.Gateway.Cli;

/// <summary>Renders a Codex 0.169.0 <c>config.toml</c> (pure). Every key in it passes <c>codex --strict-config</c>.</summary>
internal static class CodexConfigWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(CodexConfig config)
    {
        var toml = new StringBuilder();
        toml.Append("# Codex config for CodexRelay (upstream ").Append(config.Upstream).AppendLine(")");
        toml.AppendLine("# Save as ~/.codex/config.toml (or $CODEX_HOME/config.toml) and set the key variable:");
        toml.Append("#   export ").Append(config.EnvKey).AppendLine("=<your upstream API key>");
        if (config.UpstreamModels.Count > 0)
        {
            toml.Append("# Upstream models: ").AppendLine(string.Join(", ", config.UpstreamModels.Take(30)) + (config.UpstreamModels.Count > 30 ? ", ..." : ""));
        }

        toml.AppendLine();
        toml.Append("model = ").AppendLine(Quote(config.Model));
        toml.Append("model_provider = ").AppendLine(Quote(config.ProviderId));
        if (config.CatalogFile is not null)
        {
            toml.Append("model_catalog_json = ").AppendLine(Quote(config.CatalogFile));
        }

        toml.AppendLine();
        toml.Append("[model_providers.").Append(Quote(config.ProviderId)).AppendLine("]");
        toml.Append("name = ").AppendLine(Quote(config.ProviderName));
        toml.Append("base_url = ").AppendLine(Quote(config.BaseUrl));
        toml.AppendLine("wire_api = \"responses\"");
        toml.Append("env_key = ").AppendLine(Quote(config.EnvKey));
        if (config.CatalogFile is null && config.CatalogUrl is not null)
        {
            toml.Append("model_catalog_url = ").AppendLine(Quote(config.CatalogUrl));
        }

        return toml.ToString();
    }

    /// <summary>A TOML basic string: JSON string escaping is a subset of TOML's, which guards against injection.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, Quoting);
}
