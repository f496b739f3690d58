using CodexRelay.Gateway.Admin;
using CodexRelay.Gateway.Catalog;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.WebSockets;

namespace CodexRelay.Gateway.Hosting;

/// <summary><c>app.MapCodexRelay()</c>: the request context, then every route; a known path with another method is an OpenAI-shaped 405, anything else a 404.</summary>
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
        app.MapFallback(UnmatchedRoute.Answer);
        return app;
    }
}
