using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CodexRelay.EndToEnd.Tests.Support;

/// <summary>A client for the Responses WebSocket that sends <c>response.create</c> frames as Codex does.</summary>
internal sealed class ResponsesSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public static async Task<ResponsesSocket> ConnectAsync(Uri api, string bearer = "sk-socket-client")
    {
        var client = new ResponsesSocket();
        client._socket.Options.SetRequestHeader("openai-beta", "responses_websockets=2026-02-06");
        client._socket.Options.SetRequestHeader("authorization", "Bearer " + bearer);
        await client._socket.ConnectAsync(new Uri(api.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "responses"), CancellationToken.None);
        return client;
    }

    /// <summary>Sends one frame and reads events until a terminal one (completed, incomplete, failed or error).</summary>
    public async Task<List<JsonObject>> SendAsync(JsonObject frame)
    {
        await _socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var events = new List<JsonObject>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var buffer = new MemoryStream();
            WebSocketReceiveResult result;
            var chunk = new byte[16 * 1024];
            do
            {
                result = await _socket.ReceiveAsync(chunk, timeout.Token);
                buffer.Write(chunk, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var payload = JsonNode.Parse(buffer.ToArray())!.AsObject();
            events.Add(payload);
            if (payload["type"]!.GetValue<string>() is "response.completed" or "response.incomplete" or "response.failed" or "error")
            {
                return events;
            }
        }
    }

    /// <summary>Sends the start of a frame and not its end, as a client trickling a frame does.</summary>
    public Task SendPartialAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, false, CancellationToken.None);

    /// <summary>Waits for the server to close the socket; true when it did within the bound.</summary>
    public async Task<bool> WaitForServerCloseAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            var result = await _socket.ReceiveAsync(new byte[1024], timeout.Token);
            return result.MessageType == WebSocketMessageType.Close;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    public static JsonObject Create(JsonNode input, string? previousResponseId = null, bool generate = true)
    {
        var frame = new JsonObject
        {
            ["type"] = "response.create",
            ["model"] = "scripted-model",
            ["stream"] = true,
            ["input"] = input,
            ["store"] = false,
        };
        if (previousResponseId is not null)
        {
            frame["previous_response_id"] = previousResponseId;
        }

        if (!generate)
        {
            frame["generate"] = false;
        }

        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}
