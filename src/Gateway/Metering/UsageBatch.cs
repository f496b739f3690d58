using CodexRelay.Contracts;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.Metering;

/// <summary>
/// Usage that no limiter needs to see at once (requests without a relay key), summed on the gateway per tenant, user,
/// model and day and added to the day's usage grains once per <see cref="Interval"/>: one grain call a second instead
/// of one per request (measured: 50–70 µs of latency and 60–100 µs of CPU per small request on two cores). A write
/// that fails goes back into the sum for the next one; a reader on this gateway flushes first, so it sees its own
/// requests; other gateways see them within the interval.
/// </summary>
internal sealed class UsageBatch(IGrainFactory grains, TimeProvider time, ILogger logger) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Past this many distinct sums (tenants × users × models × days) the batch is written at once.</summary>
    private const int MaxPending = 1024;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Dictionary<(string Tenant, string User, string Model, string Day), UsageRecord> _pending = [];
    private bool _flushQueued;

    public void Add(UsageRecord record)
    {
        bool full;
        lock (_gate)
        {
            Merge(record);
            full = _pending.Count >= MaxPending;
        }

        if (full)
        {
            _ = FlushAsync(CancellationToken.None);
        }
        else
        {
            QueueFlush();
        }
    }

    /// <summary>Writes what is summed now (after a write already under way).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        var failed = false;
        try
        {
            Dictionary<(string, string, string, string), UsageRecord> batch;
            lock (_gate)
            {
                (batch, _pending) = (_pending, []);
                _flushQueued = false;
            }

            foreach (var record in batch.Values)
            {
                try
                {
                    await grains.Reference<IUsageGrain>($"{record.Tenant}/{record.Day}").AddAsync(record).WaitAsync(UsageMeter.ChargeTimeout, time, cancellationToken);
                }
                catch (Exception exception)
                {
                    RelayMetrics.StoreError("usage_charge");
                    Log.ChargeFailed(logger, null, exception);
                    failed = true;
                    lock (_gate)
                    {
                        Merge(record);
                    }
                }
            }
        }
        finally
        {
            _writing.Release();
        }

        if (failed && !cancellationToken.IsCancellationRequested)
        {
            QueueFlush();
        }
    }

    /// <summary>One write per interval: the first record after a write queues the next.</summary>
    private void QueueFlush()
    {
        lock (_gate)
        {
            if (_flushQueued)
            {
                return;
            }

            _flushQueued = true;
        }

        _ = FlushLaterAsync();
    }

    private async Task FlushLaterAsync()
    {
        await Task.Delay(Interval, time);
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // The gateway has stopped; its drain wrote what was summed.
        }
    }

    public void Dispose() => _writing.Dispose();

    private void Merge(UsageRecord record)
    {
        var key = (record.Tenant, record.User, record.Model, record.Day);
        _pending[key] = _pending.TryGetValue(key, out var sum) ? sum.Plus(record) : record;
    }
}
