using System.Collections.Frozen;

namespace CodexRelay.Gateway.Configuration;

/// <summary>The settings request translation needs, parsed once at startup.</summary>
internal sealed record TranslationSettings
{
    public FrozenDictionary<string, string> ModelMap { get; init; } = FrozenDictionary<string, string>.Empty;

    public FrozenSet<string> ToolDenylist { get; init; } = FrozenSet<string>.Empty;

    public IReadOnlyList<string> ReasoningReplayPatterns { get; init; } = [];

    public Translation.Quirks.QuirkSettings Quirks { get; init; } = new();

    public static TranslationSettings From(RelayOptions options) => new()
    {
        ModelMap = ParseModelMap(options.ModelMap),
        ToolDenylist = SplitList(options.ToolDenylist).ToFrozenSet(StringComparer.Ordinal),
        ReasoningReplayPatterns = SplitList(options.ReasoningReplayModels),
        Quirks = options.Quirks,
    };

    public string MapModel(string model) => ModelMap.TryGetValue(model, out var target) ? target : model;

    public bool ReplaysReasoning(string upstreamModel)
    {
        foreach (var pattern in ReasoningReplayPatterns)
        {
            if (WildcardMatches(pattern, upstreamModel))
            {
                return true;
            }
        }

        return false;
    }

    internal static FrozenDictionary<string, string> ParseModelMap(string? value)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in SplitList(value))
        {
            // The target may itself contain ':' (e.g. "qwen:7b" on Ollama), so split at the first one.
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                throw new InvalidOperationException($"Model map entry '{pair}' is not 'source:target'.");
            }

            map[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool WildcardMatches(string pattern, string value)
    {
        var name = value.Contains('/', StringComparison.Ordinal) ? value[(value.LastIndexOf('/') + 1)..] : value;
        if (pattern.EndsWith('*'))
        {
            var prefix = pattern[..^1];
            return name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase) || string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
    }
}
