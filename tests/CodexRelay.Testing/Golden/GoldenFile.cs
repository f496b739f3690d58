using CodexRelay.Testing.Files;

namespace CodexRelay.Testing.Golden;

/// <summary>
/// The re-record switch of the golden files: with <c>CODEX_RELAY_RECORD_GOLDEN=1</c> a golden test writes what the
/// code produces into tests/fixtures (the source tree, not the copy next to the tests) instead of comparing.
/// </summary>
public static class GoldenFile
{
    public const string RecordVariable = "CODEX_RELAY_RECORD_GOLDEN";

    public static bool Recording => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    /// <summary>
    /// Writes a golden file under tests/fixtures, given its path below that folder, and into the copy next to the
    /// tests, so that a run with <c>--no-build</c> right after compares with what was just recorded.
    /// </summary>
    public static void Record(string content, params string[] fixturePath)
    {
        foreach (var path in new[] { TestPaths.SourceFixture(fixturePath), TestPaths.Fixture(fixturePath) })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
    }
}
