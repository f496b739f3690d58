using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Hosting;

namespace CodexRelay.Gateway.Onboarding;

/// <summary>The relay's web application, shared by <c>Program.cs</c> and <see cref="CodexRelayServer"/>.</summary>
internal static class RelayApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddRelay(args);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapHealthApi();
        app.MapResponsesApi();
        app.MapModelsApi();
        app.MapCodexCatalogApi();
        return app;
    }
}
