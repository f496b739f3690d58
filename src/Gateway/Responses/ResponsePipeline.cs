using System.Text.Json.Nodes;
using CodexRelay.Contracts.History;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Translation.Quirks;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Translation.Streaming;
using CodexRelay.Gateway.Translation.Tools;
using CodexRelay.Gateway.Upstream;
using CodexRelay.Gateway.Wire.Chat;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// The one async loop every transport shares: translate, stream the upstream through the state machine
/// into a sink, persist the turn, then send the terminal event. Returns how the response ended.
/// </summary>
internal sealed class ResponsePipeline(
    ProviderDispatch dispatch,
    ResponseHistoryClient history,
    TranslationSettings settings,
    TimeProvider time,
    ILogger<ResponsePipeline> logger)
{
    /// <summary>A warmup's stream: finished at once, with no tokens spent.</summary>
    private static readonly ChatChunk WarmupChunk = ChatChunkReader.Read("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}""");

    public async Task<ResponseOutcome> RunAsync(ResponseRun run, IResponseEventSink sink, CancellationToken cancellationToken)
    {
        if (!run.Generate)
        {
            return await WarmUpAsync(run, sink);
        }

        var measure = run.Measure;
        using var activity = GenAiSpan.Start(measure, run.Request.Model);
        RelayMetrics.StreamStarted();
        try
        {
            var outcome = await CallUpstreamAsync(run, sink, measure, activity, cancellationToken);
            UsageTokens.CopyTo(outcome.Usage, measure);
            GenAiSpan.End(activity, measure, outcome.Failed);
            return outcome;
        }
        finally
        {
            RelayMetrics.StreamEnded();
        }
    }

    private async Task<ResponseOutcome> CallUpstreamAsync(ResponseRun run, IResponseEventSink sink, RequestMeasure measure, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        var request = run.Request;
        measure.UpstreamSent = System.Diagnostics.Stopwatch.GetTimestamp();
        var sent = await dispatch.SendAsync(run, cancellationToken);
        if (sent.Provider is { } tried)
        {
            measure.Provider = tried.Name;
        }

        if (sent.Error is { } upstreamError)
        {
            Log.UpstreamRejected(logger, upstreamError.Status, upstreamError.Code, upstreamError.Cause);
            if (upstreamError.UpstreamDetail is { } detail)
            {
                Log.UpstreamCredentialsRefused(logger, upstreamError.Status, detail);
            }

            measure.ErrorCode = upstreamError.Code ?? upstreamError.Kind.ToString();
            await run.EndingAsync(null, failed: true);
            await sink.RejectAsync(upstreamError);
            return new ResponseOutcome(null, null, ReachedUpstream: upstreamError.Kind is not (FailureKind.ModelNotAllowed or FailureKind.ProviderUnavailable), Failed: true);
        }

        var translated = sent.Translated!;
        measure.ServedModel = translated.UpstreamModel;
        GenAiSpan.Served(activity, measure);
        foreach (var skipped in translated.Skipped)
        {
            Log.ItemSkipped(logger, skipped);
        }

        foreach (var quirk in translated.QuirksFired)
        {
            Log.QuirkFired(logger, quirk, translated.UpstreamModel);
            RelayMetrics.Quirk(quirk, request.Model);
        }

        var upstream = sent.Provider!.Client;
        var upstreamResponse = sent.Response;
        using var slot = sent.Slot;
        using (upstreamResponse)
        {
            using var machine = NewMachine(run, translated.ToolNames);
            await sink.WriteAsync(machine.Start());
            var failure = await UpstreamPump.RunAsync(upstream, upstreamResponse!, machine, sink, cancellationToken, measure);
            measure.FinishReason = machine.FinishReason;
            if (failure is not null)
            {
                Log.StreamFailed(logger, failure.Code, failure.Message, failure.Cause);
                measure.ErrorCode = failure.Code ?? failure.Kind.ToString();
                var failedEvent = machine.Fail(failure, out var failed);
                await run.EndingAsync(failed["usage"] as JsonObject, failed: true);
                await sink.FailAsync(failedEvent, failure);
                return new ResponseOutcome(null, failed["usage"] as JsonObject, ReachedUpstream: true, Failed: true);
            }

            await sink.WriteAsync(machine.Finish(out var final));
            if (machine.HealedToolCalls > 0)
            {
                Log.QuirkFired(logger, QuirkNames.DsmlHeal, translated.UpstreamModel);
                RelayMetrics.Quirk(QuirkNames.DsmlHeal, request.Model);
            }

            if (request.Store && await RecordAsync(run, final, cancellationToken) is { } unavailable)
            {
                measure.ErrorCode = unavailable.Code ?? unavailable.Kind.ToString();
                RelayMetrics.StoreError("record");
                var failedEvent = machine.Fail(unavailable, out var failed);
                await run.EndingAsync(failed["usage"] as JsonObject, failed: true);
                await sink.FailAsync(failedEvent, unavailable);
                return new ResponseOutcome(null, failed["usage"] as JsonObject, ReachedUpstream: true, Failed: true);
            }

            await run.EndingAsync(final["usage"] as JsonObject, failed: false);
            await sink.CompleteAsync(machine.Terminal(final), final);
            return new ResponseOutcome(final, final["usage"] as JsonObject, ReachedUpstream: true, Failed: false);
        }
    }

    /// <summary><c>generate: false</c>: an id and no output, at once; the socket remembers it for chaining.</summary>
    private async Task<ResponseOutcome> WarmUpAsync(ResponseRun run, IResponseEventSink sink)
    {
        using var machine = NewMachine(run, ToolNameMap.Empty);
        await sink.WriteAsync(machine.Start());
        machine.OnChunk(WarmupChunk);
        await sink.WriteAsync(machine.Finish(out var final));
        await sink.CompleteAsync(machine.Terminal(final), final);
        return new ResponseOutcome(final, null, ReachedUpstream: false, Failed: false);
    }

    private ResponseStreamMachine NewMachine(ResponseRun run, ToolNameMap toolNames)
    {
        var responseId = ResponseIds.NewResponseId(run.ConversationId);
        var skeleton = ResponseObjects.Create(run.Request, responseId, time.GetUtcNow().ToUnixTimeSeconds());
        return new ResponseStreamMachine(skeleton, toolNames, RandomIdGenerator.Instance, settings.Quirks.IsEnabled(QuirkNames.ThinkTags), settings.Quirks.IsEnabled(QuirkNames.DsmlHeal));
    }

    /// <summary>Persists the turn before the terminal event, so a client never continues from a response that was not stored.</summary>
    private Task<Failure?> RecordAsync(ResponseRun run, JsonObject final, CancellationToken cancellationToken) =>
        history.RecordAsync(new StoredTurn
        {
            ResponseId = final["id"]!.GetValue<string>(),
            PreviousResponseId = run.Request.PreviousResponseId,
            Owner = run.Principal.Owner,
            InputItemsJson = ResponseObjects.InputItemsJson(run.Request),
            ResponseJson = final.ToJson(),
            CreatedAt = final["created_at"]!.GetValue<long>(),
        }, cancellationToken);
}
