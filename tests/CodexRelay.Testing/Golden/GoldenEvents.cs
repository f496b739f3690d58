using System.Text.Json.Nodes;

namespace CodexRelay.Testing.Golden;

/// <summary>
/// Compares a stream of events with its golden file, event by event, with <see cref="JsonNode.DeepEquals"/> after
/// normalising what may differ between runs: timestamps become 0, and the relay's generated ids (<c>id</c>,
/// <c>item_id</c>) become placeholders numbered by first appearance, so references between events still have to agree.
/// Call ids are compared as they are: the upstream's pass through, and the generated ones come from the test's id generator.
/// </summary>
public static class GoldenEvents
{
    private static readonly HashSet<string> Timestamps = ["created_at", "completed_at"];
    private static readonly HashSet<string> Ids = ["id", "item_id"];

    /// <summary>Null when the streams match; otherwise the first difference, with both events.</summary>
    public static string? Difference(IReadOnlyList<SseFrame> expected, IReadOnlyList<SseFrame> actual)
    {
        var expectedIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var actualIds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            if (i >= expected.Count || i >= actual.Count)
            {
                var extra = i >= expected.Count ? "unexpected " + actual[i].Event : "missing " + expected[i].Event;
                return $"event {i}: {extra} ({expected.Count} events expected, {actual.Count} produced)";
            }

            var want = Normalise(expected[i].Data, expectedIds);
            var got = Normalise(actual[i].Data, actualIds);
            if (expected[i].Event != actual[i].Event || !JsonNode.DeepEquals(want, got))
            {
                return $"event {i}: expected\n  event: {expected[i].Event}\n  data: {SseFrame.Json(want)}\nbut the relay produced\n  event: {actual[i].Event}\n  data: {SseFrame.Json(got)}";
            }
        }

        return null;
    }

    /// <summary>A copy of <paramref name="node"/> with timestamps zeroed and ids replaced through <paramref name="ids"/>.</summary>
    public static JsonNode? Normalise(JsonNode? node, Dictionary<string, string> ids)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    copy[name] = Timestamps.Contains(name) && value is JsonValue ? JsonValue.Create(0)
                        : Ids.Contains(name) && value is JsonValue id && id.TryGetValue<string>(out var text) ? JsonValue.Create(Placeholder(text, ids))
                        : Normalise(value, ids);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Normalise(item, ids))]);
            default:
                return node?.DeepClone();
        }
    }

    private static string Placeholder(string id, Dictionary<string, string> ids)
    {
        if (!ids.TryGetValue(id, out var placeholder))
        {
            placeholder = $"<id {ids.Count + 1}>";
            ids[id] = placeholder;
        }

        return placeholder;
    }
}
