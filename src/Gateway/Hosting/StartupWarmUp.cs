using System.Diagnostics;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Before the gateway reports ready, runs <see cref="RequestPathWarmUp"/> in rounds with short pauses between them:
/// the runtime starts counting calls only after ~100 ms without new first-time compilations, and compiles hot methods
/// again (instrumented, then optimized) in the background, so one burst would leave the path at its slowest tier.
/// <c>CodexRelay:WarmUp:Rounds</c> (default 5, about a second of start-up on two cores); 0 turns it off.
/// </summary>
internal sealed class StartupWarmUp(TranslationSettings settings, IConfiguration configuration, ILogger<StartupWarmUp> logger) : IHostedService
{
    public const string RoundsKey = "CodexRelay:WarmUp:Rounds";

    private const int RequestsPerRound = 40;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(150);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rounds = Math.Clamp(configuration.GetValue(RoundsKey, 5), 0, 100);
        if (rounds == 0)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                await Task.Run(() => RequestPathWarmUp.Run(RequestsPerRound, settings), cancellationToken);
                if (round < rounds - 1)
                {
                    await Task.Delay(Pause, cancellationToken);
                }
            }

            Log.WarmedUp(logger, rounds * RequestsPerRound, (long)watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A warm-up is an optimization: the gateway starts without it rather than not at all.
            Log.WarmUpFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
