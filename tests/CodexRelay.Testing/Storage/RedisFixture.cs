using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using StackExchange.Redis;
using Testcontainers.Redis;

namespace CodexRelay.Testing.Storage;

/// <summary>
/// A real Redis: Testcontainers when a Docker engine answers, otherwise a <c>redis-server</c> this fixture
/// starts on a free loopback port and stops by PID. Never a mock.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisContainer? _container;
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public string Mode { get; private set; } = "";

    public async Task InitializeAsync()
    {
        try
        {
            _container = new RedisBuilder("redis:7.0").Build();
            await _container.StartAsync();
            ConnectionString = _container.GetConnectionString();
            Mode = "testcontainers";
        }
        catch (DockerUnavailableException)
        {
            _container = null;
            var port = FreePort();
            var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server could not be started (install the redis-server package).");
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            ConnectionString = $"127.0.0.1:{port}";
            Mode = $"redis-server pid {_process.Id}";
            await WaitForPingAsync();
        }

        Console.WriteLine($"Redis fixture: {Mode} at {ConnectionString}");
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    private async Task WaitForPingAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",abortConnect=false,connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}
