using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>Streams events as SSE; the headers go out with the first event, so earlier failures keep their HTTP status.</summary>
internal sealed class SseEventSink(HttpContext context) : IResponseEventSink
{
    public Task RejectAsync(Failure error) => FailureResults.WriteAsync(context, error);

    public Task WriteAsync(ResponseEventBatch events, bool moreAtHand = false)
    {
        if (!context.Response.HasStarted)
        {
            SseWriter.Prepare(context.Response);
        }

        SseWriter.Write(context.Response, events);
        return moreAtHand ? Task.CompletedTask : context.Response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
    }

    public Task CompleteAsync(ResponseEventBatch terminalEvent, JsonObject finalResponse) => WriteAsync(terminalEvent);

    public Task FailAsync(ResponseEventBatch failedEvent, Failure error) => WriteAsync(failedEvent);
}
