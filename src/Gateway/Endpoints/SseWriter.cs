using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using CodexRelay.Gateway.Translation;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>
/// Writes Responses events as SSE frames straight into the response pipe as UTF-8 (no intermediate strings),
/// and flushes after each batch of events: one upstream chunk's events go out as they arrive, never batched.
/// </summary>
internal static class SseWriter
{
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] DataPrefix = "\ndata: "u8.ToArray();
    private static readonly byte[] FrameEnd = "\n\n"u8.ToArray();

    public static void Prepare(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public static async Task WriteAsync(HttpResponse response, IReadOnlyList<JsonObject> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var pipe = response.BodyWriter;
        using (var json = new Utf8JsonWriter(pipe, JsonNodes.WriterOptions))
        {
            foreach (var payload in events)
            {
                pipe.Write(EventPrefix);
                pipe.Write(Encoding.UTF8.GetBytes(payload["type"]!.GetValue<string>()));
                pipe.Write(DataPrefix);
                payload.WriteTo(json);
                json.Flush();
                json.Reset();
                pipe.Write(FrameEnd);
            }
        }

        await pipe.FlushAsync(cancellationToken);
    }
}
