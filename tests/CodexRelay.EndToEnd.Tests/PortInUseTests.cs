using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CodexRelay.Testing.Files;
using CodexRelay.Testing.Processes;

namespace CodexRelay.EndToEnd.Tests;

/// <summary>A port already taken stops the relay (or a silo) with one clear line and exit code 1, not an unhandled exception.</summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task APortAlreadyTaken_EndsTheStart_WithOneLineAndExitCode1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await ProcessRunner.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "CodexRelay.Gateway.dll"), "--port", port.ToString(CultureInfo.InvariantCulture), "--upstream", "http://127.0.0.1:9/v1"],
            timeout: TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("codex-relay: cannot listen:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--port", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--silo-http-port")]
    [InlineData("--silo-port")]
    public async Task APortTheSiloNeeds_AlreadyTaken_EndsItsStart_WithOneLineAndExitCode1(string flag)
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        string[] ports = ["--silo-http-port", "--silo-port", "--orleans-gateway-port"];
        var arguments = ports.SelectMany(p => new[] { p, p == flag ? port : FreePorts.Next().ToString(CultureInfo.InvariantCulture) });

        var result = await ProcessRunner.RunAsync("dotnet", [TestPaths.Silo(), .. arguments], timeout: TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("CodexRelay.Silo: cannot listen:", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }
}
