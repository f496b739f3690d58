using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Contracts.History;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Endpoints;
using CodexRelay.Gateway.Errors;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Translation;
using CodexRelay.Gateway.Translation.Quirks;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// The one async loop every transport shares: translate, stream the upstream through the state machine
/// into a sink, persist the turn, then send the terminal event. Returns the final response, or null.
/// </summary>
internal sealed class ResponsePipeline(
    UpstreamClient upstream,
    ResponseHistoryClient history,
    TranslationSettings settings,
    TimeProvider time,
    ILogger<ResponsePipeline> logger)
{
    /// <summary>The stored items a request continues, or null when its previous response is unknown.</summary>
    public async Task<(IReadOnlyList<JsonElement>? Items, string ConversationId)> ResolveAsync(ResponsesRequest request, string owner)
    {
        if (request.PreviousResponseId is not { } previous)
        {
            return ([], ResponseIds.NewConversationId());
        }

        var items = await history.LoadItemsAsync(owner, previous);
        return items is not null && ResponseIds.TryGetConversationId(previous, out var conversation) ? (items, conversation) : (null, "");
    }

    public async Task<JsonObject?> RunAsync(ResponseRun run, IResponseEventSink sink, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var translated = ChatRequestTranslator.ToChatRequest(request, run.EarlierItems, settings);
        foreach (var skipped in translated.Skipped)
        {
            Log.ItemSkipped(logger, skipped);
        }

        foreach (var quirk in translated.QuirksFired)
        {
            Log.QuirkFired(logger, quirk, translated.UpstreamModel);
        }

        var (upstreamResponse, upstreamError) = await upstream.SendAsync(translated.Body, run.Authorization, cancellationToken);
        if (upstreamError is not null)
        {
            Log.UpstreamRejected(logger, upstreamError.Status, upstreamError.Code);
            await sink.RejectAsync(upstreamError);
            return null;
        }

        using (upstreamResponse)
        {
            var responseId = ResponseIds.NewResponseId(run.ConversationId);
            var skeleton = ResponseObjects.Create(request, responseId, time.GetUtcNow().ToUnixTimeSeconds());
            var machine = new ResponseStreamMachine(skeleton, translated.ToolNames, RandomIdGenerator.Instance, settings.Quirks.IsEnabled(QuirkNames.ThinkTags), settings.Quirks.IsEnabled(QuirkNames.DsmlHeal));
            await sink.WriteAsync(machine.Start());
            var failure = await UpstreamPump.RunAsync(upstream, upstreamResponse!, machine, sink, cancellationToken);
            if (failure is not null)
            {
                Log.StreamFailed(logger, failure.Code);
                await sink.FailAsync(machine.Fail(failure, out _), failure);
                return null;
            }

            await sink.WriteAsync(machine.Finish(out var final));
            if (machine.HealedToolCalls > 0)
            {
                Log.QuirkFired(logger, QuirkNames.DsmlHeal, translated.UpstreamModel);
            }

            if (request.Store && !await TryRecordAsync(request, responseId, run.Owner, final))
            {
                var unavailable = new RelayError(503, "server_error", "history_unavailable", "The response could not be stored; retry shortly.");
                await sink.FailAsync(machine.Fail(unavailable, out _), unavailable);
                return null;
            }

            await sink.CompleteAsync(machine.Terminal(final), final);
            return final;
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
                ResponseJson = final.ToJson(),
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
}
