using System.Text.RegularExpressions;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>
/// What a Dockerfile's final stage gives a container (ENV, USER, WORKDIR, ENTRYPOINT, EXPOSE, LABEL), and each
/// stage's base image and COPY lines. Enough of the syntax for deploy/Dockerfile.*: no parser directives beyond
/// comments, continuations with a trailing backslash.
/// </summary>
internal sealed partial class ImageFile
{
    public required string Path { get; init; }

    public required IReadOnlyList<ImageStage> Stages { get; init; }

    public ImageStage Final => Stages[^1];

    public static ImageFile Load(string path)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<ImageStage>();
        foreach (var (instruction, rest) in Instructions(File.ReadAllText(path)))
        {
            if (instruction == "ARG" && stages.Count == 0)
            {
                var equals = rest.IndexOf('=', StringComparison.Ordinal);
                args[equals > 0 ? rest[..equals] : rest] = equals > 0 ? rest[(equals + 1)..] : "";
            }
            else if (instruction == "FROM")
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var image = ArgumentPattern().Replace(parts[0], m => args.GetValueOrDefault(m.Groups[1].Value, m.Value));
                stages.Add(new ImageStage(image, parts.Length >= 3 ? parts[2] : null));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Add(instruction, rest);
            }
        }

        return new ImageFile { Path = path, Stages = stages };
    }

    private static IEnumerable<(string Instruction, string Arguments)> Instructions(string text)
    {
        var logical = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') && logical.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                logical += line[..^1] + " ";
                continue;
            }

            logical += line;
            var trimmed = logical.Trim();
            logical = "";
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            yield return space < 0 ? (trimmed.ToUpperInvariant(), "") : (trimmed[..space].ToUpperInvariant(), trimmed[(space + 1)..].Trim());
        }
    }

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex ArgumentPattern();
}
