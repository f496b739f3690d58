using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Deploy.Tests.Manifests;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// Probes a pod as the kubelet does, with the manifest's probes: the startup probe until it passes, then liveness
/// and readiness each on its own period with their failure and success thresholds. It restarts nothing; it counts
/// the restarts the kubelet would make, and whether the pod is Ready (in the Service's endpoints).
/// </summary>
internal sealed class Kubelet : IAsyncDisposable
{
    private readonly Pod _pod;
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _events = new();
    private Task _loop = Task.CompletedTask;
    private int _readySuccesses;
    private int _readyFailures;
    private int _liveFailures;

    public Kubelet(Pod pod) => _pod = pod;

    public bool Ready { get; private set; }

    /// <summary>Liveness or startup failures past their threshold: each one a container restart on a real node.</summary>
    public int WouldRestart { get; private set; }

    public string Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToString();
            }
        }
    }

    public void Start() => _loop = RunAsync(_stop.Token);

    private async Task RunAsync(CancellationToken stop)
    {
        var startup = _pod.Container["startupProbe"];
        if (startup is not null)
        {
            var failures = 0;
            while (!await ProbeAsync(startup, stop))
            {
                if (++failures >= Threshold(startup, "failureThreshold", 3))
                {
                    Record("startup probe failed past its threshold: the kubelet would restart the container");
                    WouldRestart++;
                    failures = 0;
                }

                await DelayAsync(startup, stop);
            }

            Record("started");
        }

        await Task.WhenAll(LoopAsync("readinessProbe", OnReadiness, stop), LoopAsync("livenessProbe", OnLiveness, stop));
    }

    private void OnReadiness(JsonNode probe, bool ok)
    {
        _readySuccesses = ok ? _readySuccesses + 1 : 0;
        _readyFailures = ok ? 0 : _readyFailures + 1;
        if (!Ready && _readySuccesses >= Threshold(probe, "successThreshold", 1))
        {
            Ready = true;
            Record("ready");
        }
        else if (Ready && _readyFailures >= Threshold(probe, "failureThreshold", 3))
        {
            Ready = false;
            Record("not ready");
        }
    }

    private void OnLiveness(JsonNode probe, bool ok)
    {
        _liveFailures = ok ? 0 : _liveFailures + 1;
        if (_liveFailures >= Threshold(probe, "failureThreshold", 3))
        {
            Record("liveness probe failed past its threshold: the kubelet would restart the container");
            WouldRestart++;
            _liveFailures = 0;
        }
    }

    private async Task LoopAsync(string name, Action<JsonNode, bool> onResult, CancellationToken stop)
    {
        if (_pod.Container[name] is not { } probe)
        {
            return;
        }

        await Task.Delay(TimeSpan.FromSeconds(Threshold(probe, "initialDelaySeconds", 0)), stop);
        while (!stop.IsCancellationRequested)
        {
            onResult(probe, await ProbeAsync(probe, stop));
            await DelayAsync(probe, stop);
        }
    }

    private async Task<bool> ProbeAsync(JsonNode probe, CancellationToken stop)
    {
        var httpGet = probe["httpGet"] ?? throw new InvalidOperationException($"{_pod.Name}: only httpGet probes are run here");
        var port = PodPorts.Resolve(_pod.Container, httpGet["port"]) ?? throw new InvalidOperationException($"{_pod.Name}: probe port {httpGet["port"]} is not a container port");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(Threshold(probe, "timeoutSeconds", 1)));
        try
        {
            using var response = await Support.Http.Client.GetAsync(new Uri(_pod.Address(port), ((string?)httpGet["path"] ?? "/").TrimStart('/')), timeout.Token);
            return (int)response.StatusCode is >= 200 and < 400;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Task DelayAsync(JsonNode probe, CancellationToken stop) =>
        Task.Delay(TimeSpan.FromSeconds(Threshold(probe, "periodSeconds", 10)), stop);

    private static int Threshold(JsonNode probe, string field, int fallback) => (int?)probe[field] ?? fallback;

    private void Record(string what)
    {
        lock (_events)
        {
            _events.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
