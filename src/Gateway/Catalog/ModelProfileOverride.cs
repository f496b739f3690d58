namespace CodexRelay.Gateway.Catalog;

/// <summary>Operator-supplied metadata for models matching <see cref="Model"/> (a name or <c>*</c> pattern).</summary>
internal sealed class ModelProfileOverride
{
    public string Model { get; set; } = "";

    public string? DisplayName { get; set; }

    public int? ContextWindow { get; set; }

    public int? AutoCompactTokenLimit { get; set; }

    /// <summary>Reasoning efforts the model takes (<c>low</c>, <c>medium</c>, <c>high</c>...); empty list for none.</summary>
    public List<string>? ReasoningLevels { get; set; }

    public string? DefaultReasoningLevel { get; set; }

    /// <summary><c>text</c> and optionally <c>image</c>.</summary>
    public List<string>? InputModalities { get; set; }

    public bool? SupportsParallelToolCalls { get; set; }

    public ModelProfile ApplyTo(ModelProfile profile) => profile with
    {
        DisplayName = DisplayName ?? profile.DisplayName,
        ContextWindow = ContextWindow ?? profile.ContextWindow,
        AutoCompactTokenLimit = AutoCompactTokenLimit ?? (ContextWindow is { } window ? ModelProfile.DefaultCompactLimit(window) : profile.AutoCompactTokenLimit),
        ReasoningLevels = ReasoningLevels is { } levels ? [.. levels] : profile.ReasoningLevels,
        DefaultReasoningLevel = DefaultReasoningLevel ?? (ReasoningLevels is { } l ? ModelProfile.MiddleLevel(l) : profile.DefaultReasoningLevel),
        InputModalities = InputModalities is { Count: > 0 } modalities ? [.. modalities] : profile.InputModalities,
        SupportsParallelToolCalls = SupportsParallelToolCalls ?? profile.SupportsParallelToolCalls,
    };
}
