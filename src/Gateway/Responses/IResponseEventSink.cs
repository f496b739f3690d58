using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Responses;

/// <summary>Where a response's events go: SSE, a WebSocket, or nowhere but the final object (blocking mode).</summary>
internal interface IResponseEventSink
{
    /// <summary>A failure before any event: an HTTP status, or an <c>error</c> frame.</summary>
    Task RejectAsync(Failure error);

    /// <summary>
    /// Sends the events (the batch is the machine's: it is refilled once this returns). With
    /// <paramref name="moreAtHand"/> the next upstream chunk has already arrived, so a streaming sink may leave them in
    /// its buffer: they go out with the next write, before the relay waits again.
    /// </summary>
    Task WriteAsync(ResponseEventBatch events, bool moreAtHand = false);

    /// <summary>The terminal event of a completed or incomplete response; history is already written.</summary>
    Task CompleteAsync(ResponseEventBatch terminalEvent, JsonObject finalResponse);

    /// <summary>The <c>response.failed</c> event of a response that broke after it started.</summary>
    Task FailAsync(ResponseEventBatch failedEvent, Failure error);
}
