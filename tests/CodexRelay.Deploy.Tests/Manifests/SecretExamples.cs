using CodexRelay.Deploy.Tests.Support;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>
/// The example Secrets in deploy/kubernetes/secrets/NAME.env.example, read as
/// <c>kubectl create secret generic NAME --from-env-file</c> reads the filled-in copy.
/// </summary>
internal static class SecretExamples
{
    public static string Directory => DeployPaths.Deploy("kubernetes", "secrets");

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load() =>
        System.IO.Directory.GetFiles(Directory, "*.env.example")
            .ToDictionary(
                file => Path.GetFileName(file)[..^".env.example".Length],
                file => (IReadOnlyDictionary<string, string>)ParseEnvFile(File.ReadAllText(file)));

    public static Dictionary<string, string> ParseEnvFile(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimStart();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"Not KEY=VALUE: '{line}'");
            values[line[..equals]] = line[(equals + 1)..].TrimEnd('\r');
        }

        return values;
    }
}
