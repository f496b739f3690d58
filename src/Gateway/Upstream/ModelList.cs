using System.Text.Json;

namespace CodexRelay.Gateway.Upstream;

/// <summary>Reads a provider's <c>/models</c> answer: OpenAI's <c>{data:[{id}]}</c>, Ollama's <c>{models:[{name}]}</c>, or a bare list.</summary>
internal static class ModelList
{
    public static List<string> ModelIds(string upstreamBody)
    {
        var ids = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(upstreamBody);
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Array ? root
                : root.TryGetProperty("data", out var data) ? data
                : root.TryGetProperty("models", out var models) ? models : default;
            if (list.ValueKind == JsonValueKind.Array)
            {
                foreach (var model in list.EnumerateArray())
                {
                    var id = model.ValueKind == JsonValueKind.String ? model.GetString()
                        : model.ValueKind != JsonValueKind.Object ? null
                        : model.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()
                        : model.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    if (!string.IsNullOrEmpty(id))
                    {
                        ids.Add(id);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a list we understand: an empty one.
        }

        return ids;
    }
}
