using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>What a Responses input item carries, read the way Chat Completions wants it: text, arguments, parts.</summary>
internal static class ItemContent
{
    public static string Arguments(JsonElement item) =>
        InputItems.GetString(item, "arguments") is { Length: > 0 } arguments ? arguments : "{}";

    public static string ContentText(JsonElement item) =>
        item.TryGetProperty("content", out var content) ? InputItems.JoinText(content) : "";

    /// <summary><see cref="ContentText"/> appended as the client's escaped bytes.</summary>
    public static void AppendContentText(JsonElement item, RawJsonText text)
    {
        if (!item.TryGetProperty("content", out var content))
        {
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            text.Append(content);
            return;
        }

        if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text.Append(value);
                }
            }
        }
    }

    public static string ReasoningText(JsonElement item)
    {
        if (item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array && InputItems.JoinText(content) is { Length: > 0 } raw)
        {
            return raw;
        }

        return item.TryGetProperty("summary", out var summary) ? InputItems.JoinText(summary, "\n\n") : "";
    }

    public static JsonNode UserContent(JsonElement item)
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

    public static (string Text, List<JsonNode?> Images) OutputContent(JsonElement item)
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
