using CodexRelay.Grains.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodexRelay.Tests.Hosting;

/// <summary>The history sweep outlives any failure of one run: it logs it and sweeps again at the next tick.</summary>
public sealed class RetentionSweepTests
{
    [Fact]
    public async Task ASweepThatThrowsAnyException_IsLogged_AndTheNextOneRuns()
    {
        var runs = 0;
        using var sweep = new RetentionSweep("blob", TimeSpan.FromMilliseconds(20), () =>
            Interlocked.Increment(ref runs) == 1 ? throw new InvalidOperationException("a surprise from the storage SDK") : Task.FromResult(0),
            NullLogger<RetentionSweep>.Instance);

        await sweep.StartAsync(CancellationToken.None);
        for (var waited = 0; sweep.Completed == 0 && waited < 200; waited++)
        {
            await Task.Delay(50);
        }

        await sweep.StopAsync(CancellationToken.None);
        Assert.Equal(1, sweep.Failures);
        Assert.True(sweep.Completed > 0, "the sweep stopped after its first failure");
    }
}
