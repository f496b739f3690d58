// The Responses side of one upstream stream: its lifecycle, numbering and final response here; text items in
// ResponseStreamMachine.Text.cs, reasoning items in ResponseStreamMachine.Reasoning.cs (each open one a
// StreamedItemText), tool calls in ResponseStreamMachine.Tools.cs. Pure: no I/O, every method returns the events to
// write, numbered in order, written once as UTF-8 JSON (no event is a node tree).
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Responses;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>
/// Turns Chat Completions chunks into Responses stream events: <see cref="Start"/>, then
/// <see cref="OnChunk"/> per chunk, then <see cref="Finish"/> + <see cref="Terminal"/> or <see cref="Fail"/>. Every call
/// returns the machine's one <see cref="ResponseEventBatch"/>, refilled: write it out before the next call.
/// </summary>
internal sealed partial class ResponseStreamMachine(JsonObject response, ToolNameMap toolNames, IIdGenerator ids, bool splitThinkTags = true, bool healDsml = true) : IDisposable
{
    private readonly SortedDictionary<int, JsonObject> _output = [];
    private readonly SortedDictionary<int, ToolCallState> _tools = [];
    private readonly ResponseEventBatch _events = new();
    private int _sequence;
    private int _nextOutputIndex;
    private JsonObject? _usage;

    public string? FinishReason { get; private set; }

    /// <summary>Tool calls recovered from DSML markup in the text (quirk <c>dsml_heal</c>).</summary>
    public int HealedToolCalls { get; private set; }

    public ResponseEventBatch Start()
    {
        _events.Clear();
        response["status"] = "in_progress";
        WriteOpening(ResponseEventTypes.Created);
        WriteOpening(ResponseEventTypes.InProgress);
        return _events;
    }

    public ResponseEventBatch OnChunk(ChatChunk chunk)
    {
        _events.Clear();
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
        return _events;
    }

    /// <summary>Closes every open item and fills in the final response; write its events, persist, then <see cref="Terminal"/>.</summary>
    public ResponseEventBatch Finish(out JsonObject finalResponse)
    {
        _events.Clear();
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
        return _events;
    }

    public ResponseEventBatch Terminal(JsonObject finalResponse)
    {
        _events.Clear();
        var type = finalResponse["status"]?.GetValue<string>() == "incomplete" ? ResponseEventTypes.Incomplete : ResponseEventTypes.Completed;
        var writer = Begin(type);
        writer.WritePropertyName("response"u8);
        finalResponse.WriteTo(writer);
        _events.End();
        return _events;
    }

    /// <summary>The stream broke: <c>response.failed</c>, never <c>response.completed</c>.</summary>
    public ResponseEventBatch Fail(Failure failure, out JsonObject failedResponse)
    {
        _events.Clear();
        response["status"] = "failed";
        // Copies: after Finish the items already belong to the final response's output.
        response["output"] = new JsonArray([.. _output.Values.Select(item => item.DeepClone())]);
        response["usage"] = _usage?.DeepClone();
        response["error"] = failure.ToResponseError();
        failedResponse = response;
        var writer = Begin(ResponseEventTypes.Failed);
        writer.WritePropertyName("response"u8);
        response.WriteTo(writer);
        _events.End();
        return _events;
    }

    public void Dispose() => _events.Dispose();

    /// <summary>The opening events leave out the echoed tool list (18 KB for Codex); the final response carries it.</summary>
    private void WriteOpening(string type)
    {
        var writer = Begin(type);
        writer.WriteStartObject("response"u8);
        foreach (var (name, value) in response)
        {
            if (name == "tools")
            {
                continue;
            }

            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        _events.End();
    }

    /// <summary>The item is final: kept for the final response, and written as it is into its event.</summary>
    private void ItemDone(int outputIndex, JsonObject item)
    {
        _output[outputIndex] = item;
        var writer = Begin(ResponseEventTypes.OutputItemDone);
        writer.WriteNumber("output_index"u8, outputIndex);
        writer.WritePropertyName("item"u8);
        item.WriteTo(writer);
        _events.End();
    }

    /// <summary>Opens the next event; the caller writes its fields and ends it with <c>_events.End()</c>.</summary>
    private Utf8JsonWriter Begin(string type) => _events.Begin(type, _sequence++);

    /// <summary>Opens an event about the open text or reasoning item's part; the caller writes its value.</summary>
    private Utf8JsonWriter BeginPart(StreamedItemText item, string type)
    {
        var writer = Begin(type);
        item.WriteAddress(writer);
        return writer;
    }

    /// <summary>Adds <paramref name="delta"/> to the open item's text and writes its delta event.</summary>
    private void WriteDelta(StreamedItemText item, string type, string delta)
    {
        item.Append(delta);
        BeginPart(item, type).WriteString("delta"u8, delta);
        _events.End();
    }

    /// <summary>Writes the open item's whole-text event (its text's <c>…done</c>) and returns the text.</summary>
    private string WriteTextDone(StreamedItemText item, string type)
    {
        var text = item.Text;
        BeginPart(item, type).WriteString("text"u8, text);
        _events.End();
        return text;
    }
}
