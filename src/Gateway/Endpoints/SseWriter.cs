using System.Text;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>Writes Responses events as SSE frames and flushes each one: no batching.</summary>
internal static class SseWriter
{
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

        var frame = new StringBuilder();
        foreach (var payload in events)
        {
            frame.Append("event: ").Append(payload["type"]!.GetValue<string>()).Append('\n')
                .Append("data: ").Append(payload.ToJsonString()).Append("\n\n");
        }

        await response.WriteAsync(frame.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
