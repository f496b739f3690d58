using System.Text.Json;

namespace CodexRelay.Gateway.Wire.Chat;

/// <summary>Parses one SSE <c>data:</c> payload of a Chat Completions stream.</summary>
internal static class ChatChunkReader
{
    public static ChatChunk Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    public static ChatChunk Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new ChatChunk();
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            return new ChatChunk { Error = error.Clone() };
        }

        JsonElement? usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object ? u.Clone() : null;
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return new ChatChunk { Usage = usage };
        }

        var choice = choices[0];
        var finish = String(choice, "finish_reason");
        if (!choice.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Object)
        {
            // Some providers send a final "message" instead of a delta.
            if (!choice.TryGetProperty("message", out delta) || delta.ValueKind != JsonValueKind.Object)
            {
                return new ChatChunk { FinishReason = finish, Usage = usage };
            }
        }

        return new ChatChunk
        {
            Content = String(delta, "content"),
            Reasoning = String(delta, "reasoning_content") ?? String(delta, "reasoning"),
            ToolCalls = ToolCalls(delta),
            FinishReason = finish,
            Usage = usage,
        };
    }

    private static List<ToolCallDelta> ToolCalls(JsonElement delta)
    {
        if (!delta.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new List<ToolCallDelta>();
        var position = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : position;
            position++;
            string? name = null;
            string? arguments = null;
            if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
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

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
