using System.Text.Json;

namespace CodexRelay.Gateway.Wire.Chat;

/// <summary>
/// Parses one SSE <c>data:</c> payload of a Chat Completions stream. A field of the wrong JSON type (a number
/// where text belongs, an object for a list) is a <see cref="JsonException"/> naming the field, never a crash
/// further on; <c>null</c> stands for absent everywhere, as providers send it.
/// </summary>
internal static class ChatChunkReader
{
    /// <summary>More parallel tool calls than any model makes; an index past it is a broken chunk.</summary>
    public const int MaxToolCallIndex = 1024;

    public static ChatChunk Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    /// <summary>
    /// A payload as the upstream sent it, parsed without a round trip through UTF-16; bytes that are not UTF-8 are
    /// read as a string would read them (each bad sequence a U+FFFD), never a failure of their own.
    /// </summary>
    public static ChatChunk Read(ReadOnlyMemory<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            return Read(System.Text.Encoding.UTF8.GetString(utf8.Span));
        }

        using var document = JsonDocument.Parse(utf8);
        return Read(document.RootElement);
    }

    public static ChatChunk Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Wrong("the chunk", "an object", root);
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            return new ChatChunk { Error = error.Clone() };
        }

        JsonElement? usage = Optional(root, "usage", JsonValueKind.Object, "an object") is { } u ? u.Clone() : null;
        if (Optional(root, "choices", JsonValueKind.Array, "an array") is not { } choices || choices.GetArrayLength() == 0)
        {
            return new ChatChunk { Usage = usage };
        }

        var choice = choices[0];
        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw Wrong("choices[0]", "an object", choice);
        }

        var finish = String(choice, "finish_reason");

        // Some providers send a final "message" instead of a delta.
        if ((Optional(choice, "delta", JsonValueKind.Object, "an object") ?? Optional(choice, "message", JsonValueKind.Object, "an object")) is not { } delta)
        {
            return new ChatChunk { FinishReason = finish, Usage = usage };
        }

        var (content, thinking) = Content(delta);
        return new ChatChunk
        {
            Content = content,
            Reasoning = String(delta, "reasoning_content") ?? String(delta, "reasoning") ?? thinking,
            ToolCalls = ToolCalls(delta),
            FinishReason = finish,
            Usage = usage,
        };
    }

    private static List<ToolCallDelta> ToolCalls(JsonElement delta)
    {
        if (Optional(delta, "tool_calls", JsonValueKind.Array, "an array") is not { } calls)
        {
            return [];
        }

        var result = new List<ToolCallDelta>();
        var position = 0;
        foreach (var call in calls.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object)
            {
                throw Wrong("tool_calls[]", "an object", call);
            }

            var index = position;
            if (Optional(call, "index", JsonValueKind.Number, "an integer") is { } i)
            {
                if (!i.TryGetInt32(out index) || index is < 0 or > MaxToolCallIndex)
                {
                    throw new JsonException($"tool_calls[].index must be an integer from 0 to {MaxToolCallIndex}.");
                }
            }

            position++;
            string? name = null;
            string? arguments = null;
            if (Optional(call, "function", JsonValueKind.Object, "an object") is { } function)
            {
                name = String(function, "name");
                arguments = function.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.Object
                    ? a.GetRawText()
                    : String(function, "arguments");
            }

            result.Add(new ToolCallDelta(index, String(call, "id"), name, arguments));
        }

        return result;
    }

    /// <summary>
    /// <c>content</c> as text, or as a list of parts as Mistral's reasoning models stream it
    /// (<c>[{type: "text", text}, {type: "thinking", thinking: [{type: "text", text}]}]</c>): text parts are the
    /// answer, thinking parts the reasoning. Anything else in that place is a malformed chunk.
    /// </summary>
    private static (string? Text, string? Thinking) Content(JsonElement delta)
    {
        if (!delta.TryGetProperty("content", out var content) || content.ValueKind is JsonValueKind.Null or JsonValueKind.String)
        {
            return (String(delta, "content"), null);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Wrong("content", "a string or a list of parts", content);
        }

        string? text = null;
        string? thinking = null;
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw Wrong("content[]", "an object", part);
            }

            if (String(part, "type") == "thinking" && part.TryGetProperty("thinking", out var said) && said.ValueKind == JsonValueKind.String)
            {
                thinking += said.GetString();
            }
            else if (String(part, "type") == "thinking" && Optional(part, "thinking", JsonValueKind.Array, "a list of parts") is { } inner)
            {
                foreach (var thought in inner.EnumerateArray())
                {
                    thinking += thought.ValueKind == JsonValueKind.Object ? String(thought, "text") : throw Wrong("thinking[]", "an object", thought);
                }
            }
            else
            {
                text += String(part, "text");
            }
        }

        return (text, thinking);
    }

    /// <summary>The property when present with the expected kind; null when absent or null; otherwise the chunk is malformed.</summary>
    private static JsonElement? Optional(JsonElement element, string name, JsonValueKind kind, string expected)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind ? value : throw Wrong(name, expected, value);
    }

    private static string? String(JsonElement element, string name) =>
        Optional(element, name, JsonValueKind.String, "a string")?.GetString();

    private static JsonException Wrong(string field, string expected, JsonElement value) =>
        new($"{field} must be {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}.");
}
