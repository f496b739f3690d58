using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation.Quirks;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>
/// Text items: content (after the DSML and think-tag quirks, which may turn some of it into tool calls or reasoning)
/// streamed as deltas of one assistant message, closed with its whole text.
/// </summary>
internal sealed partial class ResponseStreamMachine
{
    private readonly ThinkTagSplitter _thinkTags = new();
    private readonly DsmlToolCallFilter _dsml = new();
    private readonly List<string> _dsmlText = [];
    private readonly List<(bool Reasoning, string Text)> _segments = [];
    private static readonly JsonEncodedText ContentIndex = JsonEncodedText.Encode("content_index");
    private readonly StreamedItemText _textItem = new(ContentIndex);

    private void AppendContent()
    {
        foreach (var text in _dsmlText)
        {
            AppendContent(text);
        }

        _dsmlText.Clear();
    }

    private void AppendContent(string content)
    {
        if (splitThinkTags)
        {
            _thinkTags.Push(content, _segments);
            AppendSegments();
        }
        else
        {
            AppendText(content);
        }
    }

    private void AppendSegments()
    {
        foreach (var (isReasoning, text) in _segments)
        {
            if (isReasoning)
            {
                AppendReasoning(text, fromField: false);
            }
            else
            {
                AppendText(text);
            }
        }

        _segments.Clear();
    }

    private void AppendText(string delta)
    {
        CloseReasoning();
        if (!_textItem.IsOpen)
        {
            _textItem.Open(ids.NewId("msg_"), _nextOutputIndex++);
            var added = Begin(ResponseEventTypes.OutputItemAdded);
            added.WriteNumber("output_index"u8, _textItem.OutputIndex);
            added.WritePropertyName("item"u8);
            Message("in_progress", null).WriteTo(added);
            _events.End();
            var part = BeginPart(_textItem, ResponseEventTypes.ContentPartAdded);
            part.WritePropertyName("part"u8);
            OutputText("").WriteTo(part);
            _events.End();
        }

        WriteDelta(_textItem, ResponseEventTypes.OutputTextDelta, delta);
    }

    private void CloseText()
    {
        if (!_textItem.IsOpen)
        {
            return;
        }

        var text = WriteTextDone(_textItem, ResponseEventTypes.OutputTextDone);
        var part = BeginPart(_textItem, ResponseEventTypes.ContentPartDone);
        part.WritePropertyName("part"u8);
        OutputText(text).WriteTo(part);
        _events.End();
        ItemDone(_textItem.OutputIndex, Message("completed", text));
        _textItem.Close();
    }

    private JsonObject Message(string status, string? text) => new()
    {
        ["type"] = "message",
        ["id"] = _textItem.Id,
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = text is null ? new JsonArray() : new JsonArray(OutputText(text)),
    };

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };
}
