using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Translation.Requests;
using CodexRelay.Gateway.Upstream;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// The provider that answered, the request as translated for it, its response (headers read) and the concurrency
/// slot held until the stream ends; or the failure the client gets.
/// </summary>
internal sealed record DispatchResult(UpstreamProvider? Provider, TranslatedRequest? Translated, HttpResponseMessage? Response, IDisposable? Slot, Failure? Error)
{
    public static DispatchResult Refused(Failure error, UpstreamProvider? provider = null) => new(provider, null, null, null, error);
}
