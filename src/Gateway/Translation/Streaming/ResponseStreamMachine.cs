// The Responses side of one upstream stream: text items here, reasoning items in
// ResponseStreamMachine.Reasoning.cs, tool calls in ResponseStreamMachine.Tools.cs. Pure: no I/O, every method returns the events to write, numbered in order.
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation.Quirks;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Responses;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>
/// Turns Chat Completions chunks into Responses stream events: <see cref="Start"/>, then
/// <see cref="OnChunk"/> per chunk, then <see cref="Finish"/> + <see cref="Terminal"/> or <see cref="Fail"/>.
/// </summary>
internal sealed partial class ResponseStreamMachine(JsonObject response, ToolNameMap toolNames, IIdGenerator ids, bool splitThinkTags = true, bool healDsml = true)
{
    private readonly SortedDictionary<int, JsonObject> _output = [];
    private readonly SortedDictionary<int, ToolCallState> _tools = [];
    private readonly ThinkTagSplitter _thinkTags = new();
    private readonly DsmlToolCallFilter _dsml = new();
    private readonly List<string> _dsmlText = [];
    private readonly List<(bool Reasoning, string Text)> _segments = [];
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private List<JsonObject> _events = [];
    private int _sequence;
    private int _nextOutputIndex;
    private string? _textId;
    private int _textIndex;
    private string? _reasoningId;
    private int _reasoningIndex;
    private JsonObject? _usage;

    public string? FinishReason { get; private set; }

    /// <summary>Tool calls recovered from DSML markup in the text (quirk <c>dsml_heal</c>).</summary>
    public int HealedToolCalls { get; private set; }

    public List<JsonObject> Start()
    {
        response["status"] = "in_progress";

        // The opening events leave out the echoed tool list (18 KB for Codex); the final response carries it.
        var opening = new JsonObject();
        foreach (var (name, value) in response)
        {
            if (name != "tools")
            {
                opening[name] = value?.DeepClone();
            }
        }

        Emit(ResponseEventTypes.Created, new JsonObject { ["response"] = opening });
        Emit(ResponseEventTypes.InProgress, new JsonObject { ["response"] = opening.DeepClone() });
        return TakeEvents();
    }

    public List<JsonObject> OnChunk(ChatChunk chunk)
    {
        if (chunk.Reasoning is { Length: > 0 } reasoning)
        {
            AppendReasoning(reasoning, fromField: true);
        }

        if (chunk.Content is { Length: > 0 } content)
        {
            if (healDsml)
            {
                _dsml.Push(content, _dsmlText);
                AppendContent();
            }
            else
            {
                AppendContent(content);
            }
        }

        foreach (var call in chunk.ToolCalls)
        {
            AppendToolCall(call);
        }

        if (chunk.Usage is not null)
        {
            _usage = UsageTranslator.ToResponsesUsage(chunk.Usage);
        }

        FinishReason = chunk.FinishReason ?? FinishReason;
        return TakeEvents();
    }

    /// <summary>Closes every open item and fills in the final response; write its events, persist, then <see cref="Terminal"/>.</summary>
    public List<JsonObject> Finish(out JsonObject finalResponse)
    {
        if (healDsml)
        {
            var healed = _dsml.Flush(_dsmlText);
            AppendContent();
            HealDsmlCalls(healed);
        }

        _thinkTags.Flush(_segments);
        AppendSegments();
        CloseReasoning();
        CloseText();
        foreach (var tool in _tools.Values)
        {
            CloseTool(tool);
        }

        // The items themselves: their events carried copies, and nothing changes them after this.
        response["output"] = new JsonArray([.. _output.Values]);
        response["usage"] = _usage?.DeepClone();
        switch (FinishReason)
        {
            case "length":
                response["status"] = "incomplete";
                response["incomplete_details"] = new JsonObject { ["reason"] = "max_output_tokens" };
                break;
            case "content_filter":
                response["status"] = "incomplete";
                response["incomplete_details"] = new JsonObject { ["reason"] = "content_filter" };
                break;
            default:
                response["status"] = "completed";
                break;
        }

        finalResponse = response;
        return TakeEvents();
    }

    public JsonObject Terminal(JsonObject finalResponse)
    {
        var type = finalResponse["status"]?.GetValue<string>() == "incomplete" ? ResponseEventTypes.Incomplete : ResponseEventTypes.Completed;
        // The final response itself, not a copy (the 18 KB tool list and the output): it is complete and stays as it is.
        Emit(type, new JsonObject { ["response"] = finalResponse });
        return TakeEvents()[0];
    }

    /// <summary>The stream broke: <c>response.failed</c>, never <c>response.completed</c>.</summary>
    public JsonObject Fail(Failure failure, out JsonObject failedResponse)
    {
        response["status"] = "failed";
        response["output"] = new JsonArray([.. _output.Values.Select(item => item.DeepClone())]);
        response["usage"] = _usage?.DeepClone();
        response["error"] = failure.ToResponseError();
        failedResponse = response;
        Emit(ResponseEventTypes.Failed, new JsonObject { ["response"] = response.DeepClone() });
        return TakeEvents()[0];
    }

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
        if (_textId is null)
        {
            _textId = ids.NewId("msg_");
            _textIndex = _nextOutputIndex++;
            Emit(ResponseEventTypes.OutputItemAdded, new JsonObject { ["output_index"] = _textIndex, ["item"] = Message("in_progress", null) });
            Emit(ResponseEventTypes.ContentPartAdded, TextRef(OutputText(""), "part"));
        }

        _text.Append(delta);
        Emit(ResponseEventTypes.OutputTextDelta, TextRef(delta, "delta"));
    }

    private void CloseText()
    {
        if (_textId is null)
        {
            return;
        }

        var text = _text.ToString();
        Emit(ResponseEventTypes.OutputTextDone, TextRef(text, "text"));
        Emit(ResponseEventTypes.ContentPartDone, TextRef(OutputText(text), "part"));
        ItemDone(_textIndex, Message("completed", text));
        _textId = null;
        _text.Clear();
    }

    private JsonObject TextRef(JsonNode value, string name) => new()
    {
        ["item_id"] = _textId,
        ["output_index"] = _textIndex,
        ["content_index"] = 0,
        [name] = value,
    };

    private JsonObject Message(string status, string? text) => new()
    {
        ["type"] = "message",
        ["id"] = _textId,
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = text is null ? new JsonArray() : new JsonArray(OutputText(text)),
    };

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private void ItemDone(int outputIndex, JsonObject item)
    {
        _output[outputIndex] = item;
        Emit(ResponseEventTypes.OutputItemDone, new JsonObject { ["output_index"] = outputIndex, ["item"] = item.DeepClone() });
    }

    private void Emit(string type, JsonObject payload)
    {
        payload["type"] = type;
        payload["sequence_number"] = _sequence++;
        _events.Add(payload);
    }

    private List<JsonObject> TakeEvents()
    {
        var events = _events;
        _events = [];
        return events;
    }
}
