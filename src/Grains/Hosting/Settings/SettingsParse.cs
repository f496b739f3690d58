namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>A parsed command line: usage errors, the settings it sets (by configuration key), and its command options.</summary>
public sealed record SettingsParse(
    IReadOnlyList<string> Errors,
    IReadOnlyDictionary<string, string?> Settings,
    IReadOnlyDictionary<string, string?> Commands)
{
    public bool Has(string flag) => Commands.ContainsKey(flag);

    public string? Value(string flag) => Commands.GetValueOrDefault(flag);
}
