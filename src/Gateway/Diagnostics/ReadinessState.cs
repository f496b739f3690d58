namespace CodexRelay.Gateway.Diagnostics;

/// <summary>Ready once the host (and so the cluster connection) has started and warmed up; not ready once it is stopping.</summary>
internal sealed class ReadinessState
{
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _ready;

    public bool IsReady => _ready;

    /// <summary>Completes the first time the relay is ready (it stays complete when it later stops).</summary>
    public Task FirstReady => _firstReady.Task;

    public void MarkReady()
    {
        _ready = true;
        _firstReady.TrySetResult();
    }

    public void MarkNotReady() => _ready = false;
}
