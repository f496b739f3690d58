using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// One request as a transport received it: the raw body (an HTTP body or a <c>response.create</c> frame), the
/// client's credentials, on a WebSocket the socket's own chain of responses, and what the call learns for telemetry.
/// </summary>
internal sealed record ResponseCall(ReadOnlyMemory<byte> Body, ClientCredentials Credentials, SocketChain? Chain = null)
{
    public RequestMeasure Measure { get; init; } = new();
}
