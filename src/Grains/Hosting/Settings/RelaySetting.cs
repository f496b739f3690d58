namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>
/// One setting of a relay process, in every form it can be given: the command-line <see cref="Flag"/>, the
/// <c>CODEX_RELAY_*</c> <see cref="Variable"/>, and the configuration <see cref="Key"/> both map onto.
/// Tables of these are the one source of the flag parser, <c>--help</c> and the README's table.
/// </summary>
public sealed record RelaySetting(string Key, string Default, string Help)
{
    /// <summary>The flag, e.g. <c>--port</c>; null for a setting given only by variable or configuration.</summary>
    public string? Flag { get; init; }

    /// <summary>The environment variable, e.g. <c>CODEX_RELAY_PORT</c>.</summary>
    public string? Variable { get; init; }

    /// <summary>How <c>--help</c> names the flag's value, e.g. <c>n</c> in <c>--port &lt;n&gt;</c>.</summary>
    public string ValueName { get; init; } = "value";

    /// <summary>A flag and a variable named after each other: <c>--silo-port</c> and <c>CODEX_RELAY_SILO_PORT</c>.</summary>
    public static RelaySetting Named(string name, string key, string valueName, string @default, string help) =>
        new(key, @default, help)
        {
            Flag = "--" + name,
            Variable = "CODEX_RELAY_" + name.Replace('-', '_').ToUpperInvariant(),
            ValueName = valueName,
        };
}
