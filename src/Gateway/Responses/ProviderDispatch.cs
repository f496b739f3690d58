using CodexRelay.Gateway.Configuration;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// Sends a request to the providers of its route in order until one answers with headers. A provider that cannot be
/// reached, times out before headers, answers 5xx or 429, is full or has its breaker open is skipped for the next,
/// with the request translated again for it (its model name, its reasoning replay). Nothing here runs after the first
/// byte: once a provider's stream is handed back, a failure is that stream's failure.
/// </summary>
internal sealed class ProviderDispatch(ProviderRouter router, WarmUpUpstream warmUp, TranslationSettings settings, ProviderEvents events, ILogger<ProviderDispatch> logger)
{
    public async Task<DispatchResult> SendAsync(ResponseRun run, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var targets = run.Principal.IsWarmUp ? warmUp.Resolve(request.Model) : router.Resolve(request.Model);
        if (targets.Count == 0)
        {
            return DispatchResult.Refused(new Failure(FailureKind.ModelNotAllowed, $"The model '{FailureText.Quote(request.Model)}' does not exist or you do not have access to it."));
        }

        Failure? last = null;
        string? failedProvider = null;
        for (var i = 0; i < targets.Count; i++)
        {
            var (provider, model) = targets[i];
            var isLast = i == targets.Count - 1;
            if (failedProvider is not null && last is not null)
            {
                ProviderLog.FallingBack(logger, failedProvider, provider.Name, last.Code ?? last.Kind.ToString());
                events.OnFallback(failedProvider, provider.Name, last.Code ?? last.Kind.ToString());
                failedProvider = null;
            }

            var slot = provider.TryAcquireSlot();
            if (slot is null || !provider.Breaker.TryEnter())
            {
                slot?.Dispose();
                var reason = slot is null ? "all of its MaxConcurrentRequests are in use" : "its circuit breaker is open";
                ProviderLog.Skipped(logger, provider.Name, reason);
                last ??= new Failure(FailureKind.ProviderUnavailable, $"No provider can take the request now: '{provider.Name}' was skipped because {reason}.");
                continue;
            }

            TranslatedRequest translated;
            HttpResponseMessage? response;
            Failure? error;
            try
            {
                translated = ChatRequestTranslator.ToChatRequest(request, run.EarlierItems, settings, model, provider.ReplayReasoning, cancellationToken);
                (response, error) = await provider.Client.SendAsync(
                    translated.Body, run.Principal.UpstreamAuthorization, isLast ? provider.Client.MaxRetries : 0, cancellationToken);
            }
            catch
            {
                // The client went away (or translation threw): free the slot and any breaker trial before leaving.
                slot.Dispose();
                provider.Breaker.Released();
                throw;
            }

            if (error is null)
            {
                provider.Breaker.Succeeded();
                return new DispatchResult(provider, translated, response!, slot, null);
            }

            slot.Dispose();
            if (BreaksCircuit(error.Kind))
            {
                provider.Breaker.Failed();
            }
            else
            {
                provider.Breaker.Released();
            }

            if (!FallsBack(error.Kind))
            {
                return DispatchResult.Refused(error, provider);
            }

            last = error;
            failedProvider = provider.Name;
        }

        return DispatchResult.Refused(last!);
    }

    /// <summary>What the provider itself suffers from: a dead or overloaded provider, not a bad request.</summary>
    private static bool BreaksCircuit(FailureKind kind) =>
        kind is FailureKind.UpstreamUnreachable or FailureKind.UpstreamTimeout or FailureKind.UpstreamOverloaded or FailureKind.UpstreamError;

    private static bool FallsBack(FailureKind kind) => BreaksCircuit(kind) || kind is FailureKind.UpstreamRateLimited;
}
