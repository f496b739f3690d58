using System.Text.Json.Nodes;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.Translation.Quirks;

/// <summary>Reshapes a translated Chat request for providers that bend the format. Pure; returns the quirks that fired.</summary>
internal static class RequestQuirks
{
    public static List<string> Apply(JsonObject body, string model, QuirkSettings settings)
    {
        var fired = new List<string>();
        var messages = body["messages"]!.AsArray();
        if (settings.IsEnabled(QuirkNames.DropBlankMessages) && DropBlank(messages))
        {
            fired.Add(QuirkNames.DropBlankMessages);
        }

        if (Applies(QuirkNames.NoLateSystem, settings.NoLateSystemModels) && LateSystemToUser(messages))
        {
            fired.Add(QuirkNames.NoLateSystem);
        }

        if (Applies(QuirkNames.UserAfterTool, settings.UserAfterToolModels) && BridgeToolToUser(messages))
        {
            fired.Add(QuirkNames.UserAfterTool);
        }

        if (Applies(QuirkNames.MaxCompletionTokens, settings.MaxCompletionTokensModels) && body["max_tokens"] is { } max)
        {
            body.Remove("max_tokens");
            body["max_completion_tokens"] = max;
            fired.Add(QuirkNames.MaxCompletionTokens);
        }

        if (Applies(QuirkNames.ThinkingSwitch, settings.ThinkingSwitchModels) && !body.ContainsKey("thinking"))
        {
            body["thinking"] = new JsonObject { ["type"] = "enabled" };
            fired.Add(QuirkNames.ThinkingSwitch);
        }

        if (Applies(QuirkNames.EmptyReasoningContent, settings.EmptyReasoningContentModels) && EmptyReasoningOnToolCalls(messages))
        {
            fired.Add(QuirkNames.EmptyReasoningContent);
        }

        return fired;

        bool Applies(string quirk, string patterns) => settings.IsEnabled(quirk) && ModelPattern.MatchesModel(ModelPattern.Split(patterns), model);
    }

    /// <summary>One blank user message made every later turn fail on some providers. One pass: the array is rebuilt, not cut in place.</summary>
    private static bool DropBlank(JsonArray messages)
    {
        var kept = new List<JsonNode?>(messages.Count);
        foreach (var message in messages)
        {
            var role = message!["role"]!.GetValue<string>();
            var blank = message["content"] is null || (message["content"] is JsonValue v && v.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text)) || message["content"] is JsonArray { Count: 0 };
            if (!(blank && (role is "user" or "system" || (role == "assistant" && message["tool_calls"] is null && message["reasoning_content"] is null))))
            {
                kept.Add(message);
            }
        }

        return Replace(messages, kept);
    }

    private static bool EmptyReasoningOnToolCalls(JsonArray messages)
    {
        var changed = false;
        foreach (var message in messages)
        {
            if (message!["role"]!.GetValue<string>() == "assistant" && message["tool_calls"] is not null && message["reasoning_content"] is null)
            {
                message["reasoning_content"] = "";
                changed = true;
            }
        }

        return changed;
    }

    private static bool LateSystemToUser(JsonArray messages)
    {
        var changed = false;
        for (var i = 1; i < messages.Count; i++)
        {
            if (messages[i]!["role"]!.GetValue<string>() == "system")
            {
                messages[i]!["role"] = "user";
                messages[i]!["content"] = "[System note] " + messages[i]!["content"]!.ToString();
                changed = true;
            }
        }

        return changed;
    }

    private static bool BridgeToolToUser(JsonArray messages)
    {
        var bridged = new List<JsonNode?>(messages.Count);
        string? previousRole = null;
        foreach (var message in messages)
        {
            var role = message!["role"]!.GetValue<string>();
            if (role == "user" && previousRole == "tool")
            {
                bridged.Add(new JsonObject { ["role"] = "assistant", ["content"] = "Tool results received." });
            }

            bridged.Add(message);
            previousRole = role;
        }

        return Replace(messages, bridged);
    }

    /// <summary>Puts <paramref name="nodes"/> in place of the array's items when they differ in number (RemoveAt/Insert in a loop is quadratic).</summary>
    private static bool Replace(JsonArray messages, List<JsonNode?> nodes)
    {
        if (nodes.Count == messages.Count)
        {
            return false;
        }

        messages.Clear();
        foreach (var node in nodes)
        {
            messages.Add(node);
        }

        return true;
    }
}
