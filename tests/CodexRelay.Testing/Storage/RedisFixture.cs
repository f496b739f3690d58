using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using StackExchange.Redis;
using Testcontainers.Redis;

namespace CodexRelay.Testing.Storage;

/// <summary>Which Redis a <see cref="RedisFixture"/> runs.</summary>
public enum RedisPath
{
    /// <summary>Testcontainers when a Docker engine answers, the local <c>redis-server</c> when none does.</summary>
    Auto,

    /// <summary>Testcontainers, or fail: no silent fallback.</summary>
    Container,

    /// <summary>A <c>redis-server</c> process on a free loopback port, stopped by PID.</summary>
    Local,
}

/// <summary>
/// A real Redis, never a mock. Testcontainers whenever a Docker-API engine answers (Docker, or the podman service
/// test.sh starts), otherwise a <c>redis-server</c> this fixture starts on a free loopback port and stops by PID.
/// <list type="bullet">
/// <item><c>CODEX_RELAY_TEST_REDIS</c> = <c>auto</c> (default) | <c>container</c> | <c>local</c> forces a path.</item>
/// <item><c>CODEX_RELAY_TEST_REDIS_IMAGE</c> is the container image: the official <c>redis:7.0</c> by default;
/// test.sh names the image it builds locally when no registry is reachable.</item>
/// <item>Testcontainers' own settings apply as usual: <c>DOCKER_HOST</c>, <c>TESTCONTAINERS_RYUK_DISABLED</c>,
/// <c>TESTCONTAINERS_HOST_OVERRIDE</c>.</item>
/// </list>
/// The fixture prints the path it took, and appends it to the file named by <c>CODEX_RELAY_TEST_REDIS_REPORT</c>
/// (test.sh prints those lines in its summary).
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string PathVariable = "CODEX_RELAY_TEST_REDIS";
    public const string ImageVariable = "CODEX_RELAY_TEST_REDIS_IMAGE";
    public const string ReportVariable = "CODEX_RELAY_TEST_REDIS_REPORT";

    /// <summary>Debian 12's redis-server is 7.0 too: both paths run the same Redis.</summary>
    public const string OfficialImage = "redis:7.0";

    private readonly RedisPath _requested;
    private readonly string _image;
    private readonly bool _report;
    private RedisContainer? _container;
    private Process? _process;

    public RedisFixture()
        : this(ParsePath(Environment.GetEnvironmentVariable(PathVariable)), ImageFromEnvironment())
    {
        _report = true;
    }

    private RedisFixture(RedisPath requested, string image)
    {
        _requested = requested;
        _image = image;
    }

    /// <summary>A fixture that takes <paramref name="requested"/> whatever the environment says (tests of the fixture itself).</summary>
    public static RedisFixture Taking(RedisPath requested, string image) => new(requested, image);

    public string ConnectionString { get; private set; } = "";

    /// <summary>The path taken, <see cref="RedisPath.Container"/> or <see cref="RedisPath.Local"/>.</summary>
    public RedisPath PathTaken { get; private set; }

    /// <summary>What ran and why, e.g. <c>testcontainers (podman 4.3.1, image redis:7.0, ryuk on)</c>.</summary>
    public string Mode { get; private set; } = "";

    /// <summary>The local redis-server process, on the local path.</summary>
    public Process? LocalProcess => _process;

    public static RedisPath ParsePath(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "auto" => RedisPath.Auto,
        "container" or "testcontainers" => RedisPath.Container,
        "local" or "redis-server" => RedisPath.Local,
        _ => throw new InvalidOperationException($"{PathVariable}={value}: expected auto, container or local."),
    };

    private static string ImageFromEnvironment()
    {
        var image = Environment.GetEnvironmentVariable(ImageVariable);
        return string.IsNullOrWhiteSpace(image) ? OfficialImage : image.Trim();
    }

    public async Task InitializeAsync()
    {
        if (_requested == RedisPath.Local)
        {
            await StartLocalAsync($"forced by {PathVariable}=local");
        }
        else
        {
            try
            {
                await StartContainerAsync();
            }
            catch (DockerUnavailableException unavailable) when (_requested == RedisPath.Auto)
            {
                _container = null;
                await StartLocalAsync("no Docker engine answered: " + FirstLine(unavailable.Message));
            }
            catch (DockerUnavailableException unavailable)
            {
                throw new InvalidOperationException(
                    $"{PathVariable}=container, but no Docker engine answered (DOCKER_HOST={Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unset"}).",
                    unavailable);
            }
        }

        Console.WriteLine($"Redis fixture: {Mode} at {ConnectionString}");
        Report();
    }

    private async Task StartContainerAsync()
    {
        _container = new RedisBuilder(_image)
            // The mapped port on loopback only: this Redis has no password.
            .WithCreateParameterModifier(parameters =>
            {
                if (parameters.HostConfig?.PortBindings is { } bindings)
                {
                    foreach (var binding in bindings.Values.SelectMany(list => list))
                    {
                        binding.HostIP = "127.0.0.1";
                    }
                }
            })
            .Build();
        await _container.StartAsync();
        ConnectionString = _container.GetConnectionString();
        // Testcontainers' readiness check runs redis-cli inside the container; the tests connect through the
        // published port, so that must answer too before a test gets it.
        await WaitForPingAsync();
        PathTaken = RedisPath.Container;
        var ryuk = TestcontainersSettings.ResourceReaperEnabled ? "ryuk on" : "ryuk off";
        Mode = $"testcontainers ({await EngineAsync()}, image {_image}, {ryuk})";
    }

    /// <summary>"podman 4.3.1" or "docker 28.2.2": the engine's own answer to GET /version (slow on a loaded machine).</summary>
    private static async Task<string> EngineAsync()
    {
        var endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig?.Endpoint;
        try
        {
            using var handler = new SocketsHttpHandler();
            var address = endpoint;
            if (endpoint is { Scheme: "unix" })
            {
                var socket = endpoint.LocalPath;
                handler.ConnectCallback = async (_, cancellation) =>
                {
                    var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellation);
                    return new NetworkStream(client, ownsSocket: true);
                };
                address = new Uri("http://engine/");
            }
            else if (endpoint is { Scheme: "tcp" })
            {
                address = new UriBuilder(endpoint) { Scheme = "http" }.Uri;
            }

            using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
            using var version = JsonDocument.Parse(await http.GetStringAsync(new Uri("version", UriKind.Relative)));
            if (version.RootElement.TryGetProperty("Components", out var components) && components.ValueKind == JsonValueKind.Array)
            {
                foreach (var component in components.EnumerateArray())
                {
                    var name = component.TryGetProperty("Name", out var n) ? n.GetString() ?? "" : "";
                    if (name.StartsWith("Podman", StringComparison.OrdinalIgnoreCase))
                    {
                        return "podman " + component.GetProperty("Version").GetString();
                    }
                }
            }

            return "docker " + version.RootElement.GetProperty("Version").GetString();
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or IOException or JsonException
                                              or TaskCanceledException or KeyNotFoundException or InvalidOperationException or UriFormatException)
        {
            return "engine at " + endpoint;
        }
    }

    private async Task StartLocalAsync(string reason)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException($"redis-server could not be started ({reason}); install the redis-server package or a Docker engine.", missing);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ConnectionString = $"127.0.0.1:{port}";
        PathTaken = RedisPath.Local;
        Mode = $"local redis-server ({reason})";
        await WaitForPingAsync();
    }

    /// <summary>
    /// One line per shared fixture (not the ones a test makes for itself) in the report file: the path, without
    /// the port or PID that vary per run.
    /// </summary>
    private void Report()
    {
        var file = Environment.GetEnvironmentVariable(ReportVariable);
        if (!_report || string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        var assembly = typeof(RedisFixture).Assembly.GetName().Name;
        File.AppendAllText(file, $"{assembly}\t{Mode}{Environment.NewLine}");
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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",abortConnect=false,connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline && _process is not { HasExited: true })
            {
                await Task.Delay(50);
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The name of the collection whose tests share one Redis (each test assembly defines it, as xUnit 2 needs).</summary>
public static class RedisCollection
{
    public const string Name = "redis";
}
