using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>Blocking mode: events are dropped; the reply is the final Response object, or the error.</summary>
internal sealed class BlockingEventSink(HttpContext context) : IResponseEventSink
{
    public Task RejectAsync(Failure error) => FailureResults.WriteAsync(context, error);

    public Task WriteAsync(ResponseEventBatch events, bool moreAtHand = false) => Task.CompletedTask;

    /// <summary>The final response as UTF-8 JSON, written whole with its length (no string, no chunked framing).</summary>
    public async Task CompleteAsync(ResponseEventBatch terminalEvent, JsonObject finalResponse)
    {
        using var body = new PooledBufferWriter(4 * 1024);
        finalResponse.WriteUtf8(body);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.WrittenCount;
        await context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted);
    }

    public Task FailAsync(ResponseEventBatch failedEvent, Failure error) => FailureResults.WriteAsync(context, error);
}
