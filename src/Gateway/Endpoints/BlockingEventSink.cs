using System.Text.Json.Nodes;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.Responses;
using CodexRelay.Gateway.Translation;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>Blocking mode: events are dropped; the reply is the final Response object, or the error.</summary>
internal sealed class BlockingEventSink(HttpContext context) : IResponseEventSink
{
    public Task RejectAsync(RelayError error) => RelayErrorResults.WriteAsync(context, error);

    public Task WriteAsync(IReadOnlyList<JsonObject> events, bool moreAtHand = false) => Task.CompletedTask;

    public Task CompleteAsync(JsonObject terminalEvent, JsonObject finalResponse)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(finalResponse.ToJson(), context.RequestAborted);
    }

    public Task FailAsync(JsonObject failedEvent, RelayError error) => RelayErrorResults.WriteAsync(context, error);
}
