namespace CodexRelay.Gateway.Translation.Tools;

/// <summary>How a tool the provider calls maps back to Codex.</summary>
internal enum ToolKind
{
    /// <summary>A <c>function</c> tool (possibly inside a namespace): answered with <c>function_call</c>.</summary>
    Function,

    /// <summary>A <c>custom</c> (freeform) tool: answered with <c>custom_tool_call</c> and raw <c>input</c>.</summary>
    Custom,
}

/// <summary>The Responses identity of a tool the provider knows under a flattened name.</summary>
internal sealed record ToolTarget(ToolKind Kind, string Name, string? Namespace);
