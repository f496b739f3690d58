using System.Text.Json;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>Tool calls: announced once their name is known, arguments streamed, closed at the end.</summary>
internal sealed partial class ResponseStreamMachine
{
    private void AppendToolCall(ToolCallDelta delta)
    {
        CloseReasoning();
        CloseText();
        if (!_tools.TryGetValue(delta.Index, out var tool))
        {
            _tools[delta.Index] = tool = new ToolCallState(delta.Index);
        }

        if (!string.IsNullOrEmpty(delta.Id) && tool.CallId is null)
        {
            tool.CallId = delta.Id;
        }

        if (!string.IsNullOrEmpty(delta.Name) && tool.FlatName is null)
        {
            tool.FlatName = delta.Name;
        }

        var fragment = delta.Arguments ?? "";
        tool.AppendArguments(fragment);
        if (!tool.Announced && tool.FlatName is not null)
        {
            Announce(tool);
            fragment = tool.Arguments;
        }

        if (tool.Announced && fragment.Length > 0 && tool.Target!.Kind == ToolKind.Function)
        {
            BeginTool(ResponseEventTypes.FunctionCallArgumentsDelta, tool).WriteString("delta"u8, fragment);
            _events.End();
        }
    }

    private void Announce(ToolCallState tool)
    {
        tool.Target = toolNames.Resolve(tool.FlatName!);
        // A provider that repeats a call id (or sends none) would make two calls indistinguishable for Codex.
        if (tool.CallId is null || _tools.Values.Any(other => other != tool && other.Announced && other.CallId == tool.CallId))
        {
            tool.CallId = ids.NewId("call_");
        }

        tool.ItemId = ids.NewId(tool.Target.Kind == ToolKind.Custom ? "ctc_" : "fc_");
        tool.OutputIndex = _nextOutputIndex++;
        var added = Begin(ResponseEventTypes.OutputItemAdded);
        added.WriteNumber("output_index"u8, tool.OutputIndex);
        added.WritePropertyName("item"u8);
        tool.ToItem("in_progress", final: false).WriteTo(added);
        _events.End();
    }

    private void CloseTool(ToolCallState tool)
    {
        if (!tool.Announced)
        {
            // A call that never got a name cannot be executed by the client; it is dropped.
            return;
        }

        var item = tool.ToItem("completed", final: true);
        if (tool.Target!.Kind == ToolKind.Custom)
        {
            var input = item["input"]!.GetValue<string>();
            BeginTool(ResponseEventTypes.CustomToolCallInputDelta, tool).WriteString("delta"u8, input);
            _events.End();
            BeginTool(ResponseEventTypes.CustomToolCallInputDone, tool).WriteString("input"u8, input);
            _events.End();
        }
        else
        {
            var done = BeginTool(ResponseEventTypes.FunctionCallArgumentsDone, tool);
            done.WritePropertyName("arguments"u8);
            item["arguments"]!.WriteTo(done);
            _events.End();
        }

        ItemDone(tool.OutputIndex, item);
    }

    private Utf8JsonWriter BeginTool(string type, ToolCallState tool)
    {
        var writer = Begin(type);
        writer.WriteString("item_id"u8, tool.ItemId);
        writer.WriteNumber("output_index"u8, tool.OutputIndex);
        return writer;
    }

    private void HealDsmlCalls(List<(string Name, string Arguments)> calls)
    {
        var index = _tools.Count == 0 ? 0 : _tools.Keys.Max() + 1;
        foreach (var (name, arguments) in calls)
        {
            AppendToolCall(new ToolCallDelta(index++, ids.NewId("call_dsml_"), name, arguments));
            HealedToolCalls++;
        }
    }
}
