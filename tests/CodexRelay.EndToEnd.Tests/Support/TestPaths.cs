namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>Finds the Codex CLI (installed by test.sh into .tools/) and the fixtures.</summary>
internal static class TestPaths
{
    public static string Codex()
    {
        if (Environment.GetEnvironmentVariable("CODEX_RELAY_TEST_CODEX") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".tools", "node", "node_modules", ".bin", "codex");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The Codex CLI 0.169.0 is not installed: run ./test.sh (it installs it into .tools/node) or set CODEX_RELAY_TEST_CODEX.");
    }

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);
}
