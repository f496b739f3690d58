using CodexRelay.Gateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CodexRelay.Tests.Hosting;

/// <summary><c>CodexRelay:InlineScheduling</c> reaches Kestrel's socket transport: on by default, off by the setting.</summary>
public sealed class InlineSchedulingTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task TheSetting_ReachesTheSocketTransport(string? value, bool expected)
    {
        string[] args = value is null ? ["--port", "0"] : ["--port", "0", $"--CodexRelay:InlineScheduling={value}"];
        await using var app = RelayApplication.Build(args);

        var sockets = app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.Equal(expected, sockets.UnsafePreferInlineScheduling);
    }
}
