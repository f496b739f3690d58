using System.Diagnostics;
using Orleans.Storage;

namespace CodexRelay.Grains.Observability;

/// <summary>A grain storage that times each call and counts its failures (<see cref="SiloMetrics"/>); a version conflict passes through uncounted.</summary>
internal sealed class MeteredGrainStorage(IGrainStorage inner, string store) : IGrainStorage
{
    public IGrainStorage Inner => inner;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        MeasureAsync("read", () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        MeasureAsync("write", () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        MeasureAsync("clear", () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task MeasureAsync(string operation, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call();
            SiloMetrics.StorageCall(store, operation, started, failed: false);
        }
        catch (InconsistentStateException)
        {
            SiloMetrics.StorageCall(store, operation, started, failed: false);
            throw;
        }
        catch
        {
            SiloMetrics.StorageCall(store, operation, started, failed: true);
            throw;
        }
    }
}
