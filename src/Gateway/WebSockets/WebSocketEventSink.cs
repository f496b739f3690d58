using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>One JSON text frame per event, as the SSE <c>data:</c> payloads; errors as <c>error</c> frames with a status.</summary>
internal sealed class WebSocketEventSink(WebSocket socket, CancellationToken cancellationToken) : IResponseEventSink
{
    public Task RejectAsync(Failure error) => SendAsync(error.ToSocketFrame());

    public async Task WriteAsync(IReadOnlyList<JsonObject> events, bool moreAtHand = false)
    {
        foreach (var payload in events)
        {
            await SendAsync(payload);
        }
    }

    public Task CompleteAsync(JsonObject terminalEvent, JsonObject finalResponse) => SendAsync(terminalEvent);

    public Task FailAsync(JsonObject failedEvent, Failure error) => SendAsync(failedEvent);

    /// <summary>Written as UTF-8 into a pooled buffer (no string, no second copy), sent as one frame.</summary>
    public async Task SendAsync(JsonObject payload)
    {
        using var frame = new PooledBufferWriter();
        payload.WriteUtf8(frame);
        await socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }
}
