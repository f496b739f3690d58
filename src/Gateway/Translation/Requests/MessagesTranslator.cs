using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>
/// Responses input items → Chat Completions messages, in one pass.
/// Leading developer/system messages (and <c>instructions</c>) become one system message; later ones stay
/// where they are. Consecutive calls of a turn join that turn's assistant text in one message with
/// <c>tool_calls</c>; outputs become <c>tool</c> messages, their images a user message after the tool run.
/// Linear in the items: text is gathered in builders, calls awaiting outputs are counted, not searched.
/// </summary>
internal sealed class MessagesTranslator
{
    private readonly JsonArray _messages = [];
    private readonly List<string> _systemPrefix = [];
    private readonly List<string> _skipped = [];
    private readonly List<string> _awaitingOrder = [];
    private readonly Dictionary<string, int> _awaiting = new(StringComparer.Ordinal);
    private readonly JsonArray _pendingImages = [];
    private readonly ToolNameMap _names;
    private readonly ReasoningReplay _replay;
    private JsonObject? _assistant;
    private StringBuilder? _assistantText;
    private StringBuilder? _reasoning;
    private int _awaitingCount;
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
        if (!string.IsNullOrEmpty(instructions))
        {
            translator._systemPrefix.Add(instructions);
        }

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
            _systemPrefix.Add(ContentText(item));
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
                AddToolCall(item, _names.FlatNameFor(InputItems.GetString(item, "name")!, InputItems.GetString(item, "namespace")), Arguments(item));
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
            (_assistantText ??= new StringBuilder()).Append(ContentText(item));
            return;
        }

        FlushAssistant();
        CloseToolRun();
        _messages.Add(role is "system" or "developer"
            ? new JsonObject { ["role"] = "system", ["content"] = ContentText(item) }
            : new JsonObject { ["role"] = "user", ["content"] = UserContent(item) });
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

        var text = ReasoningText(item);
        (_reasoning ??= new StringBuilder()).Append(text);
    }

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
        var (text, images) = OutputContent(item);
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

    private (JsonArray Messages, List<string> Skipped) Finish()
    {
        FlushAssistant();
        CloseToolRun();
        if (_systemPrefix.Count > 0)
        {
            _messages.Insert(0, new JsonObject { ["role"] = "system", ["content"] = string.Join("\n\n", _systemPrefix) });
        }

        return (_messages, _skipped);
    }

    private static string Arguments(JsonElement item) =>
        InputItems.GetString(item, "arguments") is { Length: > 0 } arguments ? arguments : "{}";

    private static string ContentText(JsonElement item) =>
        item.TryGetProperty("content", out var content) ? InputItems.JoinText(content) : "";

    private static string ReasoningText(JsonElement item)
    {
        if (item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array && InputItems.JoinText(content) is { Length: > 0 } raw)
        {
            return raw;
        }

        return item.TryGetProperty("summary", out var summary) ? InputItems.JoinText(summary, "\n\n") : "";
    }

    private static JsonNode UserContent(JsonElement item)
    {
        if (!item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return JsonValue.Create(ContentText(item))!;
        }

        var parts = ContentParts.ToChatParts(content);
        return parts.All(p => p!["type"]!.GetValue<string>() == "text")
            ? JsonValue.Create(string.Join("\n", parts.Select(p => p!["text"]!.GetValue<string>())))!
            : parts;
    }

    private static (string Text, List<JsonNode?> Images) OutputContent(JsonElement item)
    {
        if (!item.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
        {
            return (InputItems.GetString(item, "output") ?? "", []);
        }

        var parts = ContentParts.ToChatParts(output);
        var texts = parts.Where(p => p!["type"]!.GetValue<string>() == "text").Select(p => p!["text"]!.GetValue<string>()).ToList();
        var images = parts.Where(p => p!["type"]!.GetValue<string>() == "image_url").Select(p => p?.DeepClone()).ToList();
        var text = string.Join("\n", texts);
        if (images.Count > 0)
        {
            text += (text.Length > 0 ? "\n" : "") + $"[{images.Count} image(s) attached in the next message]";
        }

        return (text, images);
    }
}
