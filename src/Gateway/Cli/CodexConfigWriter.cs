using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.Cli;

/// <summary>Renders a Codex 0.169.0 <c>config.toml</c> (pure). Every key in it passes <c>codex --strict-config</c>.</summary>
internal static class CodexConfigWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(CodexConfig config)
    {
        var toml = new StringBuilder();
        toml.Append("# Codex config for CodexRelay (upstream ").Append(Comment(RelayOptionsValidator.Redact(config.Upstream))).AppendLine(")");
        toml.AppendLine("# Save as ~/.codex/config.toml (or $CODEX_HOME/config.toml) and set the key variable:");
        toml.Append("#   export ").Append(config.EnvKey).AppendLine("=<your upstream API key>");
        if (config.UpstreamModels.Count > 0)
        {
            toml.Append("# Upstream models: ").AppendLine(Comment(string.Join(", ", config.UpstreamModels.Take(30)) + (config.UpstreamModels.Count > 30 ? ", ..." : "")));
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

    /// <summary>
    /// A model id a provider sent that can be written into TOML: no control or line-separator characters (a newline
    /// in an id would start a new key, e.g. <c>notify = [...]</c>, in the user's config) and a sane length.
    /// </summary>
    public static bool IsSafeId(string id) =>
        id.Length is > 0 and <= 256 && !id.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    /// <summary>Text for a comment line: anything that could end the comment is replaced.</summary>
    private static string Comment(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? '?' : c));

    /// <summary>A TOML basic string: JSON string escaping is a subset of TOML's, which guards against injection.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, Quoting);
}
