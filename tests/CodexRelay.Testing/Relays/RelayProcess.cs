using System.Globalization;
using System.Net;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Testing.Relays;

/// <summary>
/// The relay as operators run it: <c>dotnet CodexRelay.Gateway.dll</c> in its own process, output captured. For the
/// relay in the test's own process, in front of a scripted upstream, see <see cref="RelayHarness"/>.
/// </summary>
public sealed class RelayProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RelayProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public Uri Api => new(BaseAddress, "v1/");

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the relay on a free port with the given flags and environment; by default waits until it is ready.</summary>
    public static async Task<RelayProcess> StartAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, bool waitUntilReady = true)
    {
        var port = FreePorts.Next();
        var gateway = Path.Combine(AppContext.BaseDirectory, "CodexRelay.Gateway.dll");
        var relay = new RelayProcess(ChildProcess.Start("dotnet", [gateway, "--port", port.ToString(CultureInfo.InvariantCulture), .. arguments], environment), port);
        if (waitUntilReady)
        {
            try
            {
                await relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            }
            catch
            {
                await relay.DisposeAsync();
                throw;
            }
        }

        return relay;
    }

    public async Task<bool> IsReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await http.GetAsync(new Uri(BaseAddress, "health/ready"))).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The relay exited with {_process.ExitCode}:\n{Output}");
            }

            if (await IsReadyAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The relay was not ready within {bound}:\n{Output}");
    }

    /// <summary>SIGTERM: the relay turns not-ready, drains in-flight streams, then exits.</summary>
    public void Terminate() => _process.Terminate();

    public Task<bool> WaitForExitAsync(TimeSpan bound) => _process.WaitForExitAsync(bound);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
