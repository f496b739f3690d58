using CodexRelay.Gateway.Catalog;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Hosting;
using CodexRelay.Gateway.WebSockets;

namespace CodexRelay.Gateway.Hosting;

/// <summary>The relay's web application, shared by <c>Program.cs</c> and <see cref="CodexRelayServer"/>.</summary>
internal static class RelayApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddRelay(args);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseMiddleware<RequestContextMiddleware>();
        app.UseWebSockets();
        app.MapHealthApi();
        app.MapResponsesApi();
        app.MapResponsesWebSocket();
        app.MapModelsApi();
        app.MapCodexCatalogApi();
        return app;
    }
}
