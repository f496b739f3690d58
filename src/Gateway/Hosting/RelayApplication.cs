using CodexRelay.Grains.Hosting.Settings;

namespace CodexRelay.Gateway.Hosting;

/// <summary>The relay's web application from command-line flags, for the embedding API (Program.cs composes the same parts).</summary>
internal static class RelayApplication
{
    public static WebApplication Build(IReadOnlyList<string> args, Action<WebApplicationBuilder>? configure = null)
    {
        var parse = GatewaySettings.Parse(args, []);
        if (parse.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", parse.Errors), nameof(args));
        }

        var builder = WebApplication.CreateBuilder([.. args]);
        builder.AddCodexRelayGateway(parse.Settings);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapCodexRelay();
        return app;
    }
}
