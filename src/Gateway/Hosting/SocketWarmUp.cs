using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Diagnostics;

namespace CodexRelay.Gateway.Hosting;

/// <summary>
/// The WebSocket part of a serving warm-up round (Codex talks to the relay over one socket per process): one socket
/// to the gateway itself carrying the warm-up pass, a Codex-style <c>generate: false</c> frame, then pairs of frames,
/// the second of each chained to the first by <c>previous_response_id</c> (the socket's own chain), each read to its
/// terminal event. Any other end (an error frame, a failed response, a closed socket) is a failed warm-up.
/// </summary>
internal static class SocketWarmUp
{
    /// <summary>Frame pairs per round: with the opening frame 41 frames, past the 30 calls that promote a method.</summary>
    public const int FramePairs = 20;

    public const int FramesPerRound = (2 * FramePairs) + 1;

    public static async Task RunAsync(HttpMessageInvoker http, Uri address, string pass, IReadOnlyList<JsonObject> requests, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader(WarmUpPass.Header, pass);
        await socket.ConnectAsync(address, http, cancellationToken);
        var received = new ArrayBufferWriter<byte>(16 * 1024);
        await ExchangeAsync(socket, Frame(requests[0], previousResponseId: null, generate: false), received, cancellationToken);
        for (var i = 0; i < FramePairs; i++)
        {
            var request = requests[i % requests.Count];
            var first = await ExchangeAsync(socket, Frame(request, previousResponseId: null, generate: true), received, cancellationToken);
            await ExchangeAsync(socket, Frame(request, first, generate: true), received, cancellationToken);
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
    }

    private static byte[] Frame(JsonObject request, string? previousResponseId, bool generate) =>
        ServingWarmUp.UnstoredBody(request, stream: true, frame =>
        {
            frame["type"] = "response.create";
            if (!generate)
            {
                frame["generate"] = false;
            }

            if (previousResponseId is not null)
            {
                frame["previous_response_id"] = previousResponseId;
                frame["input"] = new JsonArray(new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "go on" }) });
            }
        });

    /// <summary>Sends one frame and reads events up to <c>response.completed</c>; returns the response's id.</summary>
    private static async Task<string> ExchangeAsync(ClientWebSocket socket, byte[] frame, ArrayBufferWriter<byte> received, CancellationToken cancellationToken)
    {
        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        while (true)
        {
            received.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(received.GetMemory(16 * 1024), cancellationToken);
                received.Advance(result.Count);
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The gateway closed the warm-up's socket.");
            }

            using var message = JsonDocument.Parse(received.WrittenMemory);
            var type = message.RootElement.GetProperty("type").GetString();
            if (type == "response.completed")
            {
                return message.RootElement.GetProperty("response").GetProperty("id").GetString()!;
            }

            if (type is "error" or "response.failed" or "response.incomplete")
            {
                var text = System.Text.Encoding.UTF8.GetString(received.WrittenSpan);
                throw new InvalidOperationException($"A warm-up frame was answered {type}: {text[..Math.Min(text.Length, 300)]}");
            }
        }
    }
}
