using System.Text.Json.Nodes;

namespace CodexRelay.Deploy.Tests.Support;

/// <summary>
/// What strict providers reject, as they reject it: an empty tools array, unknown roles, tool messages
/// without a matching call, calls left without results, unknown content parts, and (DeepSeek thinking
/// mode) assistant messages without <c>reasoning_content</c>.
/// </summary>
internal static class ChatRequestRules
{
    private static readonly HashSet<string> Roles = ["system", "user", "assistant", "tool"];

    public static string? Violation(JsonObject body, bool thinkingMode)
    {
        if (body["tools"] is JsonArray { Count: 0 })
        {
            return "[] is too short - 'tools'";
        }

        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return "'messages' must be a non-empty array";
        }

        var awaiting = new List<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] as JsonObject;
            var role = message?["role"]?.GetValue<string>();
            if (role is null || !Roles.Contains(role))
            {
                return $"messages[{i}]: unknown role '{role}'";
            }

            if (role == "tool")
            {
                var id = message!["tool_call_id"]?.GetValue<string>();
                if (id is null || !awaiting.Remove(id))
                {
                    return $"messages[{i}]: tool message '{id}' does not answer a preceding tool call";
                }

                continue;
            }

            if (awaiting.Count > 0)
            {
                return $"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. Missing: {string.Join(',', awaiting)}";
            }

            if (ContentViolation(message!, role, i) is { } content)
            {
                return content;
            }

            if (role == "assistant")
            {
                if (thinkingMode && message!["reasoning_content"] is not JsonValue)
                {
                    return $"messages[{i}]: The reasoning_content in the thinking mode must be passed back to the API.";
                }

                foreach (var call in message!["tool_calls"] as JsonArray ?? [])
                {
                    awaiting.Add(call!["id"]!.GetValue<string>());
                }
            }
        }

        return awaiting.Count > 0 ? "tool calls at the end of the conversation have no results" : null;
    }

    private static string? ContentViolation(JsonObject message, string role, int index)
    {
        switch (message["content"])
        {
            case null when role == "assistant":
            case JsonValue:
                return null;
            case JsonArray parts:
                foreach (var part in parts)
                {
                    if (part?["type"]?.GetValue<string>() is not ("text" or "image_url"))
                    {
                        return $"messages[{index}]: unknown content part";
                    }
                }

                return null;
            default:
                return $"messages[{index}]: content is required";
        }
    }
}
