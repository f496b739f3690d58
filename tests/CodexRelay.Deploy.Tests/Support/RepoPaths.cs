namespace CodexRelay.Deploy.Tests.Support;

/// <summary>The repository, the built processes and the tools the tests need, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration this test assembly was built in (the processes are run from the same).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Deploy(params string[] parts) => Path.Combine([Root, "deploy", .. parts]);

    public static string Overlay(string name) => Deploy("kubernetes", "overlays", name);

    /// <summary>The folder a process image's <c>/app</c> is published from: the project's build output.</summary>
    public static string BuildOutput(string project) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0");

    public static string GatewayDll => BuiltDll("Gateway", "CodexRelay.Gateway.dll");

    public static string SiloDll => BuiltDll("Silo", "CodexRelay.Silo.dll");

    /// <summary>The Codex CLI test.sh installs (or <c>CODEX_RELAY_TEST_CODEX</c>), or null.</summary>
    public static string? Codex()
    {
        if (Environment.GetEnvironmentVariable("CODEX_RELAY_TEST_CODEX") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var installed = Path.Combine(Root, ".tools", "node", "node_modules", ".bin", "codex");
        return File.Exists(installed) ? installed : null;
    }

    private static string BuiltDll(string project, string name)
    {
        var path = Path.Combine(BuildOutput(project), name);
        Assert.True(File.Exists(path), $"{path} is not built: run `dotnet build CodexRelay.sln -c {Configuration}` first.");
        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CodexRelay.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CodexRelay.sln not found above the test assembly.");
    }
}
