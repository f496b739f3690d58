using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Admin;

/// <summary>The body of <c>POST /admin/keys</c>, read strictly: every wrong type or value is a 400 naming its field.</summary>
internal sealed partial record KeyRequest(string Tenant, string User, IReadOnlyList<string> Models, KeyLimits Limits, DateTimeOffset? ExpiresAt)
{
    public static (KeyRequest? Request, Failure? Failure) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, Failure.InvalidRequest("The body must be a JSON object.", null));
        }

        var tenant = Name(body, "tenant", out var failure);
        var user = failure is null ? Name(body, "user", out failure) : null;
        var models = failure is null ? ReadModels(body, out failure) : null;
        var limits = failure is null ? ReadLimits(body, out failure) : null;
        var expires = failure is null ? Expiry(body, out failure) : null;
        return failure is null ? (new KeyRequest(tenant!, user!, models!, limits!, expires), null) : (null, failure);
    }

    /// <summary>Tenant and user names: letters, digits and <c>._@-</c>, up to 64 (no <c>/</c>: it separates them in owners).</summary>
    public static bool IsName(string? value) => value is not null && NamePattern().IsMatch(value);

    private static string? Name(JsonElement body, string field, out Failure? failure)
    {
        failure = null;
        var value = body.TryGetProperty(field, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (!IsName(value))
        {
            failure = Failure.InvalidRequest($"'{field}' must be 1 to 64 letters, digits or ._@-.", field);
        }

        return value;
    }

    private static List<string>? ReadModels(JsonElement body, out Failure? failure)
    {
        failure = null;
        if (!body.TryGetProperty("models", out var models) || models.ValueKind == JsonValueKind.Null)
        {
            return ["*"];
        }

        if (models.ValueKind != JsonValueKind.Array || models.GetArrayLength() is 0 or > 256
            || models.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || m.GetString() is not { Length: > 0 and <= 256 }))
        {
            failure = Failure.InvalidRequest("'models' must be an array of 1 to 256 model patterns (strings, * wildcard).", "models");
            return null;
        }

        return [.. models.EnumerateArray().Select(m => m.GetString()!)];
    }

    private static KeyLimits? ReadLimits(JsonElement body, out Failure? failure)
    {
        failure = null;
        if (!body.TryGetProperty("limits", out var limits) || limits.ValueKind == JsonValueKind.Null)
        {
            return KeyLimits.Unlimited;
        }

        if (limits.ValueKind != JsonValueKind.Object)
        {
            failure = Failure.InvalidRequest("'limits' must be an object.", "limits");
            return null;
        }

        var perMinute = Positive(limits, "requests_per_minute", ref failure);
        var perDay = Positive(limits, "tokens_per_day", ref failure);
        var concurrent = Positive(limits, "concurrent_requests", ref failure);
        return failure is null ? new KeyLimits { RequestsPerMinute = (int?)perMinute, TokensPerDay = perDay, ConcurrentRequests = (int?)concurrent } : null;
    }

    private static long? Positive(JsonElement limits, string field, ref Failure? failure)
    {
        if (!limits.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number > 0 && (field == "tokens_per_day" || number <= int.MaxValue))
        {
            return number;
        }

        failure ??= Failure.InvalidRequest($"'limits.{field}' must be a positive integer or null.", "limits." + field);
        return null;
    }

    private static DateTimeOffset? Expiry(JsonElement body, out Failure? failure)
    {
        failure = null;
        if (!body.TryGetProperty("expires_at", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds > 0 && seconds < 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        failure = Failure.InvalidRequest("'expires_at' must be unix seconds or an ISO 8601 time.", "expires_at");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}
