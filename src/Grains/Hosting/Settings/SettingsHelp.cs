using System.Text;

namespace CodexRelay.Grains.Hosting.Settings;

/// <summary>Writes <c>--help</c> from a settings table: flag, variable and default on one line, the meaning under it.</summary>
public static class SettingsHelp
{
    public static string Format(string header, IReadOnlyList<RelaySetting> settings, IReadOnlyList<CommandOption> commands, string footer)
    {
        var text = new StringBuilder(header.TrimEnd()).Append("\n\nSettings (flag / environment variable / default; configuration key):\n");
        foreach (var setting in settings)
        {
            var flag = setting.Flag is null ? "" : $"{setting.Flag} <{setting.ValueName}>";
            text.Append("  ").Append(flag.PadRight(34)).Append(' ').Append((setting.Variable ?? "").PadRight(36)).Append(' ').Append(setting.Default).Append('\n');
            text.Append("      ").Append(setting.Help).Append(" (").Append(setting.Key).Append(")\n");
        }

        text.Append("\nCommands:\n");
        foreach (var command in commands)
        {
            var flag = command.ValueName is null ? command.Flag : $"{command.Flag} <{command.ValueName}>";
            text.Append("  ").Append(flag.PadRight(34)).Append(' ').Append(command.Help).Append('\n');
        }

        return text.Append('\n').Append(footer.TrimEnd()).Append('\n').ToString();
    }
}
