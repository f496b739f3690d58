using System.Net;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace CodexRelay.Tests.Hosting;

/// <summary>The warm-up pass admits only the warm-up's own requests: its secret, while open, from this host.</summary>
public sealed class WarmUpPassTests
{
    [Fact]
    public void WhileOpen_TheSecretFromLoopback_IsAdmitted()
    {
        var pass = new WarmUpPass();
        pass.Open();

        Assert.True(pass.Admits(Request(pass.Secret, IPAddress.Loopback)));
        Assert.True(pass.Admits(Request(pass.Secret, IPAddress.IPv6Loopback)));
    }

    [Fact]
    public void TheSecret_FromThisHostsOwnAddress_IsAdmitted()
    {
        var pass = new WarmUpPass();
        pass.Open();
        var own = IPAddress.Parse("10.1.2.3");

        Assert.True(pass.Admits(Request(pass.Secret, own, local: own)));
    }

    [Fact]
    public void Closed_NotYetOpened_OrFromElsewhere_OrAnotherSecret_IsRefused()
    {
        var pass = new WarmUpPass();
        Assert.False(pass.Admits(Request(pass.Secret, IPAddress.Loopback)));

        pass.Open();
        Assert.False(pass.Admits(Request(pass.Secret, IPAddress.Parse("10.9.9.9"), local: IPAddress.Parse("10.1.2.3"))));
        Assert.False(pass.Admits(Request(new WarmUpPass().Secret, IPAddress.Loopback)));
        Assert.False(pass.Admits(Request(pass.Secret[..^1] + (pass.Secret[^1] == 'A' ? "B" : "A"), IPAddress.Loopback)));
        Assert.False(pass.Admits(Request(pass.Secret + "0", IPAddress.Loopback)));
        Assert.False(pass.Admits(Request("", IPAddress.Loopback)));
        Assert.False(pass.Admits(Request(null, IPAddress.Loopback)));

        pass.Close();
        Assert.False(pass.Admits(Request(pass.Secret, IPAddress.Loopback)));
    }

    [Fact]
    public void TwoProcesses_NeverShareASecret()
    {
        Assert.NotEqual(new WarmUpPass().Secret, new WarmUpPass().Secret);
        Assert.Equal(64, new WarmUpPass().Secret.Length);
    }

    [Theory]
    [InlineData("127.0.0.1", 0)]
    [InlineData("localhost", 0)]
    [InlineData("::1", 0)]
    [InlineData("0.0.0.0", 8)]
    [InlineData("10.1.2.3", 8)]
    public void ByDefault_TheServingWarmUp_RunsOnlyBeyondLoopback(string host, int rounds) =>
        Assert.Equal(rounds, ServingWarmUp.DefaultRounds(host));

    private static DefaultHttpContext Request(string? secret, IPAddress remote, IPAddress? local = null)
    {
        var context = new DefaultHttpContext();
        if (secret is not null)
        {
            context.Request.Headers[WarmUpPass.Header] = secret;
        }

        context.Connection.RemoteIpAddress = remote;
        context.Connection.LocalIpAddress = local ?? IPAddress.Loopback;
        return context;
    }
}
