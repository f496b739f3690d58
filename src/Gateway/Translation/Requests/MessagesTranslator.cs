using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>
/// Responses input items → Chat Completions messages, in one pass.
/// Leading developer/system messages (and <c>instructions</c>) become one system message; later ones stay
/// where they are. Consecutive calls of a turn join that turn's assistant text in one message with
/// <c>tool_calls</c>; outputs become <c>tool</c> messages, their images a user message after the tool run.
/// Linear in the items: text is gathered in builders, calls awaiting outputs are counted, not searched.
/// Tool runs (calls, their outputs, images after the run) are in <c>MessagesTranslator.ToolRuns.cs</c>; what an item
/// carries (text, arguments, parts) is read by <see cref="ItemContent"/>.
/// </summary>
internal sealed partial class MessagesTranslator
{
    private readonly JsonArray _messages = [];
    private readonly List<JsonElement> _leadingSystem = [];
    private string? _instructions;
    private readonly List<string> _skipped = [];
    private readonly ToolNameMap _names;
    private readonly ReasoningReplay _replay;
    private JsonObject? _assistant;
    private StringBuilder? _assistantText;
    private StringBuilder? _reasoning;
    private bool _leading = true;

    private MessagesTranslator(ToolNameMap names, ReasoningReplay replay)
    {
        _names = names;
        _replay = replay;
    }

    public static (JsonArray Messages, List<string> Skipped) ToChatMessages(
        string? instructions, IEnumerable<JsonElement> items, ToolNameMap names, ReasoningReplay replay, CancellationToken cancellationToken = default)
    {
        var translator = new MessagesTranslator(names, replay);
        translator._instructions = string.IsNullOrEmpty(instructions) ? null : instructions;

        var count = 0;
        foreach (var item in items)
        {
            if ((++count & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            translator.Add(item);
        }

        return translator.Finish();
    }

    private void Add(JsonElement item)
    {
        var type = InputItems.TypeOf(item);
        var role = InputItems.GetString(item, "role");
        if (type == "message" && role is "system" or "developer" && _leading)
        {
            _leadingSystem.Add(item);
            return;
        }

        switch (type)
        {
            case "message":
                _leading = false;
                AddMessage(item, role);
                break;
            case "reasoning":
                _leading = false;
                AddReasoning(item);
                break;
            case "function_call":
                _leading = false;
                AddToolCall(item, _names.FlatNameFor(InputItems.GetString(item, "name")!, InputItems.GetString(item, "namespace")), ItemContent.Arguments(item));
                break;
            case "custom_tool_call":
                _leading = false;
                var input = new JsonObject { [ToolsTranslator.CustomInputParameter] = InputItems.GetString(item, "input") ?? "" };
                AddToolCall(item, _names.FlatNameFor(InputItems.GetString(item, "name")!, null), input.ToJsonString());
                break;
            case "function_call_output" or "custom_tool_call_output":
                _leading = false;
                AddToolOutput(item);
                break;
            default:
                _skipped.Add(type);
                break;
        }
    }

    private void AddMessage(JsonElement item, string? role)
    {
        if (role == "assistant")
        {
            CloseToolRun();
            if (_assistant is not null && (_assistant.ContainsKey("tool_calls") || _reasoning is not null))
            {
                FlushAssistant();
            }

            _assistant ??= NewAssistant();
            (_assistantText ??= new StringBuilder()).Append(ItemContent.ContentText(item));
            return;
        }

        FlushAssistant();
        CloseToolRun();
        _messages.Add(role is "system" or "developer"
            ? new JsonObject { ["role"] = "system", ["content"] = ItemContent.ContentText(item) }
            : new JsonObject { ["role"] = "user", ["content"] = ItemContent.UserContent(item) });
    }

    /// <summary>
    /// A reasoning item goes back as <c>reasoning_content</c> when the relay made it from the provider's
    /// <c>reasoning_content</c> (its <c>encrypted_content</c> says so), or under <c>always</c> when it is not
    /// think-tag text; otherwise it is dropped (Chat Completions has nowhere else to put it).
    /// </summary>
    private void AddReasoning(JsonElement item)
    {
        var provenance = InputItems.GetString(item, "encrypted_content");
        var replayed = _replay switch
        {
            ReasoningReplay.Auto => provenance == ReasoningProvenance.ReasoningContent,
            ReasoningReplay.Always => provenance != ReasoningProvenance.ThinkTags,
            _ => false,
        };
        FlushAssistant();
        CloseToolRun();
        if (!replayed)
        {
            return;
        }

        var text = ItemContent.ReasoningText(item);
        (_reasoning ??= new StringBuilder()).Append(text);
    }

    private JsonObject NewAssistant()
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = null };
        if (_reasoning is not null || _replay == ReasoningReplay.Always)
        {
            message["reasoning_content"] = _reasoning?.ToString() ?? "";
        }

        _reasoning = null;
        return message;
    }

    private void FlushAssistant()
    {
        if (_assistant is null && _reasoning is not null)
        {
            // Reasoning with no visible answer still belongs to an assistant turn.
            _assistant = NewAssistant();
            _assistant["content"] = "";
        }

        if (_assistant is null)
        {
            return;
        }

        if (_assistantText is not null)
        {
            _assistant["content"] = _assistantText.ToString();
            _assistantText = null;
        }

        if (_assistant["tool_calls"] is JsonArray calls)
        {
            foreach (var call in calls)
            {
                var id = call!["id"]!.GetValue<string>();
                _awaitingOrder.Add(id);
                _awaiting[id] = _awaiting.GetValueOrDefault(id) + 1;
                _awaitingCount++;
            }
        }

        _messages.Add(_assistant);
        _assistant = null;
    }

    private (JsonArray Messages, List<string> Skipped) Finish()
    {
        FlushAssistant();
        CloseToolRun();
        if (_instructions is not null || _leadingSystem.Count > 0)
        {
            _messages.Insert(0, new JsonObject { ["role"] = "system", ["content"] = SystemContent() });
        }

        return (_messages, _skipped);
    }

    /// <summary>
    /// <c>instructions</c> and the leading developer/system messages, joined by a blank line, as the client's own
    /// escaped bytes (<see cref="RawJsonText"/>: Codex's prompt is 20 KB, on every turn); as a string when it may be blank.
    /// </summary>
    private JsonNode SystemContent()
    {
        using var raw = new RawJsonText();
        var pieces = _instructions is null ? 0 : 1;
        if (_instructions is not null)
        {
            raw.Append(_instructions);
        }

        foreach (var item in _leadingSystem)
        {
            if (pieces++ > 0)
            {
                raw.Append("\n\n");
            }

            ItemContent.AppendContentText(item, raw);
        }

        if (raw.IsVisible)
        {
            return raw.ToNode();
        }

        IEnumerable<string> texts = _leadingSystem.Select(ItemContent.ContentText);
        return string.Join("\n\n", _instructions is null ? texts : texts.Prepend(_instructions));
    }
}
