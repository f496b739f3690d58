using System.Reflection;
using CodexRelay.Gateway.Hosting;
using CodexRelay.Grains.Hosting.Settings;

namespace CodexRelay.Gateway.Cli;

/// <summary>
/// The command line: settings flags from <see cref="GatewaySettings"/>, and the commands that run instead of the
/// server (<c>--help</c>, <c>--version</c>, <c>--print-config</c>). An unknown flag or a missing value exits 2.
/// </summary>
internal static class RelayCommandLine
{
    public static IReadOnlyList<CommandOption> Commands { get; } =
    [
        new("--help", null, "Print this help and exit.", "-h", "-?"),
        new("--version", null, "Print the version and exit."),
        new("--print-config", null, "Print a Codex config.toml for this relay and exit."),
        new("--model", "name", "With --print-config: model = ... (default: the first mapped or upstream model)."),
        new("--env-key", "VAR", $"With --print-config: the variable Codex reads its key from (default {CodexConfig.DefaultEnvKey})."),
        new("--provider-id", "id", $"With --print-config: the [model_providers.<id>] table (default {CodexConfig.DefaultProviderId})."),
        new("--catalog-file", "path", "With --print-config: write the catalog to a file and use model_catalog_json."),
        new("--public-url", "url", "With --print-config: the relay as users reach it (https://codex.example.org); default http://<host>:<port>."),
    ];

    public static SettingsParse Parse(IReadOnlyList<string> args) => GatewaySettings.Parse(args, Commands);

    /// <summary>The exit code of the command the line asks for, or null to start the server.</summary>
    public static async Task<int?> RunCommandAsync(SettingsParse commandLine, TextWriter stdout, TextWriter stderr)
    {
        if (commandLine.Errors.Count > 0)
        {
            foreach (var error in commandLine.Errors)
            {
                await stderr.WriteLineAsync($"codex-relay: {error}");
            }

            await stderr.WriteLineAsync("Run 'codex-relay --help' for the flags, their variables and defaults.");
            return SettingsCommandLine.UsageErrorExitCode;
        }

        if (commandLine.Has("--help"))
        {
            await stdout.WriteAsync(HelpText.Text);
            return 0;
        }

        if (commandLine.Has("--version"))
        {
            var version = typeof(RelayCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            await stdout.WriteLineAsync($"codex-relay {version}");
            return 0;
        }

        return commandLine.Has("--print-config") ? await PrintConfigCommand.RunAsync(commandLine, stdout, stderr) : null;
    }
}
