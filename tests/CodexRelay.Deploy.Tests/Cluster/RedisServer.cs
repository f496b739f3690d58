using System.Net.Sockets;
using System.Text;
using CodexRelay.Deploy.Tests.Support;
using CodexRelay.Testing.Processes;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>The "external" Redis of the prod overlay: a redis-server in the root namespace, on the test network.</summary>
internal static class RedisServer
{
    public static async Task<ChildProcess> StartAsync(string host, int port)
    {
        var redis = ChildProcess.Start(
            Tools.RedisServer(),
            ["--bind", host, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--protected-mode", "no"]);
        var answered = await Http.WaitForAsync(() => PingAsync(host, port), TimeSpan.FromSeconds(15));
        Assert.True(answered, $"redis-server did not answer on {host}:{port}:\n{redis.Output}");
        return redis;
    }

    private static async Task<bool> PingAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
