using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;

namespace CodexRelay.Gateway.Catalog;

/// <summary>
/// <c>GET /v1/codex/models</c>: the Codex-native catalog (<c>{"models":[...]}</c>) for <c>model_catalog_url</c>.
/// A separate path, because <c>GET /v1/models</c> keeps the OpenAI list (<c>data</c>) other clients expect.
/// </summary>
internal static class CodexCatalogEndpoints
{
    public static IEndpointRouteBuilder MapCodexCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(CatalogOptions.Path, GetCatalogAsync);
        return app;
    }

    private static async Task<IResult> GetCatalogAsync(HttpContext context, IPrincipalResolver principals, CodexCatalogService catalog)
    {
        var (principal, denied) = await principals.ResolveAsync(ClientCredentials.Of(context), context.RequestAborted);
        if (principal is null)
        {
            return denied!.ToResult();
        }

        try
        {
            var body = await catalog.BuildAsync(principal.UpstreamAuthorization, principal.MayUse, context.RequestAborted);
            return Results.Text(body.ToJsonString(), "application/json");
        }
        catch (CatalogTemplateException exception)
        {
            return new Failure(FailureKind.CatalogUnavailable, exception.Message).ToResult();
        }
    }
}
