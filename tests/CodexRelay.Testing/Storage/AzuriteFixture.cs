using System.Diagnostics;
using System.Net.Sockets;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Testing.Storage;

/// <summary>Azurite's blob service (npm <c>azurite</c>, installed by test.sh) as a local process on a free port.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // A free port can be taken again before Azurite binds it (other fixtures, podman's network): Azurite then
        // exits at once, and the fixture tries another port instead of failing every blob test with "refused".
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePorts.Next();
            _process = Start(port, output);
            if (await ListensAsync(_process, port))
            {
                ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
                Console.WriteLine($"Azurite fixture: pid {_process.Id} on port {port}");
                return;
            }

            await DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite did not start on three ports. Its output:\n{string.Join('\n', output)}");
            }
        }
    }

    private static Process Start(int port, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { TestPaths.Azurite(), "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--skipApiVersionCheck", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text) { output.Enqueue(text); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) { output.Enqueue(text); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> ListensAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);

                // Someone else's listener on the port answers too: Azurite's own start is the one that stays up.
                await Task.Delay(300);
                return !process.HasExited;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    public async Task DisposeAsync()
    {
        // Azurite ignores SIGTERM once it has served requests.
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }
}
