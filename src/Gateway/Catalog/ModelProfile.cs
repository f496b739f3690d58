namespace CodexRelay.Gateway.Catalog;

/// <summary>What Codex needs to know about one upstream model; the rest of an entry comes from the template.</summary>
internal sealed record ModelProfile
{
    public string? DisplayName { get; init; }

    public int ContextWindow { get; init; } = 128_000;

    public int AutoCompactTokenLimit { get; init; } = DefaultCompactLimit(128_000);

    public IReadOnlyList<string> ReasoningLevels { get; init; } = [];

    public string? DefaultReasoningLevel { get; init; }

    public IReadOnlyList<string> InputModalities { get; init; } = ["text"];

    public bool SupportsParallelToolCalls { get; init; } = true;

    /// <summary>The safe defaults for a model no family matches: 128k window, text only, no reasoning levels.</summary>
    public static ModelProfile Unknown { get; } = new();

    public static ModelProfile Of(int contextWindow, bool reasoning = false, bool images = false) => new()
    {
        ContextWindow = contextWindow,
        AutoCompactTokenLimit = DefaultCompactLimit(contextWindow),
        ReasoningLevels = reasoning ? ["low", "medium", "high"] : [],
        DefaultReasoningLevel = reasoning ? "medium" : null,
        InputModalities = images ? ["text", "image"] : ["text"],
    };

    /// <summary>Compact at 80% of the window: leaves room for the reply and the compaction prompt itself.</summary>
    public static int DefaultCompactLimit(int contextWindow) => (int)(contextWindow * 0.8);

    public static string? MiddleLevel(IReadOnlyList<string> levels) =>
        levels.Count == 0 ? null : levels.Contains("medium") ? "medium" : levels[levels.Count / 2];
}
