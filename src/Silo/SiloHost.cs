using CodexRelay.Grains.Hosting;
using CodexRelay.Grains.Hosting.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CodexRelay.Silo;

/// <summary>A silo host: with its HTTP health endpoint on the configured port, or without any listener when it is 0.</summary>
internal static class SiloHost
{
    public static IHost Build(string[] args, IReadOnlyDictionary<string, string?> flags)
    {
        var web = WebApplication.CreateBuilder(args);
        web.Configuration.AddRelaySettings(SiloSettings.All, flags);
        var httpPort = web.Configuration.GetValue(SiloSettings.HttpPortKey, 8081);
        if (httpPort <= 0)
        {
            var plain = Host.CreateApplicationBuilder(args);
            plain.Configuration.AddRelaySettings(SiloSettings.All, flags);
            plain.UseOrleans(silo => silo.ConfigureRelaySilo(plain.Configuration));
            return plain.Build();
        }

        web.UseOrleans(silo => silo.ConfigureRelaySilo(web.Configuration));
        web.AddSiloTelemetry();
        web.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(httpPort));
        var app = web.Build();
        app.UseSiloMetrics();
        app.MapSiloHealth();
        return app;
    }
}
