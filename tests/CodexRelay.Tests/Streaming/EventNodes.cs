using System.Text.Json.Nodes;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Tests.Streaming;

/// <summary>The machine's events as nodes, read before the machine refills its batch.</summary>
internal static class EventNodes
{
    public static List<JsonObject> ToNodes(this ResponseEventBatch events)
    {
        var nodes = new List<JsonObject>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var node = JsonNode.Parse(events.JsonAt(i).Span)!.AsObject();
            Assert.Equal(events.TypeAt(i), node["type"]!.GetValue<string>());
            nodes.Add(node);
        }

        return nodes;
    }
}
