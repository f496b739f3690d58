namespace CodexRelay.Gateway.Configuration;

/// <summary>The registry of quirk names, as they appear in logs and in <c>CodexRelay:Quirks:Disabled</c>.</summary>
internal static class QuirkNames
{
    public const string ThinkTags = "think_tags";
    public const string ThinkingSwitch = "thinking_switch";
    public const string MaxCompletionTokens = "max_completion_tokens";
    public const string NoLateSystem = "no_late_system";
    public const string UserAfterTool = "user_after_tool";
    public const string DropBlankMessages = "drop_blank_messages";
    public const string DsmlHeal = "dsml_heal";
    public const string EmptyReasoningContent = "empty_reasoning_content";

    public static IReadOnlyList<string> All { get; } = [ThinkTags, ThinkingSwitch, MaxCompletionTokens, NoLateSystem, UserAfterTool, DropBlankMessages, DsmlHeal, EmptyReasoningContent];
}
