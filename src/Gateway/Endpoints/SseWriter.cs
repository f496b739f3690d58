using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>
/// Writes Responses events as SSE frames into the response pipe (the machine wrote their JSON as UTF-8 already),
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

    /// <summary>Copies the frames into the response pipe; they leave when the pipe is flushed.</summary>
    public static void Write(HttpResponse response, ResponseEventBatch events)
    {
        var pipe = response.BodyWriter;
        for (var i = 0; i < events.Count; i++)
        {
            pipe.Write(EventPrefix);
            WriteEventType(pipe, events.TypeAt(i));
            pipe.Write(DataPrefix);
            pipe.Write(events.JsonAt(i).Span);
            pipe.Write(FrameEnd);
        }
    }

    private static void WriteEventType(PipeWriter pipe, string type)
    {
        var span = pipe.GetSpan(Encoding.UTF8.GetMaxByteCount(type.Length));
        pipe.Advance(Encoding.UTF8.GetBytes(type, span));
    }
}
