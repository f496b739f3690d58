using System.Text.Json.Nodes;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Wire.Json;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>Blocking mode: events are dropped; the reply is the final Response object, or the error.</summary>
internal sealed class BlockingEventSink(HttpContext context) : IResponseEventSink
{
    public Task RejectAsync(Failure error) => FailureResults.WriteAsync(context, error);

    public Task WriteAsync(IReadOnlyList<JsonObject> events, bool moreAtHand = false) => Task.CompletedTask;

    public Task CompleteAsync(JsonObject terminalEvent, JsonObject finalResponse)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(finalResponse.ToJson(), context.RequestAborted);
    }

    public Task FailAsync(JsonObject failedEvent, Failure error) => FailureResults.WriteAsync(context, error);
}
