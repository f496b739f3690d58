namespace CodexRelay.Gateway.Diagnostics;

/// <summary>Ready once the host (and so the cluster connection) has started; not ready once it is stopping.</summary>
internal sealed class ReadinessState
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;

    public void MarkNotReady() => _ready = false;
}
