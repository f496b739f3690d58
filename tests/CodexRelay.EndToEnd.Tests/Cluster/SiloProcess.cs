using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CodexRelay.EndToEnd.Tests.Cluster;

/// <summary>A stand-alone silo (<c>dotnet CodexRelay.Silo.dll</c>) in Redis clustering mode with the Redis history store.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process) => _process = process;

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

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int siloPort, int gatewayPort, int httpPort = 0)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SiloAssembly());
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["CODEX_RELAY_SILO_PORT"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CODEX_RELAY_ORLEANS_GATEWAY_PORT"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CODEX_RELAY_SILO_HTTP_PORT"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var silo = new SiloProcess(Process.Start(start)!);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", gatewayPort);
                return silo;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !silo._process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException("The silo did not open its gateway port:\n" + silo.Output);
            }
        }
    }

    /// <summary>The silo from its own build output (its dependencies are not all in the test's folder).</summary>
    private static string SiloAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Silo", "bin", configuration, "net10.0", "CodexRelay.Silo.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("CodexRelay.Silo.dll is not built.");
    }

    /// <summary>SIGKILL: no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
