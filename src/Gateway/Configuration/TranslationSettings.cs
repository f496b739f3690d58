using System.Collections.Frozen;

namespace CodexRelay.Gateway.Configuration;

/// <summary>The settings request translation needs, parsed once at startup.</summary>
internal sealed record TranslationSettings
{
    public FrozenDictionary<string, string> ModelMap { get; init; } = FrozenDictionary<string, string>.Empty;

    public FrozenSet<string> ToolDenylist { get; init; } = FrozenSet<string>.Empty;

    public IReadOnlyList<string> ReasoningReplayPatterns { get; init; } = [];

    public QuirkSettings Quirks { get; init; } = new();

    public static TranslationSettings From(RelayOptions options) => new()
    {
        ModelMap = ParseModelMap(options.ModelMap),
        ToolDenylist = ModelPattern.Split(options.ToolDenylist).ToFrozenSet(StringComparer.Ordinal),
        ReasoningReplayPatterns = ModelPattern.Split(options.ReasoningReplayModels),
        Quirks = options.Quirks,
    };

    public string MapModel(string model) => ModelMap.TryGetValue(model, out var target) ? target : model;

    public bool ReplaysReasoning(string upstreamModel) => ModelPattern.MatchesModel(ReasoningReplayPatterns, upstreamModel);

    internal static FrozenDictionary<string, string> ParseModelMap(string? value)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in ModelPattern.Split(value))
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
}
