using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>
/// Tool runs: calls join the turn's assistant message, outputs become <c>tool</c> messages matched to their calls by
/// count (not search), and a run's images follow it as one user message.
/// </summary>
internal sealed partial class MessagesTranslator
{
    private readonly List<string> _awaitingOrder = [];
    private readonly Dictionary<string, int> _awaiting = new(StringComparer.Ordinal);
    private readonly JsonArray _pendingImages = [];
    private int _awaitingCount;

    private void AddToolCall(JsonElement item, string flatName, string arguments)
    {
        if (_awaitingCount > 0)
        {
            // A call after outputs starts a new assistant turn.
            CloseToolRun();
            FlushAssistant();
        }

        _assistant ??= NewAssistant();
        if (_assistant["tool_calls"] is not JsonArray calls)
        {
            _assistant["tool_calls"] = calls = [];
        }

        calls.Add(new JsonObject
        {
            ["id"] = InputItems.GetString(item, "call_id"),
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = flatName, ["arguments"] = arguments },
        });
    }

    private void AddToolOutput(JsonElement item)
    {
        FlushAssistant();
        var callId = InputItems.GetString(item, "call_id")!;
        var (text, images) = ItemContent.OutputContent(item);
        if (!_awaiting.TryGetValue(callId, out var waiting) || waiting == 0)
        {
            // No matching call. The front end rejects such a request as OpenAI does (ToolCallPairing); the translator
            // stays total so that what it emits is always valid Chat, never a tool message without its call.
            CloseToolRun();
            _messages.Add(new JsonObject { ["role"] = "user", ["content"] = $"Output of tool call {callId}:\n{text}" });
            AddImagesAsUserMessage(images);
            return;
        }

        _awaiting[callId] = waiting - 1;
        _awaitingCount--;
        _messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = callId, ["content"] = text });
        foreach (var image in images)
        {
            _pendingImages.Add(image);
        }

        if (_awaitingCount == 0)
        {
            CloseToolRun();
        }
    }

    /// <summary>Ends a run of tool messages: unanswered calls get a placeholder, then the run's images follow.</summary>
    private void CloseToolRun()
    {
        foreach (var callId in _awaitingOrder)
        {
            if (_awaiting.TryGetValue(callId, out var waiting) && waiting > 0)
            {
                _awaiting[callId] = waiting - 1;
                _messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = callId, ["content"] = "No output: the call was not completed." });
            }
        }

        _awaitingOrder.Clear();
        _awaiting.Clear();
        _awaitingCount = 0;
        if (_pendingImages.Count > 0)
        {
            List<JsonNode?> images = [.. _pendingImages.Select(i => i?.DeepClone())];
            _pendingImages.Clear();
            AddImagesAsUserMessage(images);
        }
    }

    private void AddImagesAsUserMessage(List<JsonNode?> images)
    {
        if (images.Count == 0)
        {
            return;
        }

        var parts = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = "Images returned by the tool calls above:" } };
        foreach (var image in images)
        {
            parts.Add(image?.DeepClone());
        }

        _messages.Add(new JsonObject { ["role"] = "user", ["content"] = parts });
    }
}
