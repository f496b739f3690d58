namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>A flag that selects or shapes a command (<c>--help</c>, <c>--print-config</c>, its <c>--model</c>) rather than a setting.</summary>
/// <param name="ValueName">The value's name in <c>--help</c>; null for a switch that takes none.</param>
public sealed record CommandOption(string Flag, string? ValueName, string Help, params string[] Aliases);
