namespace CodexRelay.Gateway.Catalog;

/// <summary>
/// Built-in metadata for known model families, matched by substring of the lower-cased upstream id
/// (first match wins, so specific names come before general ones). Providers' <c>/models</c> lists do not
/// report context windows; these values are conservative and operators override them per model.
/// </summary>
internal static class ModelFamilies
{
    private static readonly (string Fragment, ModelProfile Profile)[] Table =
    [
        ("deepseek-reasoner", ModelProfile.Of(128_000, reasoning: true)),
        ("deepseek-r1", ModelProfile.Of(128_000, reasoning: true)),
        ("deepseek-v4", ModelProfile.Of(128_000, reasoning: true)),
        ("deepseek", ModelProfile.Of(128_000)),
        ("kimi-k2-thinking", ModelProfile.Of(262_144, reasoning: true)),
        ("kimi", ModelProfile.Of(262_144)),
        ("moonshot", ModelProfile.Of(128_000)),
        ("qwen3-coder", ModelProfile.Of(262_144)),
        ("qwq", ModelProfile.Of(131_072, reasoning: true)),
        ("qwen", ModelProfile.Of(131_072)),
        ("codestral", ModelProfile.Of(256_000)),
        ("devstral", ModelProfile.Of(128_000)),
        ("magistral", ModelProfile.Of(128_000, reasoning: true)),
        ("mistral", ModelProfile.Of(128_000)),
        ("gpt-oss", ModelProfile.Of(131_072, reasoning: true)),
        ("llama", ModelProfile.Of(131_072)),
        ("grok-code", ModelProfile.Of(256_000, reasoning: true)),
        ("grok-4", ModelProfile.Of(256_000, reasoning: true, images: true)),
        ("grok", ModelProfile.Of(131_072)),
        ("claude", ModelProfile.Of(200_000, reasoning: true, images: true)),
        ("gemini", ModelProfile.Of(1_048_576, reasoning: true, images: true)),
        ("gpt-5", ModelProfile.Of(272_000, reasoning: true, images: true)),
        ("gpt-4.1", ModelProfile.Of(1_047_576, images: true)),
        ("gpt-4o", ModelProfile.Of(128_000, images: true)),
        ("o3", ModelProfile.Of(200_000, reasoning: true, images: true)),
        ("o4-mini", ModelProfile.Of(200_000, reasoning: true, images: true)),
        ("glm", ModelProfile.Of(128_000)),
    ];

    /// <summary>The profile of <paramref name="upstreamModel"/>, or <see cref="ModelProfile.Unknown"/>.</summary>
    public static ModelProfile Lookup(string upstreamModel)
    {
        var id = upstreamModel.ToLowerInvariant();
        foreach (var (fragment, profile) in Table)
        {
            if (id.Contains(fragment, StringComparison.Ordinal))
            {
                return profile;
            }
        }

        return ModelProfile.Unknown;
    }
}
