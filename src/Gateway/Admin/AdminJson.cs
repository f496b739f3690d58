using System.Text.Json.Nodes;
using CodexRelay.Contracts.Tenancy;

namespace CodexRelay.Gateway.Admin;

/// <summary>How the admin API writes keys, limits and usage (snake_case, as the OpenAI API names things).</summary>
internal static class AdminJson
{
    public static JsonObject Key(KeyDescriptor key, DateTimeOffset? revokedAt = null, DateTimeOffset? lastUsedAt = null) => new()
    {
        ["id"] = key.Id,
        ["object"] = "relay.key",
        ["tenant"] = key.Tenant,
        ["user"] = key.User,
        ["models"] = new JsonArray([.. key.Models.Select(m => JsonValue.Create(m))]),
        ["limits"] = Limits(key.Limits),
        ["expires_at"] = Seconds(key.ExpiresAt),
        ["created_at"] = Seconds(key.CreatedAt),
        ["revoked_at"] = Seconds(revokedAt),
        ["last_used_at"] = Seconds(lastUsedAt),
    };

    public static JsonObject Limits(KeyLimits limits) => new()
    {
        ["requests_per_minute"] = limits.RequestsPerMinute,
        ["tokens_per_day"] = limits.TokensPerDay,
        ["concurrent_requests"] = limits.ConcurrentRequests,
    };

    public static JsonObject Usage(UsageRecord usage) => new()
    {
        ["tenant"] = usage.Tenant,
        ["user"] = usage.User,
        ["model"] = usage.Model,
        ["day"] = usage.Day,
        ["requests"] = usage.Requests,
        ["input_tokens"] = usage.InputTokens,
        ["cached_input_tokens"] = usage.CachedInputTokens,
        ["output_tokens"] = usage.OutputTokens,
        ["reasoning_tokens"] = usage.ReasoningTokens,
        ["errors"] = usage.Errors,
    };

    public static JsonObject List(IEnumerable<JsonNode> items) => new() { ["object"] = "list", ["data"] = new JsonArray([.. items]) };

    private static long? Seconds(DateTimeOffset? time) => time?.ToUnixTimeSeconds();
}
