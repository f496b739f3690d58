using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// How a run ended: the final Response of a completed or incomplete response (null otherwise), the usage the provider
/// reported, whether the request reached the provider at all, and whether it failed.
/// </summary>
internal sealed record ResponseOutcome(JsonObject? Final, JsonObject? Usage, bool ReachedUpstream, bool Failed)
{
    public static ResponseOutcome NotSent { get; } = new(null, null, false, true);
}
