using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation;

namespace CodexRelay.Gateway.WebSockets;

/// <summary>One JSON text frame per event, as the SSE <c>data:</c> payloads; errors as <c>error</c> frames with a status.</summary>
internal sealed class WebSocketEventSink(WebSocket socket, CancellationToken cancellationToken) : IResponseEventSink
{
    public Task RejectAsync(RelayError error) => SendAsync(ErrorFrame(error));

    public async Task WriteAsync(IReadOnlyList<JsonObject> events, bool moreAtHand = false)
    {
        foreach (var payload in events)
        {
            await SendAsync(payload);
        }
    }

    public Task CompleteAsync(JsonObject terminalEvent, JsonObject finalResponse) => SendAsync(terminalEvent);

    public Task FailAsync(JsonObject failedEvent, RelayError error) => SendAsync(failedEvent);

    public static JsonObject ErrorFrame(RelayError error) => new()
    {
        ["type"] = "error",
        ["status"] = error.Status,
        ["error"] = error.ToErrorObject(),
    };

    public Task SendAsync(JsonObject payload) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJson()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}
