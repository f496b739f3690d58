using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Endpoints;

/// <summary><c>GET /v1/models</c>: the upstream's list in OpenAI shape.</summary>
internal static class ModelsEndpoints
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", async (HttpContext context, UpstreamClient upstream) =>
        {
            var (body, error) = await upstream.GetModelsAsync(context.Request.Headers.Authorization, context.RequestAborted);
            return error is not null ? error.ToResult() : Results.Text(ToOpenAiList(body!).ToJsonString(), "application/json");
        });
        return app;
    }

    public static JsonObject ToOpenAiList(string upstreamBody)
    {
        var data = new JsonArray();
        foreach (var id in ModelIds(upstreamBody))
        {
            data.Add(new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 0, ["owned_by"] = "upstream" });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data };
    }

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
                        : model.TryGetProperty("id", out var i) ? i.GetString()
                        : model.TryGetProperty("name", out var n) ? n.GetString() : null;
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
