using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Responses;

/// <summary>What the front-end needs of HTTP or a WebSocket: a way to refuse a request, and a sink for one it runs.</summary>
internal interface IResponseTransport
{
    /// <summary>A failure before any event: an HTTP status, or an <c>error</c> frame.</summary>
    Task RejectAsync(Failure failure);

    /// <summary>Where the events of <paramref name="request"/> go (SSE or blocking over HTTP, frames on a socket).</summary>
    IResponseEventSink SinkFor(ResponsesRequest request);
}
