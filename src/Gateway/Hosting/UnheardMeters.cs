using System.Diagnostics.Metrics;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// Meters no listener subscribes to: the warm-up's HTTP clients and its loopback upstream report here, so their
/// requests never show in the relay's metrics. Disposing it disposes the meters it made.
/// </summary>
internal sealed class UnheardMeters : IMeterFactory
{
    private const string Name = "CodexRelay.WarmUp.Unheard";

    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(Name);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(meter => meter.Dispose());
            _meters.Clear();
        }
    }
}
