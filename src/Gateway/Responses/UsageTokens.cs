using System.Text.Json.Nodes;
using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.Responses;

/// <summary>Reads a Responses <c>usage</c> object's token counts into a request's measure.</summary>
internal static class UsageTokens
{
    public static void CopyTo(JsonObject? usage, RequestMeasure measure)
    {
        if (usage is null)
        {
            return;
        }

        measure.InputTokens = Count(usage["input_tokens"]);
        measure.OutputTokens = Count(usage["output_tokens"]);
        measure.CachedTokens = Count(usage["input_tokens_details"]?["cached_tokens"]);
        measure.ReasoningTokens = Count(usage["output_tokens_details"]?["reasoning_tokens"]);
    }

    private static long Count(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var count) && count > 0 ? count : 0;
}
