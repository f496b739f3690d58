using System.Text.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>
/// A validated <c>POST /v1/responses</c> body. Input items and tools stay as <see cref="JsonElement"/>s:
/// they are stored verbatim (Responses form is the source of truth) and translated on demand.
/// </summary>
internal sealed record ResponsesRequest
{
    public required string Model { get; init; }

    /// <summary>Input items, a plain string input already turned into one user message item.</summary>
    public required IReadOnlyList<JsonElement> Input { get; init; }

    public string? Instructions { get; init; }

    public IReadOnlyList<JsonElement> Tools { get; init; } = [];

    public JsonElement? ToolChoice { get; init; }

    public bool? ParallelToolCalls { get; init; }

    public int? MaxOutputTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public string? ReasoningEffort { get; init; }

    /// <summary>The <c>text.format</c> object, when it asks for JSON.</summary>
    public JsonElement? TextFormat { get; init; }

    public bool Stream { get; init; }

    /// <summary>The API's default is true; Codex sends false.</summary>
    public bool Store { get; init; } = true;

    public string? PreviousResponseId { get; init; }

    public JsonElement? Metadata { get; init; }
}
