using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.Wire.Responses;

/// <summary>The Response object skeleton echoed back to the client, as the OpenAI API shapes it.</summary>
internal static class ResponseObjects
{
    public static JsonObject Create(ResponsesRequest request, string responseId, long createdAt) => new()
    {
        ["id"] = responseId,
        ["object"] = "response",
        ["created_at"] = createdAt,
        ["status"] = "in_progress",
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = request.Instructions,
        ["max_output_tokens"] = request.MaxOutputTokens,
        ["model"] = request.Model,
        ["output"] = new JsonArray(),
        ["parallel_tool_calls"] = request.ParallelToolCalls ?? true,
        ["previous_response_id"] = request.PreviousResponseId,
        ["reasoning"] = new JsonObject { ["effort"] = request.ReasoningEffort, ["summary"] = null },
        ["store"] = request.Store,
        ["temperature"] = request.Temperature ?? 1.0,
        ["text"] = new JsonObject { ["format"] = request.TextFormat is { } format ? JsonNodes.Copy(format) : new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = request.ToolChoice is { } choice ? JsonNodes.Copy(choice) : "auto",
        ["tools"] = new JsonArray([.. request.Tools.Select(RawJson.Node)]),
        ["top_p"] = request.TopP ?? 1.0,
        ["truncation"] = "disabled",
        ["usage"] = null,
        ["metadata"] = request.Metadata is { } metadata ? JsonNodes.Copy(metadata) : new JsonObject(),
    };

    public static string InputItemsJson(ResponsesRequest request) =>
        JsonSerializer.Serialize(request.Input, ResponsesJsonContext.Default.IReadOnlyListJsonElement);
}
