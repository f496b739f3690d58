using System.Net;
using System.Net.Sockets;

namespace CodexRelay.Testing.Processes;

/// <summary>
/// Free loopback ports for servers a test starts (relays, silos, Azurite). They come from below the kernel's ephemeral
/// range (32768 and up on Linux), handed out in turn from a random start: a port the kernel gave a listener on port 0
/// is in that range and goes back to it when closed, so any connection or server started meanwhile by a test running
/// in parallel could take it before the caller binds it.
/// </summary>
public static class FreePorts
{
    private const int First = 20000;
    private const int Count = 12000;
    private static int _next = Random.Shared.Next(Count);

    /// <summary>A port nothing listens on right now and this process has not handed out before; the caller binds it soon after.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
