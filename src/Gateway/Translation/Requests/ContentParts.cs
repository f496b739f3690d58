using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Translation.Requests;

/// <summary>Responses content parts → Chat content parts (<c>text</c>, <c>image_url</c>).</summary>
internal static class ContentParts
{
    public static JsonArray ToChatParts(JsonElement parts)
    {
        var chat = new JsonArray();
        foreach (var part in parts.EnumerateArray())
        {
            switch (InputItems.GetString(part, "type"))
            {
                case "input_text" or "output_text" or "text" or "refusal":
                    chat.Add(new JsonObject { ["type"] = "text", ["text"] = InputItems.GetString(part, "text") ?? InputItems.GetString(part, "refusal") ?? "" });
                    break;
                case "input_image" when ImageUrl(part) is { } url:
                    var image = new JsonObject { ["url"] = url };
                    if (InputItems.GetString(part, "detail") is { } detail && detail != "auto")
                    {
                        image["detail"] = detail;
                    }

                    chat.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = image });
                    break;
                case "input_file":
                    chat.Add(new JsonObject { ["type"] = "text", ["text"] = $"[file {InputItems.GetString(part, "filename") ?? "attachment"} omitted: the provider does not accept files]" });
                    break;
            }
        }

        return chat;
    }

    private static string? ImageUrl(JsonElement part) =>
        part.TryGetProperty("image_url", out var url) && url.ValueKind == JsonValueKind.Object
            ? InputItems.GetString(url, "url")
            : InputItems.GetString(part, "image_url");
}
