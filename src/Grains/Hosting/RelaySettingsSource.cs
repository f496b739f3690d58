using Microsoft.Extensions.Configuration;

namespace CodexRelay.Grains.Hosting;

/// <summary>
/// Maps the seed's <c>CODEX_RELAY_*</c> environment variables and command-line flags onto
/// <c>CodexRelay:*</c> configuration keys. Added after the standard sources, so the precedence is
/// flags over <c>CODEX_RELAY_*</c> over <c>CodexRelay__*</c> over appsettings.
/// </summary>
public static class RelaySettingsSource
{
    /// <summary>Environment variable → configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CODEX_RELAY_PORT"] = "CodexRelay:Port",
        ["CODEX_RELAY_HOST"] = "CodexRelay:Host",
        ["CODEX_RELAY_UPSTREAM"] = "CodexRelay:Upstream:BaseUrl",
        ["CODEX_RELAY_API_KEY"] = "CodexRelay:Upstream:ApiKey",
        ["CODEX_RELAY_MODEL_MAP"] = "CodexRelay:ModelMap",
        ["CODEX_RELAY_TOOL_DENYLIST"] = "CodexRelay:ToolDenylist",
        ["CODEX_RELAY_REASONING_REPLAY_MODELS"] = "CodexRelay:ReasoningReplayModels",
        ["CODEX_RELAY_DISABLE_QUIRKS"] = "CodexRelay:Quirks:Disabled",
        ["CODEX_RELAY_WEBSOCKETS"] = "CodexRelay:WebSockets:Enabled",
        ["CODEX_RELAY_CLUSTERING"] = "CodexRelay:Cluster:Mode",
        ["CODEX_RELAY_SILO_PORT"] = "CodexRelay:Cluster:SiloPort",
        ["CODEX_RELAY_ORLEANS_GATEWAY_PORT"] = "CodexRelay:Cluster:GatewayPort",
        ["CODEX_RELAY_CLUSTER_ID"] = "CodexRelay:Cluster:ClusterId",
        ["CODEX_RELAY_ADVERTISED_IP"] = "CodexRelay:Cluster:AdvertisedIp",
        ["CODEX_RELAY_REDIS"] = "CodexRelay:Redis",
        ["CODEX_RELAY_HISTORY_STORE"] = "CodexRelay:History:Store",
        ["CODEX_RELAY_HISTORY_DIR"] = "CodexRelay:History:Directory",
        ["CODEX_RELAY_BLOB_CONNECTION"] = "CodexRelay:History:BlobConnection",
        ["CODEX_RELAY_BLOB_CONTAINER"] = "CodexRelay:History:BlobContainer",
        ["CODEX_RELAY_SESSION_TTL_HOURS"] = "CodexRelay:History:SessionTtlHours",
        ["CODEX_RELAY_MAX_SESSIONS"] = "CodexRelay:History:MaxSessions",
        ["CODEX_RELAY_MAX_SESSION_MEMORY_MB"] = "CodexRelay:History:MaxSessionMemoryMb",
        ["CODEX_RELAY_CATALOG_MODELS"] = "CodexRelay:Catalog:Models",
        ["CODEX_RELAY_CATALOG_TEMPLATE"] = "CodexRelay:Catalog:TemplateFile",
        ["CODEX_RELAY_CATALOG_TEMPLATE_MODEL"] = "CodexRelay:Catalog:TemplateModel",
        ["CODEX_RELAY_CODEX"] = "CodexRelay:Catalog:CodexPath",
    };

    /// <summary>Command-line flag → configuration key. Flags without a value are switches ("true").</summary>
    public static readonly IReadOnlyDictionary<string, string> FlagKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--port"] = "CodexRelay:Port",
        ["--host"] = "CodexRelay:Host",
        ["--upstream"] = "CodexRelay:Upstream:BaseUrl",
        ["--api-key"] = "CodexRelay:Upstream:ApiKey",
        ["--model-map"] = "CodexRelay:ModelMap",
        ["--tool-denylist"] = "CodexRelay:ToolDenylist",
        ["--session-ttl-hours"] = "CodexRelay:History:SessionTtlHours",
        ["--max-sessions"] = "CodexRelay:History:MaxSessions",
        ["--max-session-memory-mb"] = "CodexRelay:History:MaxSessionMemoryMb",
        ["--history-store"] = "CodexRelay:History:Store",
        ["--clustering"] = "CodexRelay:Cluster:Mode",
        ["--catalog-models"] = "CodexRelay:Catalog:Models",
        ["--catalog-template"] = "CodexRelay:Catalog:TemplateFile",
        ["--catalog-template-model"] = "CodexRelay:Catalog:TemplateModel",
        ["--codex"] = "CodexRelay:Catalog:CodexPath",
    };

    public static IConfigurationBuilder AddRelaySettings(this IConfigurationBuilder builder, string[] args)
    {
        var fromEnvironment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in EnvironmentKeys)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                fromEnvironment[key] = value;
            }
        }

        builder.AddInMemoryCollection(fromEnvironment);
        builder.AddInMemoryCollection(ParseFlags(args));
        return builder;
    }

    public static Dictionary<string, string?> ParseFlags(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals > 0 ? arg[..equals] : arg;
            if (!FlagKeys.TryGetValue(flag, out var key))
            {
                continue;
            }

            if (equals > 0)
            {
                values[key] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[key] = args[++i];
            }
        }

        return values;
    }
}
