using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Endpoints;

/// <summary><c>GET /v1/models</c>: the upstream's list in OpenAI shape, only the models the caller's key may use.</summary>
internal static class ModelsEndpoints
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", async (HttpContext context, IPrincipalResolver principals, UpstreamClient upstream) =>
        {
            var (principal, denied) = await principals.ResolveAsync(ClientCredentials.Of(context), context.RequestAborted);
            if (principal is null)
            {
                return denied!.ToResult();
            }

            var (body, error) = await upstream.GetModelsAsync(principal.UpstreamAuthorization, context.RequestAborted);
            return error is not null ? error.ToResult() : Results.Text(ToOpenAiList(body!, principal.MayUse).ToJsonString(), "application/json");
        });
        return app;
    }

    public static JsonObject ToOpenAiList(string upstreamBody, Func<string, bool> mayUse)
    {
        var data = new JsonArray();
        foreach (var id in ModelList.ModelIds(upstreamBody).Where(mayUse))
        {
            data.Add(new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 0, ["owned_by"] = "upstream" });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data };
    }
}
