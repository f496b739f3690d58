using CodexRelay.Gateway.Admin;
using CodexRelay.Gateway.Catalog;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.WebSockets;

namespace CodexRelay.Gateway.Hosting;

/// <summary><c>app.MapCodexRelay()</c>: the request context, then every route; anything else is an OpenAI-shaped 404.</summary>
internal static class GatewayRoutes
{
    public static WebApplication MapCodexRelay(this WebApplication app)
    {
        app.UseMiddleware<RequestContextMiddleware>();
        app.UseWebSockets();
        app.UseMiddleware<BrowserSafetyMiddleware>();
        app.UseRelayMetrics();
        app.MapHealthApi();
        app.MapResponsesApi();
        app.MapResponsesWebSocket();
        app.MapModelsApi();
        app.MapCodexCatalogApi();
        app.MapAdminApi();
        app.MapDashboard();
        app.MapFallback((HttpContext context) =>
            new Failure(FailureKind.RouteNotFound, $"Unknown path: {context.Request.Method} {FailureText.Quote(context.Request.Path.Value ?? "")}.").ToResult());
        return app;
    }
}
