using System.Net.Sockets;

namespace CodexRelay.Grains.Hosting;

/// <summary>A start that failed because a port it must listen on is taken: an operator's error, said in one line by the gateway and the silo.</summary>
public static class ListenFailure
{
    /// <summary>
    /// The exception to show when <paramref name="exception"/> (or one it wraps) is a taken port, else null. Kestrel
    /// says which address in an <see cref="IOException"/> around the socket error; Orleans' silo and gateway ports
    /// report the socket error itself, possibly wrapped.
    /// </summary>
    public static Exception? AddressInUse(Exception? exception)
    {
        Exception? described = null;
        for (; exception is not null; exception = exception.InnerException)
        {
            described ??= exception as IOException;
            if (exception is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return described ?? exception;
            }
        }

        return null;
    }

    /// <summary>The cause's message as one sentence.</summary>
    public static string Describe(Exception cause) => cause.Message.TrimEnd('.') + ".";
}
