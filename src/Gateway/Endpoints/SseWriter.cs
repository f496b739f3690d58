using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>
/// Writes Responses events as SSE frames straight into the response pipe as UTF-8 (no intermediate strings),
/// to be flushed by the caller (<see cref="SseEventSink"/>) whenever the relay is about to wait for the upstream.
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

    /// <summary>Writes the frames into the response pipe; they leave when the pipe is flushed.</summary>
    public static void Write(HttpResponse response, IReadOnlyList<JsonObject> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var pipe = response.BodyWriter;
        using var json = new Utf8JsonWriter(pipe, JsonNodes.WriterOptions);
        foreach (var payload in events)
        {
            pipe.Write(EventPrefix);
            WriteEventType(pipe, payload["type"]!.GetValue<string>());
            pipe.Write(DataPrefix);
            payload.WriteTo(json);
            json.Flush();
            json.Reset();
            pipe.Write(FrameEnd);
        }
    }

    private static void WriteEventType(PipeWriter pipe, string type)
    {
        var span = pipe.GetSpan(Encoding.UTF8.GetMaxByteCount(type.Length));
        pipe.Advance(Encoding.UTF8.GetBytes(type, span));
    }
}
