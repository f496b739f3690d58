using CodexRelay.Gateway.Diagnostics;
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
            await WhenReadyAsync(app, cancellationToken);
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

    /// <summary>
    /// Readiness comes after the start (once any serving warm-up has ended): a caller's first request must not meet
    /// <c>not_ready</c>. A host that stops before it is ready ends the wait too.
    /// </summary>
    private static async Task WhenReadyAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await app.Services.GetRequiredService<ReadinessState>().FirstReady.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException("The relay stopped before it became ready.");
        }
    }
}
