using System.Text.Json;
using CodexRelay.Contracts.History;
using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Metering;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.Wire.Responses;
using Microsoft.Extensions.Options;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// The one way into the relay for HTTP and WebSocket alike: principal → raw body → parsed request → history (the
/// socket's chain first, then the grain) → run. Transports only read bytes and provide a sink.
/// </summary>
internal sealed class ResponseFrontEnd(ResponsePipeline pipeline, ResponseHistoryClient history, IPrincipalResolver principals, UsageMeter meter, IOptions<RelayOptions> options)
{
    /// <summary>Serves one call; returns the failure it was refused with before running, or null.</summary>
    public async Task<Failure?> HandleAsync(ResponseCall call, IResponseTransport transport, CancellationToken cancellationToken)
    {
        // Who asks comes first, as on OpenAI's API: a caller without a valid key learns nothing, not even how its
        // body would have been judged.
        var measure = call.Measure;
        var (principal, denied) = await principals.ResolveAsync(call.Credentials, cancellationToken);
        if (principal is null)
        {
            return await RejectAsync(transport, denied!, measure);
        }

        measure.Tenant = principal.Tenant;

        if (!RequestDocument.TryParse(call.Body, out var document, out var parseError))
        {
            return await RejectAsync(transport, parseError!, measure);
        }

        using (document)
        {
            var root = document.RootElement;
            if (call.Chain is not null && !IsResponseCreate(root))
            {
                // Codex sends only response.create; anything else on a socket is ignored, as the API does.
                return null;
            }

            if (!ResponsesRequestReader.TryRead(root, options.Value.Limits, out var request, out var readError))
            {
                return await RejectAsync(transport, readError!, measure);
            }

            measure.Model = request.Model;

            if (!principal.MayUse(request.Model))
            {
                // Exactly what an unknown model gets, so a key learns nothing of the models it may not use.
                return await RejectAsync(transport, new Failure(FailureKind.ModelNotAllowed, $"The model '{FailureText.Quote(request.Model)}' does not exist or you do not have access to it."), measure);
            }

            var (earlier, conversation, failure) = await ResolveAsync(request, principal, call.Chain, cancellationToken);
            if (earlier is null)
            {
                return await RejectAsync(transport, failure!, measure);
            }

            if (ToolCallPairing.FindBrokenPair(earlier.Concat(request.Input)) is { } broken)
            {
                return await RejectAsync(transport, broken, measure);
            }

            var run = new ResponseRun(request, earlier, conversation, principal) { Generate = !IsWarmup(root), Measure = measure };
            // The warm-up's own requests run the meter's code too (their charge adds nothing, see UsageMeter).
            var (lease, refused) = run.Generate ? await meter.AcquireAsync(principal, cancellationToken) : (null, null);
            if (refused is not null)
            {
                return await RejectAsync(transport, refused, measure);
            }

            // With a concurrency limit the slot is released before the client sees the end (its next request must fit).
            var settled = false;
            if (lease is not null && principal.Limits.ConcurrentRequests is not null)
            {
                run = run with
                {
                    BeforeEnd = (usage, failed) =>
                    {
                        settled = true;
                        return meter.SettleAsync(principal, lease, request.Model, usage, failed);
                    },
                };
            }

            var outcome = ResponseOutcome.NotSent;
            try
            {
                outcome = await pipeline.RunAsync(run, transport.SinkFor(request), cancellationToken);
            }
            finally
            {
                if (run.Generate && !settled)
                {
                    meter.Charge(principal, lease, request.Model, outcome.Usage, outcome.Failed);
                }
            }

            if (outcome.Final is { } final && call.Chain is not null)
            {
                call.Chain.Record(final, earlier, request.Input);
            }

            return null;
        }
    }

    private static async Task<Failure> RejectAsync(IResponseTransport transport, Failure failure, RequestMeasure measure)
    {
        measure.ErrorCode = failure.Code ?? failure.Kind.ToString();
        measure.Status = failure.Status;
        await transport.RejectAsync(failure);
        return failure;
    }

    /// <summary>The items a request continues; a socket's own chain answers first, then the conversation grain.</summary>
    private async Task<(IReadOnlyList<JsonElement>? Items, string ConversationId, Failure? Failure)> ResolveAsync(
        ResponsesRequest request, RelayPrincipal principal, SocketChain? chain, CancellationToken cancellationToken)
    {
        if (request.PreviousResponseId is not { } previous)
        {
            return ([], ResponseIds.NewConversationId(), null);
        }

        if (!ResponseIds.TryGetConversationId(previous, out var conversation))
        {
            return (null, "", Failure.PreviousResponseNotFound(previous));
        }

        if (chain is not null && chain.TryGet(previous, out var chained))
        {
            return (chained, conversation, null);
        }

        var (items, failure) = await history.LoadItemsAsync(principal.Owner, previous, cancellationToken);
        return items is not null ? (items, conversation, null) : (null, "", failure ?? Failure.PreviousResponseNotFound(previous));
    }

    private static bool IsResponseCreate(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && InputItems.GetString(root, "type") == "response.create";

    private static bool IsWarmup(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("generate", out var generate) && generate.ValueKind == JsonValueKind.False;
}
