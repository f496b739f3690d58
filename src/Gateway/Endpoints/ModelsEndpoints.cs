using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
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
        foreach (var id in ModelList.ModelIds(upstreamBody))
        {
            data.Add(new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 0, ["owned_by"] = "upstream" });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data };
    }
}
