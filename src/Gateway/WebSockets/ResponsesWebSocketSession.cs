using System.Net.WebSockets;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>
/// One Codex socket: frames are handled one at a time (Codex never pipelines), each through the same front-end
/// as HTTP, with this socket's chain. An unknown <c>previous_response_id</c> is <c>previous_response_not_found</c>,
/// which makes Codex reconnect and resend the full history.
/// </summary>
internal sealed class ResponsesWebSocketSession(
    WebSocket socket, ResponseFrontEnd frontEnd, WebSocketSettings settings, long maxFrameBytes, ClientCredentials credentials)
{
    /// <summary>A socket frame's route label: one per <c>response.create</c>, apart from the upgrade request's own line.</summary>
    public const string FrameRoute = "ws /v1/responses";

    private readonly SocketChain _chain = new(settings.MaxChainBytes);
    private readonly FrameRate _rate = new(settings.MaxFramesPerMinute, TimeProvider.System);

    public ILogger? Access { get; init; }

    public string RequestId { get; init; } = "";

    /// <summary>Serves the socket until it closes; returns how many frames it handled.</summary>
    public async Task<int> RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        try
        {
            return await ServeAsync(aborted, stopping);
        }
        finally
        {
            _chain.Release();
        }
    }

    private async Task<int> ServeAsync(CancellationToken aborted, CancellationToken stopping)
    {
        var transport = new SocketTransport(new WebSocketEventSink(socket, aborted));
        var handled = 0;
        while (socket.State == WebSocketState.Open)
        {
            var frame = await WebSocketFrames.ReceiveAsync(socket, maxFrameBytes, settings.IdleTimeout, settings.FrameReadTimeout, aborted, stopping);
            if (frame.Kind == FrameKind.Closed)
            {
                break;
            }

            if (frame.Kind == FrameKind.TooLarge)
            {
                await transport.RejectAsync(new Failure(FailureKind.RequestTooLarge, $"The frame is larger than the relay's limit of {maxFrameBytes} bytes."));
                await WebSocketFrames.CloseAsync(socket, WebSocketCloseStatus.MessageTooBig);
                return handled;
            }

            if (!_rate.TryTake())
            {
                await transport.RejectAsync(new Failure(FailureKind.RateLimited, $"More than {settings.MaxFramesPerMinute} requests a minute on this socket (CodexRelay:WebSockets:MaxFramesPerMinute).") { RetryAfter = "1" });
                continue;
            }

            var measure = new RequestMeasure { Route = FrameRoute, WarmUp = credentials.WarmUp };
            var refused = await frontEnd.HandleAsync(new ResponseCall(frame.Bytes, credentials, _chain) { Measure = measure }, transport, aborted);
            handled++;
            Finish(measure, refused);
            if (refused?.Kind is FailureKind.Unauthorized)
            {
                // A key revoked while the socket was open: the error frame went out, the socket closes.
                await WebSocketFrames.CloseAsync(socket, WebSocketCloseStatus.PolicyViolation);
                return handled;
            }
        }

        await WebSocketFrames.CloseAsync(socket, stopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure);
        return handled;
    }

    private void Finish(RequestMeasure measure, Failure? refused)
    {
        if ((measure.Model is null && refused is null) || measure.WarmUp)
        {
            return; // not a response.create (ignored, as the API does), or the serving warm-up's frame (never counted)
        }

        measure.Status = refused?.Status ?? (measure.ErrorCode is null ? 200 : 500);
        RelayMetrics.Record(measure);
        if (Access is not null)
        {
            RequestContextMiddleware.Write(Access, "WS", measure, RequestId);
        }
    }

    private sealed class SocketTransport(WebSocketEventSink sink) : IResponseTransport
    {
        public Task RejectAsync(Failure failure) => sink.RejectAsync(failure);

        public IResponseEventSink SinkFor(ResponsesRequest request) => sink;
    }
}
