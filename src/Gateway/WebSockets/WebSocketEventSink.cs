using System.Net.WebSockets;
using System.Text;
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

    public Task SendAsync(JsonObject payload) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJson()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}
