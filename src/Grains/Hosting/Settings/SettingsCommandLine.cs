using System.CommandLine;

namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>
/// Parses a relay process's command line with System.CommandLine from its settings table: an unknown flag or a
/// missing value is a usage error (exit code 2), never skipped. ASP.NET-style <c>--Section:Key=value</c> arguments
/// are left to the host's own configuration.
/// </summary>
public sealed class SettingsCommandLine
{
    public const int UsageErrorExitCode = 2;

    private readonly RootCommand _root = new();
    private readonly Dictionary<Option, string> _settingKeys = [];
    private readonly Dictionary<Option, string> _commandFlags = [];

    public SettingsCommandLine(IReadOnlyList<RelaySetting> settings, IReadOnlyList<CommandOption> commands)
    {
        // Our own --help and --version (from the command table): the help text is generated from the settings table.
        _root.Options.Clear();
        foreach (var setting in settings.Where(s => s.Flag is not null))
        {
            var option = new Option<string>(setting.Flag!);
            _root.Options.Add(option);
            _settingKeys[option] = setting.Key;
        }

        foreach (var command in commands)
        {
            Option option = command.ValueName is null ? new Option<bool>(command.Flag, command.Aliases) : new Option<string>(command.Flag, command.Aliases);
            _root.Options.Add(option);
            _commandFlags[option] = command.Flag;
        }
    }

    public SettingsParse Parse(IReadOnlyList<string> args)
    {
        var result = _root.Parse(WithoutHostArguments(args));
        if (result.Errors.Count > 0)
        {
            var hints = result.UnmatchedTokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)).Select(Suggest).OfType<string>();
            return new SettingsParse([.. result.Errors.Select(e => e.Message), .. hints], new Dictionary<string, string?>(), new Dictionary<string, string?>());
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (option, key) in _settingKeys)
        {
            if (result.GetResult(option) is { } found && !found.Implicit)
            {
                settings[key] = result.GetValue((Option<string>)option);
            }
        }

        var commands = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (option, flag) in _commandFlags)
        {
            if (result.GetResult(option) is { } found && !found.Implicit)
            {
                commands[flag] = option is Option<string> text ? result.GetValue(text) : "true";
            }
        }

        return new SettingsParse([], settings, commands);
    }

    /// <summary>"Did you mean --upstream?" for a flag a few edits away from a known one.</summary>
    private string? Suggest(string token)
    {
        var name = token.Split('=')[0];
        var closest = _root.Options.Select(o => o.Name).MinBy(known => EditDistance(name, known));
        return closest is not null && EditDistance(name, closest) <= 3 ? $"Did you mean '{closest}' instead of '{name}'?" : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>ASP.NET's own form: <c>--CodexRelay:Upstream:IdleTimeout=00:00:05</c> (a key with a section).</summary>
    private static bool IsHostArgument(string arg)
    {
        if (!(arg.StartsWith("--", StringComparison.Ordinal) || arg.StartsWith('/')))
        {
            return false;
        }

        var name = arg.TrimStart('-', '/');
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        return (equals < 0 ? name : name[..equals]).Contains(':', StringComparison.Ordinal);
    }

    /// <summary>Leaves out host arguments and the value of their two-token form (<c>--Section:Key value</c>).</summary>
    private static List<string> WithoutHostArguments(IReadOnlyList<string> args)
    {
        var kept = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            if (!IsHostArgument(args[i]))
            {
                kept.Add(args[i]);
            }
            else if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                i++;
            }
        }

        return kept;
    }
}
