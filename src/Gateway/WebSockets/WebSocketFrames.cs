using System.Net.WebSockets;

namespace CodexRelay.Gateway.WebSockets;

internal enum FrameKind
{
    Message,
    Closed,
    TooLarge,
}

internal readonly record struct Frame(FrameKind Kind, ReadOnlyMemory<byte> Bytes);

/// <summary>Reads whole messages within a size limit and an idle timeout; closes without throwing.</summary>
internal static class WebSocketFrames
{
    /// <summary>
    /// The first read of a frame may wait <paramref name="idleTimeout"/> (the socket is idle between requests); every
    /// further read of the same frame gets <paramref name="readTimeout"/>, so a frame trickled in slowly is cut.
    /// </summary>
    public static async Task<Frame> ReceiveAsync(WebSocket socket, long maxBytes, TimeSpan idleTimeout, TimeSpan readTimeout, CancellationToken aborted, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        wait.CancelAfter(idleTimeout);
        var started = false;
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                if (started)
                {
                    wait.CancelAfter(readTimeout);
                }

                var result = await socket.ReceiveAsync(chunk.AsMemory(), wait.Token);
                started = true;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new Frame(FrameKind.Closed, default);
                }

                buffer.Write(chunk, 0, result.Count);
                if (buffer.Length > maxBytes)
                {
                    return new Frame(FrameKind.TooLarge, default);
                }

                if (result.EndOfMessage)
                {
                    return new Frame(FrameKind.Message, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Idle, shutting down, or the client went away (Codex never sends a Close frame).
            return new Frame(FrameKind.Closed, default);
        }
    }

    public static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, null, timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The peer is already gone.
        }
    }
}
