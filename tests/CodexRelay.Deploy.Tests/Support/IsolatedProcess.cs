using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests.Support;

/// <summary>
/// Starts a <see cref="ChildProcess"/> as a container runs it: with exactly the environment given, on top of the few
/// variables a process needs to run at all (PATH, HOME, DOTNET_ROOT), so nothing of the test's own CODEX_RELAY_*
/// leaks in; and in its image's working directory. Through <c>env -i -C</c>, which execs, so the process keeps the
/// PID the test kills and signals.
/// </summary>
internal static class IsolatedProcess
{
    private static readonly string[] Inherited = ["PATH", "HOME", "DOTNET_ROOT", "DOTNET_CLI_HOME"];

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                variables[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var env = Tools.OnPath("env") ?? throw new InvalidOperationException("env (coreutils) is not on PATH.");
        List<string> argv = ["--ignore-environment", $"--chdir={workingDirectory}", .. variables.Select(v => $"{v.Key}={v.Value}"), fileName, .. arguments];
        return ChildProcess.Start(env, argv);
    }
}
