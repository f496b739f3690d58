using Microsoft.Extensions.Configuration;

namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>
/// Maps a settings table's <c>CODEX_RELAY_*</c> variables and parsed flags onto <c>CodexRelay:*</c> configuration
/// keys. Added after the standard sources, so the precedence is flags over <c>CODEX_RELAY_*</c> over
/// <c>CodexRelay__*</c> over appsettings.
/// </summary>
public static class RelaySettingsSource
{
    public static IConfigurationBuilder AddRelaySettings(this IConfigurationBuilder builder, IReadOnlyList<RelaySetting> table, IReadOnlyDictionary<string, string?> flagValues)
    {
        var fromEnvironment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in table)
        {
            if (setting.Variable is not null && Environment.GetEnvironmentVariable(setting.Variable) is { Length: > 0 } value)
            {
                fromEnvironment[setting.Key] = value;
            }
        }

        builder.AddInMemoryCollection(fromEnvironment);
        builder.AddInMemoryCollection(flagValues);
        return builder;
    }
}
