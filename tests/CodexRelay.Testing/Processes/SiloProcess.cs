using System.Globalization;
using System.Net.Sockets;
using CodexRelay.Testing.Files;

namespace CodexRelay.Testing.Processes;

/// <summary>A stand-alone silo (<c>dotnet CodexRelay.Silo.dll</c>), configured by the <c>CODEX_RELAY_*</c> environment it is given.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process) => _process = process;

    public string Output => _process.Output;

    /// <summary>Starts the silo and waits (30 s at most) until its Orleans gateway port accepts connections.</summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int siloPort, int gatewayPort, int httpPort = 0)
    {
        var variables = new Dictionary<string, string>(environment)
        {
            ["CODEX_RELAY_SILO_PORT"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["CODEX_RELAY_ORLEANS_GATEWAY_PORT"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["CODEX_RELAY_SILO_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
        };
        var silo = new SiloProcess(ChildProcess.Start("dotnet", [TestPaths.Silo()], variables));
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
                await silo.DisposeAsync();
                throw new InvalidOperationException("The silo did not open its gateway port:\n" + silo.Output);
            }
        }
    }

    /// <summary>SIGKILL: no goodbye to the cluster.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
