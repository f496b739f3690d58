using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CodexRelay.Gateway.Diagnostics;

/// <summary>
/// Admits the start-up warm-up's own requests: a random secret that never leaves this process, good only while the
/// warm-up runs (before the gateway reports ready) and only on a connection from this host. An admitted request is
/// served before readiness, as the warm-up principal, against the in-process loopback upstream, and leaves no
/// metrics, access line, trace, usage or stored turn.
/// </summary>
internal sealed class WarmUpPass
{
    public const string Header = "x-codex-relay-warm-up";

    private readonly byte[] _secret;
    private volatile bool _open;

    public WarmUpPass()
    {
        Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _secret = Encoding.ASCII.GetBytes(Secret);
    }

    /// <summary>The header value the warm-up sends; meaningless once <see cref="Close"/> has run.</summary>
    public string Secret { get; }

    public void Open() => _open = true;

    public void Close() => _open = false;

    public bool Admits(HttpContext context)
    {
        if (!_open || !context.Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || values[0] is not { Length: > 0 } value)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        return value.Length == _secret.Length
            && Encoding.ASCII.GetBytes(value, given) == _secret.Length
            && CryptographicOperations.FixedTimeEquals(given[.._secret.Length], _secret)
            && IsFromThisHost(context.Connection);
    }

    private static bool IsFromThisHost(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && (IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress));
}
