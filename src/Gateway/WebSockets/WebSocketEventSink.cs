using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>One JSON text frame per event, the SSE <c>data:</c> payloads' bytes; errors as <c>error</c> frames with a status.</summary>
internal sealed class WebSocketEventSink(WebSocket socket, CancellationToken cancellationToken) : IResponseEventSink
{
    public Task RejectAsync(Failure error) => SendAsync(error.ToSocketFrame());

    public async Task WriteAsync(ResponseEventBatch events, bool moreAtHand = false)
    {
        for (var i = 0; i < events.Count; i++)
        {
            await socket.SendAsync(events.JsonAt(i), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    public Task CompleteAsync(ResponseEventBatch terminalEvent, JsonObject finalResponse) => WriteAsync(terminalEvent);

    public Task FailAsync(ResponseEventBatch failedEvent, Failure error) => WriteAsync(failedEvent);

    /// <summary>Written as UTF-8 into a pooled buffer (no string, no second copy), sent as one frame.</summary>
    private async Task SendAsync(JsonObject payload)
    {
        using var frame = new PooledBufferWriter();
        payload.WriteUtf8(frame);
        await socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }
}
