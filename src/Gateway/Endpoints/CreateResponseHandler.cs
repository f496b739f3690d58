using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Contracts.History;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Endpoints;

/// <summary>
/// <c>POST /v1/responses</c>: the only async loop. Read the request, fetch the history it continues,
/// translate, stream the upstream through the state machine, persist the turn, then send the terminal event.
/// </summary>
internal sealed class CreateResponseHandler(
    UpstreamClient upstream,
    ResponseHistoryClient history,
    TranslationSettings settings,
    TimeProvider time,
    ILogger<CreateResponseHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context);
        if (body.Error is not null)
        {
            await RelayErrorResults.WriteAsync(context, body.Error);
            return;
        }

        if (!RequestDocument.TryParse(body.Bytes, out var document, out var parseError))
        {
            await RelayErrorResults.WriteAsync(context, parseError!);
            return;
        }

        using (document)
        {
            if (!ResponsesRequestReader.TryRead(document.RootElement, out var request, out var error))
            {
                await RelayErrorResults.WriteAsync(context, error!);
                return;
            }

            await RunAsync(context, request);
        }
    }

    private async Task RunAsync(HttpContext context, ResponsesRequest request)
    {
        var owner = ResponseHistoryClient.DefaultOwner;
        IEnumerable<JsonElement> earlier = [];
        string conversation;
        if (request.PreviousResponseId is { } previous)
        {
            var items = await history.LoadItemsAsync(owner, previous);
            if (items is null || !ResponseIds.TryGetConversationId(previous, out conversation))
            {
                await RelayErrorResults.WriteAsync(context, RelayError.PreviousResponseNotFound(previous));
                return;
            }

            earlier = items;
        }
        else
        {
            conversation = ResponseIds.NewConversationId();
        }

        var translated = ChatRequestTranslator.ToChatRequest(request, earlier, settings);
        foreach (var skipped in translated.Skipped)
        {
            Log.ItemSkipped(logger, skipped);
        }

        var (upstreamResponse, upstreamError) = await upstream.SendAsync(translated.Body, context.Request.Headers.Authorization, context.RequestAborted);
        if (upstreamError is not null)
        {
            Log.UpstreamRejected(logger, upstreamError.Status, upstreamError.Code);
            await RelayErrorResults.WriteAsync(context, upstreamError);
            return;
        }

        using (upstreamResponse)
        {
            var responseId = ResponseIds.NewResponseId(conversation);
            var skeleton = ResponseObjects.Create(request, responseId, time.GetUtcNow().ToUnixTimeSeconds());
            var machine = new ResponseStreamMachine(skeleton, translated.ToolNames, RandomIdGenerator.Instance);
            var sink = request.Stream ? new EventSink(context.Response) : null;
            if (sink is not null)
            {
                SseWriter.Prepare(context.Response);
            }

            await Write(sink, machine.Start(), context.RequestAborted);
            var failure = await PumpAsync(upstreamResponse!, machine, sink, context.RequestAborted);
            if (failure is not null)
            {
                Log.StreamFailed(logger, failure.Code);
                var failed = machine.Fail(failure, out _);
                await FinishWithFailureAsync(context, sink, failed, failure);
                return;
            }

            await Write(sink, machine.Finish(out var final), context.RequestAborted);
            if (request.Store && !await TryRecordAsync(request, responseId, owner, final))
            {
                var unavailable = new RelayError(503, "server_error", "history_unavailable", "The response could not be stored; retry shortly.");
                await FinishWithFailureAsync(context, sink, machine.Fail(unavailable, out _), unavailable);
                return;
            }

            var terminal = machine.Terminal(final);
            if (sink is not null)
            {
                await Write(sink, [terminal], context.RequestAborted);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(final.ToJsonString(), context.RequestAborted);
            }
        }
    }

    /// <summary>Persists the turn before the terminal event, so a client never continues from a response that was not stored.</summary>
    private async Task<bool> TryRecordAsync(ResponsesRequest request, string responseId, string owner, JsonObject final)
    {
        try
        {
            await history.RecordAsync(new StoredTurn
            {
                ResponseId = responseId,
                PreviousResponseId = request.PreviousResponseId,
                Owner = owner,
                InputItemsJson = ResponseObjects.InputItemsJson(request),
                ResponseJson = final.ToJsonString(),
                CreatedAt = final["created_at"]!.GetValue<long>(),
            });
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.HistoryFailed(logger, exception.GetType().Name);
            return false;
        }
    }

    private async Task<RelayError?> PumpAsync(HttpResponseMessage response, ResponseStreamMachine machine, EventSink? sink, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var data in UpstreamEvents(response, cancellationToken))
            {
                if (data == "[DONE]")
                {
                    break;
                }

                ChatChunk chunk;
                try
                {
                    chunk = ChatChunkReader.Read(System.Text.Encoding.UTF8.GetBytes(data));
                }
                catch (JsonException)
                {
                    return UpstreamFailures.MalformedChunk();
                }

                if (chunk.Error is { } streamError)
                {
                    return UpstreamErrorMapper.FromStreamError(streamError);
                }

                await Write(sink, machine.OnChunk(chunk), cancellationToken);
            }
        }
        catch (TimeoutException timeout)
        {
            return UpstreamFailures.IdleTimeout(timeout.Message);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return UpstreamFailures.StreamBroken(exception);
        }

        // Some providers never send [DONE]; a finish_reason is what proves the answer is whole.
        return machine.FinishReason is null ? UpstreamFailures.StreamTruncated() : null;
    }

    private IAsyncEnumerable<string> UpstreamEvents(HttpResponseMessage response, CancellationToken cancellationToken) =>
        upstream.ReadEventsAsync(response, cancellationToken);

    private static async Task FinishWithFailureAsync(HttpContext context, EventSink? sink, JsonObject failedEvent, RelayError failure)
    {
        if (sink is not null)
        {
            await Write(sink, [failedEvent], context.RequestAborted);
            return;
        }

        await RelayErrorResults.WriteAsync(context, failure);
    }

    private static Task Write(EventSink? sink, IReadOnlyList<JsonObject> events, CancellationToken cancellationToken) =>
        sink is null ? Task.CompletedTask : SseWriter.WriteAsync(sink.Response, events, cancellationToken);

    private sealed record EventSink(HttpResponse Response);
}
