using System.Net;
using System.Net.Sockets;

namespace CodexRelay.Testing.Processes;

/// <summary>Free loopback ports for servers a test starts (relays, silos, Azurite).</summary>
public static class FreePorts
{
    /// <summary>A port nothing listens on right now; the caller binds it soon after.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
