using CodexRelay.Gateway.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CodexRelay.Gateway.Embedding;

/// <summary>Starts a relay inside a .NET process (tests, tools, launchers).</summary>
public static class CodexRelayServer
{
    public static async Task<RunningRelay> StartAsync(RelayStartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = RelayApplication.Build(options.ToArguments(), builder => builder.Logging.SetMinimumLevel(options.MinimumLogLevel));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The relay started without a listening address.");
        var uri = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal));
        return new RunningRelay(app, new Uri($"{uri.Scheme}://{uri.Authority}/"));
    }
}
