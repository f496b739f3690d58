using CodexRelay.Gateway.Identity;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// One request as a transport received it: the raw body (an HTTP body or a <c>response.create</c> frame), the
/// client's credentials, and, on a WebSocket, the socket's own chain of responses.
/// </summary>
internal sealed record ResponseCall(ReadOnlyMemory<byte> Body, ClientCredentials Credentials, SocketChain? Chain = null);
