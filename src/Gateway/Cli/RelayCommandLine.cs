using System.Reflection;

namespace CodexRelay.Gateway.Cli;

/// <summary>The commands that run instead of the server: <c>--help</c>, <c>--version</c>, <c>--print-config</c>.</summary>
internal static class RelayCommandLine
{
    /// <summary>The exit code of the command <paramref name="args"/> ask for, or null to start the server.</summary>
    public static async Task<int?> RunCommandAsync(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            await Console.Out.WriteLineAsync(HelpText.Text);
            return 0;
        }

        if (args.Contains("--version"))
        {
            var version = typeof(RelayCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            await Console.Out.WriteLineAsync($"codex-relay {version}");
            return 0;
        }

        if (args.Contains("--print-config"))
        {
            return await PrintConfigCommand.RunAsync(args, Console.Out, Console.Error);
        }

        return null;
    }
}
