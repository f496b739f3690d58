using System.Text.Json;
using System.Text.RegularExpressions;

namespace CodexRelay.Deploy.Tests.Manifests;

/// <summary>One stage of a Dockerfile: its base image and what its instructions set.</summary>
internal sealed partial class ImageStage(string baseImage, string? alias)
{
    public string BaseImage { get; } = baseImage;

    public string? Alias { get; } = alias;

    public List<(string Instruction, string Arguments)> Lines { get; } = [];

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public string? User { get; private set; }

    public string WorkingDirectory { get; private set; } = "/";

    public IReadOnlyList<string> Entrypoint { get; private set; } = [];

    public List<int> Exposed { get; } = [];

    public void Add(string instruction, string rest)
    {
        Lines.Add((instruction, rest));
        switch (instruction)
        {
            case "ENV":
                foreach (Match pair in PairPattern().Matches(rest))
                {
                    Environment[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
                }

                break;
            case "LABEL":
                foreach (Match pair in PairPattern().Matches(rest))
                {
                    Labels[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
                }

                break;
            case "USER":
                User = rest;
                break;
            case "WORKDIR":
                WorkingDirectory = rest;
                break;
            case "ENTRYPOINT":
                Entrypoint = JsonSerializer.Deserialize<string[]>(rest) ?? [];
                break;
            case "EXPOSE":
                Exposed.AddRange(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)));
                break;
        }
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_.]*)=(""[^""]*""|\S+)")]
    private static partial Regex PairPattern();
}
