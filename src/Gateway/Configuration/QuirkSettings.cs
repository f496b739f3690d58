namespace CodexRelay.Gateway.Configuration;

/// <summary>
/// Section <c>CodexRelay:Quirks</c>: provider workarounds, each named, logged when it fires, and switchable.
/// Model lists are comma-separated patterns with a trailing <c>*</c> wildcard, matched on the upstream model name.
/// </summary>
internal sealed class QuirkSettings
{
    public const string SectionName = "CodexRelay:Quirks";

    /// <summary>Quirk names turned off (<c>CODEX_RELAY_DISABLE_QUIRKS</c>), e.g. <c>think_tags,drop_blank_messages</c>.</summary>
    public string Disabled { get; set; } = "";

    /// <summary><c>thinking_switch</c>: models that think only when asked with <c>thinking: {type: enabled}</c> (GLM).</summary>
    public string ThinkingSwitchModels { get; set; } = "glm*,zhipu*,bigmodel*";

    /// <summary><c>max_completion_tokens</c>: models that reject <c>max_tokens</c>.</summary>
    public string MaxCompletionTokensModels { get; set; } = "o1*,o3*,o4*,gpt-5*";

    /// <summary><c>no_late_system</c>: models that reject <c>system</c> messages after the first turn; they become user notes.</summary>
    public string NoLateSystemModels { get; set; } = "mistral*,codestral*,magistral*,devstral*";

    /// <summary><c>user_after_tool</c>: models that reject a <c>user</c> message right after <c>tool</c> messages (Mistral).</summary>
    public string UserAfterToolModels { get; set; } = "mistral*,codestral*,magistral*,devstral*";

    /// <summary>
    /// <c>empty_reasoning_content</c>: models that reject an assistant tool-call message without
    /// <c>reasoning_content</c> (Kimi: "reasoning_content is missing in assistant tool call message"); it gets an empty one.
    /// </summary>
    public string EmptyReasoningContentModels { get; set; } = "kimi*,moonshot*";

    public bool IsEnabled(string quirk) =>
        !Disabled.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(quirk, StringComparer.OrdinalIgnoreCase);
}
