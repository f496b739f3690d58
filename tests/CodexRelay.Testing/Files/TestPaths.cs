namespace CodexRelay.Testing.Files;

/// <summary>
/// Finds what the tests run and read, from the test assembly's folder: the Codex CLI and Azurite (installed by
/// test.sh into .tools/, or named by CODEX_RELAY_TEST_CODEX / CODEX_RELAY_TEST_AZURITE), the silo's build output,
/// the fixtures copied next to the tests, and the repository they came from.
/// </summary>
public static class TestPaths
{
    public static string Codex() =>
        Tool("CODEX_RELAY_TEST_CODEX", Path.Combine(".tools", "node", "node_modules", ".bin", "codex"), "The Codex CLI 0.169.0");

    public static string Azurite() =>
        Tool("CODEX_RELAY_TEST_AZURITE", Path.Combine(".tools", "node", "node_modules", "azurite", "dist", "src", "blob", "main.js"), "Azurite");

    /// <summary>The silo from its own build output (its dependencies are not all in the test's folder).</summary>
    public static string Silo() =>
        Upward(Path.Combine("src", "Silo", "bin", Configuration(), "net10.0", "CodexRelay.Silo.dll"))
            ?? throw new InvalidOperationException($"CodexRelay.Silo.dll is not built ({Configuration()}).");

    public static string RepositoryRoot() =>
        Path.GetDirectoryName(Upward("CodexRelay.sln") ?? throw new InvalidOperationException("CodexRelay.sln not found above the test assembly."))!;

    /// <summary>Debug or Release: the configuration the test assembly was built in.</summary>
    public static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>A file under tests/fixtures as copied to the test output.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    /// <summary>The same file in the source tree (where re-recorded golden files are written).</summary>
    public static string SourceFixture(params string[] parts) => Path.Combine([RepositoryRoot(), "tests", "fixtures", .. parts]);

    private static string Tool(string variable, string relative, string what)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"{variable} points at '{configured}', which does not exist.");
        }

        return Upward(relative)
            ?? throw new InvalidOperationException($"{what} was not found: run ./test.sh (it installs it under .tools/node) or set {variable}.");
    }

    private static string? Upward(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
