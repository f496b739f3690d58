using System.Text.Json.Nodes;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>Reasoning items: streamed as summary text (Codex shows it), closed with the text in summary and content.</summary>
internal sealed partial class ResponseStreamMachine
{
    /// <summary>Whether the open reasoning item came from the provider's reasoning field (not think tags).</summary>
    private bool _reasoningFromField;

    private void AppendReasoning(string delta, bool fromField)
    {
        CloseText();
        if (_reasoningId is not null && _reasoningFromField != fromField)
        {
            // One item, one origin: its encrypted_content says which, and only field reasoning is replayed.
            CloseReasoning();
        }

        if (_reasoningId is null)
        {
            _reasoningId = ids.NewId("rs_");
            _reasoningIndex = _nextOutputIndex++;
            _reasoningFromField = fromField;
            Emit(ResponseEventTypes.OutputItemAdded, new JsonObject
            {
                ["output_index"] = _reasoningIndex,
                ["item"] = new JsonObject { ["type"] = "reasoning", ["id"] = _reasoningId, ["summary"] = new JsonArray() },
            });
            Emit(ResponseEventTypes.ReasoningSummaryPartAdded, ReasoningRef(new JsonObject { ["type"] = "summary_text", ["text"] = "" }, "part"));
        }

        _reasoning.Append(delta);
        Emit(ResponseEventTypes.ReasoningSummaryTextDelta, ReasoningRef(delta, "delta"));
    }

    private void CloseReasoning()
    {
        if (_reasoningId is null)
        {
            return;
        }

        var text = _reasoning.ToString();
        Emit(ResponseEventTypes.ReasoningSummaryTextDone, ReasoningRef(text, "text"));
        Emit(ResponseEventTypes.ReasoningSummaryPartDone, ReasoningRef(new JsonObject { ["type"] = "summary_text", ["text"] = text }, "part"));
        var item = new JsonObject
        {
            ["type"] = "reasoning",
            ["id"] = _reasoningId,
            ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = text }),
            ["content"] = new JsonArray(new JsonObject { ["type"] = "reasoning_text", ["text"] = text }),
            ["encrypted_content"] = _reasoningFromField ? ReasoningProvenance.ReasoningContent : ReasoningProvenance.ThinkTags,
        };
        ItemDone(_reasoningIndex, item);
        _reasoningId = null;
        _reasoning.Clear();
    }

    private JsonObject ReasoningRef(JsonNode value, string name) => new()
    {
        ["item_id"] = _reasoningId,
        ["output_index"] = _reasoningIndex,
        ["summary_index"] = 0,
        [name] = value,
    };
}
