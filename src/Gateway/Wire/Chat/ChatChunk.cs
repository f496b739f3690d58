using System.Text.Json;

namespace CodexRelay.Gateway.Wire.Chat;

/// <summary>The parts of one Chat Completions stream chunk the relay uses.</summary>
internal sealed record ChatChunk
{
    public string? Content { get; init; }

    /// <summary><c>reasoning_content</c> (DeepSeek, Kimi) or its <c>reasoning</c> alias.</summary>
    public string? Reasoning { get; init; }

    public IReadOnlyList<ToolCallDelta> ToolCalls { get; init; } = [];

    public string? FinishReason { get; init; }

    public JsonElement? Usage { get; init; }

    /// <summary>An error object some providers put in the stream instead of a chunk.</summary>
    public JsonElement? Error { get; init; }
}

/// <summary>One fragment of a streamed tool call, addressed by its <c>index</c>.</summary>
internal sealed record ToolCallDelta(int Index, string? Id, string? Name, string? Arguments);
