using System.Net;
using System.Net.Sockets;

namespace CodexRelay.EndToEnd.Tests.Support;

internal static class RelayProcessPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
