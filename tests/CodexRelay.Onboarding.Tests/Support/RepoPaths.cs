namespace CodexRelay.Onboarding.Tests.Support;

/// <summary>Finds the Codex CLI and the repository from the test assembly's folder.</summary>
internal static class RepoPaths
{
    public static string Codex()
    {
        if (Environment.GetEnvironmentVariable("CODEX_RELAY_TEST_CODEX") is { Length: > 0 } configured)
        {
            Assert.True(File.Exists(configured), $"CODEX_RELAY_TEST_CODEX points at '{configured}', which does not exist.");
            return configured;
        }

        return Upward(Path.Combine(".tools", "node", "node_modules", ".bin", "codex"))
            ?? throw new InvalidOperationException(
                "The Codex CLI 0.169.0 was not found: set CODEX_RELAY_TEST_CODEX or run ./test.sh (installs it under .tools/node).");
    }

    public static string RepositoryRoot() =>
        Path.GetDirectoryName(Upward("CodexRelay.sln") ?? throw new InvalidOperationException("CodexRelay.sln not found above the test assembly."))!;

    /// <summary>Debug or Release: the configuration this test assembly was built in.</summary>
    public static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

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
