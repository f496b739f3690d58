using System.Net;
using System.Net.Sockets;

namespace CodexRelay.Deploy.Tests.Cluster;

/// <summary>
/// A port on the test network's root address that forwards every connection to a loopback server: the shared
/// scripted provider listens on 127.0.0.1, which pods in their own network namespaces cannot reach.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    private TcpForwarder(TcpListener listener, Uri target)
    {
        _listener = listener;
        _target = new DnsEndPoint(target.Host, target.Port);
        var local = (IPEndPoint)listener.LocalEndpoint;
        Address = new UriBuilder(target) { Host = local.Address.ToString(), Port = local.Port }.Uri;
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>The target's address (path included) as reached through the forwarder.</summary>
    public Uri Address { get; }

    /// <summary>Listens on a free port of <paramref name="host"/> and forwards to the host and port of <paramref name="target"/>.</summary>
    public static TcpForwarder Start(string host, Uri target)
    {
        var listener = new TcpListener(IPAddress.Parse(host), 0);
        listener.Start();
        return new TcpForwarder(listener, target);
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(stop);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.RemoveAll(task => task.IsCompleted);
                _connections.Add(ForwardAsync(client, stop));
            }
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken stop)
    {
        using (client)
        using (var server = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await server.ConnectAsync(_target, stop);
                await using var clientStream = new NetworkStream(client);
                await using var serverStream = new NetworkStream(server);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
                // The first direction to end (a closed connection) ends the other: HTTP needs no half-close here.
                await Task.WhenAny(clientStream.CopyToAsync(serverStream, done.Token), serverStream.CopyToAsync(clientStream, done.Token));
                await done.CancelAsync();
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // A connection the test or a partition cut: nothing to forward any more.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
