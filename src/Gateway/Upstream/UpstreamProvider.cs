using System.Collections.Frozen;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.Upstream;

/// <summary>One configured provider: its client, model renames, reasoning replay, breaker and concurrency limit.</summary>
internal sealed class UpstreamProvider(
    string name,
    UpstreamClient client,
    FrozenDictionary<string, string> modelMap,
    ReasoningReplay replayReasoning,
    int maxConcurrentRequests,
    CircuitBreaker breaker)
{
    private readonly SemaphoreSlim? _slots = maxConcurrentRequests > 0 ? new SemaphoreSlim(maxConcurrentRequests, maxConcurrentRequests) : null;

    public string Name => name;

    public UpstreamClient Client => client;

    public ReasoningReplay ReplayReasoning => replayReasoning;

    public CircuitBreaker Breaker => breaker;

    public string MapModel(string model) => modelMap.TryGetValue(model, out var target) ? target : model;

    /// <summary>A slot for one stream, released when the stream ends; null when the provider is full.</summary>
    public IDisposable? TryAcquireSlot()
    {
        if (_slots is null)
        {
            return NoSlot.Instance;
        }

        return _slots.Wait(0) ? new Slot(_slots) : null;
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    private sealed class NoSlot : IDisposable
    {
        public static readonly NoSlot Instance = new();

        public void Dispose()
        {
        }
    }
}
