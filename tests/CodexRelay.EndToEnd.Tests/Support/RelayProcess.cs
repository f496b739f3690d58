using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>The relay as operators run it: <c>dotnet CodexRelay.Gateway.dll</c> in its own process, output captured.</summary>
internal sealed class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RelayProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public Uri Api => new(BaseAddress, "v1/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<RelayProcess> StartAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, bool waitUntilReady = true)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CodexRelay.Gateway.dll"));
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var relay = new RelayProcess(Process.Start(start)!, port);
        relay._process.OutputDataReceived += (_, e) => relay.Append(e.Data);
        relay._process.ErrorDataReceived += (_, e) => relay.Append(e.Data);
        relay._process.BeginOutputReadLine();
        relay._process.BeginErrorReadLine();
        if (waitUntilReady)
        {
            await relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
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

    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<bool> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
