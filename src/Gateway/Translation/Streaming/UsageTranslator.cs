using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>Chat <c>usage</c> → Responses <c>usage</c> (Codex requires input, output and total tokens).</summary>
internal static class UsageTranslator
{
    public static JsonObject? ToResponsesUsage(JsonElement? usage)
    {
        if (usage is not { ValueKind: JsonValueKind.Object } u)
        {
            return null;
        }

        var input = Long(u, "prompt_tokens") ?? Long(u, "input_tokens") ?? 0;
        var output = Long(u, "completion_tokens") ?? Long(u, "output_tokens") ?? 0;
        var total = Long(u, "total_tokens") ?? input + output;
        var cached = Nested(u, "prompt_tokens_details", "cached_tokens") ?? Long(u, "prompt_cache_hit_tokens") ?? Nested(u, "input_tokens_details", "cached_tokens") ?? 0;
        var reasoning = Nested(u, "completion_tokens_details", "reasoning_tokens") ?? Nested(u, "output_tokens_details", "reasoning_tokens") ?? 0;
        return new JsonObject
        {
            ["input_tokens"] = input,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = cached },
            ["output_tokens"] = output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoning },
            ["total_tokens"] = total,
        };
    }

    private static long? Nested(JsonElement usage, string parent, string name) =>
        usage.TryGetProperty(parent, out var details) && details.ValueKind == JsonValueKind.Object ? Long(details, name) : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
