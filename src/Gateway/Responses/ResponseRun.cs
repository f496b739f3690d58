using System.Text.Json;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Telemetry;
using CodexRelay.Gateway.Wire.Responses;

namespace CodexRelay.Gateway.Responses;

/// <summary>
/// One response to produce: the request, the stored items it continues (already fetched), its conversation and
/// principal. Without <see cref="Generate"/> (a WebSocket warmup) the response is answered at once with no output.
/// </summary>
internal sealed record ResponseRun(ResponsesRequest Request, IReadOnlyList<JsonElement> EarlierItems, string ConversationId, RelayPrincipal Principal)
{
    public bool Generate { get; init; } = true;

    public RequestMeasure Measure { get; init; } = new();

    /// <summary>
    /// Awaited once, just before the client learns the response ended (its error, terminal or failed event), with the
    /// usage and whether it failed: a key's concurrency slot must be free by the time the client can send its next
    /// request.
    /// </summary>
    public Func<System.Text.Json.Nodes.JsonObject?, bool, Task>? BeforeEnd { get; init; }

    public Task EndingAsync(System.Text.Json.Nodes.JsonObject? usage, bool failed) => BeforeEnd?.Invoke(usage, failed) ?? Task.CompletedTask;
}
