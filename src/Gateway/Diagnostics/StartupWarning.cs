namespace CodexRelay.Gateway.Diagnostics;

/// <summary>Logs a warning once the host starts (an open relay, a missing key).</summary>
internal sealed class StartupWarning(Action warn) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        warn();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
