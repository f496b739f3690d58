using System.Collections.Frozen;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>The closed sets of values the Responses API defines for the fields the relay validates.</summary>
internal static class KnownValues
{
    public static readonly FrozenSet<string> Include = FrozenSet.ToFrozenSet(
    [
        "reasoning.encrypted_content", "message.output_text.logprobs", "message.input_image.image_url",
        "computer_call_output.output.image_url", "code_interpreter_call.outputs", "file_search_call.results",
        "web_search_call.results", "web_search_call.action.sources",
    ], StringComparer.Ordinal);

    public static readonly FrozenSet<string> ServiceTiers = FrozenSet.ToFrozenSet(["auto", "default", "flex", "scale", "priority"], StringComparer.Ordinal);

    public static readonly FrozenSet<string> Truncation = FrozenSet.ToFrozenSet(["auto", "disabled"], StringComparer.Ordinal);

    /// <summary>Item kinds the relay translates; any other string kind is skipped (and logged).</summary>
    public static readonly FrozenSet<string> TranslatedItems = FrozenSet.ToFrozenSet(
        ["message", "function_call", "function_call_output", "custom_tool_call", "custom_tool_call_output", "reasoning"], StringComparer.Ordinal);

    /// <summary>Tool types the API defines (or Codex sends); function, custom and namespace are translated, the rest dropped.</summary>
    public static readonly FrozenSet<string> ToolTypes = FrozenSet.ToFrozenSet(
    [
        "function", "custom", "namespace", "web_search", "web_search_preview", "web_search_preview_2025_03_11",
        "web_search_2025_08_26", "file_search", "computer_use_preview", "computer_use", "code_interpreter",
        "image_generation", "local_shell", "shell", "apply_patch", "mcp", "tool_search",
    ], StringComparer.Ordinal);

    public static readonly FrozenSet<string> ToolChoiceModes = FrozenSet.ToFrozenSet(["auto", "none", "required"], StringComparer.Ordinal);

    public const int MetadataPairs = 16;

    public const int MetadataKeyLength = 64;

    public const int MetadataValueLength = 512;
}
