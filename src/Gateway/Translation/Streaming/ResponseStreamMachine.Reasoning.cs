using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>Reasoning items: streamed as summary text (Codex shows it), closed with the text in summary and content.</summary>
internal sealed partial class ResponseStreamMachine
{
    private readonly StringBuilder _reasoning = new();
    private string? _reasoningId;
    private int _reasoningIndex;

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
            var added = Begin(ResponseEventTypes.OutputItemAdded);
            added.WriteNumber("output_index"u8, _reasoningIndex);
            added.WriteStartObject("item"u8);
            added.WriteString("type"u8, "reasoning");
            added.WriteString("id"u8, _reasoningId);
            added.WriteStartArray("summary"u8);
            added.WriteEndArray();
            added.WriteEndObject();
            _events.End();
            WriteSummaryPart(ResponseEventTypes.ReasoningSummaryPartAdded, "");
        }

        _reasoning.Append(delta);
        BeginReasoning(ResponseEventTypes.ReasoningSummaryTextDelta).WriteString("delta"u8, delta);
        _events.End();
    }

    private void CloseReasoning()
    {
        if (_reasoningId is null)
        {
            return;
        }

        var text = _reasoning.ToString();
        BeginReasoning(ResponseEventTypes.ReasoningSummaryTextDone).WriteString("text"u8, text);
        _events.End();
        WriteSummaryPart(ResponseEventTypes.ReasoningSummaryPartDone, text);
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

    /// <summary>Opens an event about the open reasoning item's summary; the caller writes its value.</summary>
    private Utf8JsonWriter BeginReasoning(string type)
    {
        var writer = Begin(type);
        writer.WriteString("item_id"u8, _reasoningId);
        writer.WriteNumber("output_index"u8, _reasoningIndex);
        writer.WriteNumber("summary_index"u8, 0);
        return writer;
    }

    private void WriteSummaryPart(string type, string text)
    {
        var writer = BeginReasoning(type);
        writer.WriteStartObject("part"u8);
        writer.WriteString("type"u8, "summary_text");
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
        _events.End();
    }
}
