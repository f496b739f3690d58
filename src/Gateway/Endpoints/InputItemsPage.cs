using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>A page of <c>GET /v1/responses/{id}/input_items</c>: items get stable ids when they had none.</summary>
internal static class InputItemsPage
{
    public static JsonObject Build(IReadOnlyList<JsonElement> items, string responseId, string order, int limit, string? after)
    {
        var all = items.Select((item, index) => WithId(item, responseId, index)).ToList();
        if (order != "asc")
        {
            all.Reverse();
        }

        var start = after is null ? 0 : all.FindIndex(i => i["id"]?.GetValue<string>() == after) + 1;
        var page = all.Skip(start).Take(limit).ToList();
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. page]),
            ["first_id"] = page.FirstOrDefault()?["id"]?.DeepClone(),
            ["last_id"] = page.LastOrDefault()?["id"]?.DeepClone(),
            ["has_more"] = start + page.Count < all.Count,
        };
    }

    private static JsonObject WithId(JsonElement item, string responseId, int index)
    {
        var node = JsonNodes.Copy(item)!.AsObject();
        node["type"] ??= "message";
        node["id"] ??= $"item_{responseId[^12..]}_{index}";
        if (node["type"]!.GetValue<string>() == "message" && node["content"] is JsonValue text)
        {
            node["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text.GetValue<string>() });
        }

        return node;
    }
}
