using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Endpoints;

/// <summary><c>GET /v1/models</c>: the providers' lists as one, in OpenAI shape, only the models the caller's key may use.</summary>
internal static class ModelsEndpoints
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", async (HttpContext context, IPrincipalResolver principals, ProviderModels models) =>
        {
            var (principal, denied) = await principals.ResolveAsync(ClientCredentials.Of(context), context.RequestAborted);
            if (principal is null)
            {
                return denied!.ToResult();
            }

            var listed = await models.ListAsync(principal.UpstreamAuthorization, context.RequestAborted);
            return Results.Text(ToOpenAiList(listed, principal.MayUse).ToJsonString(), "application/json");
        });
        return app;
    }

    /// <summary>The union of the providers' lists; <c>owned_by</c> names the provider that serves each model first.</summary>
    public static JsonObject ToOpenAiList(IEnumerable<(string Id, string Provider)> models, Func<string, bool> mayUse)
    {
        var data = new JsonArray();
        foreach (var (id, provider) in models.Where(m => mayUse(m.Id)))
        {
            data.Add(new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 0, ["owned_by"] = provider });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data };
    }
}
