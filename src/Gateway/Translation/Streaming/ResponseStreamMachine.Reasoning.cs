using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>Reasoning items: streamed as summary text (Codex shows it), closed with the text in summary and content.</summary>
internal sealed partial class ResponseStreamMachine
{
    private static readonly JsonEncodedText SummaryIndex = JsonEncodedText.Encode("summary_index");
    private readonly StreamedItemText _reasoningItem = new(SummaryIndex);

    /// <summary>Whether the open reasoning item came from the provider's reasoning field (not think tags).</summary>
    private bool _reasoningFromField;

    private void AppendReasoning(string delta, bool fromField)
    {
        CloseText();
        if (_reasoningItem.IsOpen && _reasoningFromField != fromField)
        {
            // One item, one origin: its encrypted_content says which, and only field reasoning is replayed.
            CloseReasoning();
        }

        if (!_reasoningItem.IsOpen)
        {
            _reasoningItem.Open(ids.NewId("rs_"), _nextOutputIndex++);
            _reasoningFromField = fromField;
            var added = Begin(ResponseEventTypes.OutputItemAdded);
            added.WriteNumber("output_index"u8, _reasoningItem.OutputIndex);
            added.WriteStartObject("item"u8);
            added.WriteString("type"u8, "reasoning");
            added.WriteString("id"u8, _reasoningItem.Id);
            added.WriteStartArray("summary"u8);
            added.WriteEndArray();
            added.WriteEndObject();
            _events.End();
            WriteSummaryPart(ResponseEventTypes.ReasoningSummaryPartAdded, "");
        }

        WriteDelta(_reasoningItem, ResponseEventTypes.ReasoningSummaryTextDelta, delta);
    }

    private void CloseReasoning()
    {
        if (!_reasoningItem.IsOpen)
        {
            return;
        }

        var text = WriteTextDone(_reasoningItem, ResponseEventTypes.ReasoningSummaryTextDone);
        WriteSummaryPart(ResponseEventTypes.ReasoningSummaryPartDone, text);
        var item = new JsonObject
        {
            ["type"] = "reasoning",
            ["id"] = _reasoningItem.Id,
            ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = text }),
            ["content"] = new JsonArray(new JsonObject { ["type"] = "reasoning_text", ["text"] = text }),
            ["encrypted_content"] = _reasoningFromField ? ReasoningProvenance.ReasoningContent : ReasoningProvenance.ThinkTags,
        };
        ItemDone(_reasoningItem.OutputIndex, item);
        _reasoningItem.Close();
    }

    private void WriteSummaryPart(string type, string text)
    {
        var writer = BeginPart(_reasoningItem, type);
        writer.WriteStartObject("part"u8);
        writer.WriteString("type"u8, "summary_text");
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
        _events.End();
    }
}
