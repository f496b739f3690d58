namespace CodexRelay.Gateway.Metering;

/// <summary>
/// On shutdown, after the server has stopped taking requests and before the cluster connection closes, waits
/// (within the host's shutdown timeout) for the usage charges still on their way.
/// </summary>
internal sealed class UsageDrain(UsageMeter meter) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await meter.DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out: the charges left are logged as failed by UsageMeter.
        }
    }
}
