using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.History;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Metering;

namespace CodexRelay.Gateway.Admin;

/// <summary>
/// <c>/admin</c>: relay keys (create, list, revoke), tenants (limits, offboarding) and usage. Every action is audited.
/// </summary>
internal static class AdminEndpoints
{
    private const int MaxUsageDays = 400;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminAccess>();
        admin.MapPost("/keys", CreateKeyAsync);
        admin.MapGet("/keys", ListKeysAsync);
        admin.MapDelete("/keys/{id}", RevokeKeyAsync);
        admin.MapPut("/tenants/{tenant}/limits", SetTenantLimitsAsync);
        admin.MapDelete("/tenants/{tenant}", OffboardAsync);
        admin.MapGet("/usage", UsageAsync);
        admin.MapGet("/overview", OverviewEndpoint.GetAsync);
        return app;
    }

    private static async Task<IResult> CreateKeyAsync(HttpContext context, KeyStore keys, ILoggerFactory logs)
    {
        var (body, failure) = await ReadJsonAsync(context);
        if (failure is not null)
        {
            return failure.ToResult();
        }

        var (request, invalid) = KeyRequest.Read(body);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var (key, secret) = await keys.CreateAsync(request!.Tenant, request.User, request.Models, request.Limits, request.ExpiresAt, context.RequestAborted);
        Audit(context, logs, "created key", $"{key.Id} tenant={key.Tenant} user={key.User}");
        var created = AdminJson.Key(key);
        created["key"] = secret;
        return Results.Text(created.ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListKeysAsync(HttpContext context, KeyStore keys, ILoggerFactory logs, string? tenant)
    {
        var list = await keys.ListAsync(tenant, context.RequestAborted);
        Audit(context, logs, "listed keys", tenant ?? "*");
        return Json(AdminJson.List(list.Select(k => AdminJson.Key(k.Key, k.RevokedAt, k.LastUsedAt))));
    }

    private static async Task<IResult> RevokeKeyAsync(string id, HttpContext context, KeyStore keys, ILoggerFactory logs)
    {
        if (!await keys.RevokeAsync(id, context.RequestAborted))
        {
            return new Failure(FailureKind.RouteNotFound, $"No live key with id '{FailureText.Quote(id)}'.", "id").ToResult();
        }

        Audit(context, logs, "revoked key", id);
        return Results.NoContent();
    }

    private static async Task<IResult> SetTenantLimitsAsync(string tenant, HttpContext context, KeyStore keys, ILoggerFactory logs)
    {
        var (body, failure) = await ReadJsonAsync(context);
        if (failure is not null || !KeyRequest.IsName(tenant))
        {
            return (failure ?? Failure.InvalidRequest("Unknown tenant name.", "tenant")).ToResult();
        }

        long? tokens = null;
        if (body.ValueKind != JsonValueKind.Object
            || (body.TryGetProperty("tokens_per_day", out var value) && value.ValueKind != JsonValueKind.Null
                && !(value.TryGetInt64(out var parsed) && parsed > 0 && (tokens = parsed) is not null)))
        {
            return Failure.InvalidRequest("The body must be {\"tokens_per_day\": a positive integer or null}.", "tokens_per_day").ToResult();
        }

        await keys.SetTenantLimitsAsync(tenant, new TenantLimits { TokensPerDay = tokens }, context.RequestAborted);
        Audit(context, logs, "set tenant limits", $"{tenant} tokens_per_day={tokens?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"}");
        return Json(new JsonObject { ["tenant"] = tenant, ["limits"] = new JsonObject { ["tokens_per_day"] = tokens } });
    }

    private static async Task<IResult> OffboardAsync(string tenant, HttpContext context, KeyStore keys, ResponseHistoryClient history, TimeProvider time, ILoggerFactory logs)
    {
        var revoked = await keys.RemoveTenantAsync(tenant, context.RequestAborted);
        var ttl = await history.SessionTtlAsync(context.RequestAborted);
        var deleted = await history.DeleteTenantAsync(tenant, OffboardingDays(ttl, time.GetUtcNow()), context.RequestAborted);
        Audit(context, logs, "offboarded tenant", $"{tenant} keys={revoked} responses={deleted}");
        return Json(new JsonObject { ["tenant"] = tenant, ["keys_revoked"] = revoked, ["responses_deleted"] = deleted });
    }

    private static async Task<IResult> UsageAsync(
        HttpContext context, KeyStore keys, UsageMeter meter, TimeProvider time, ILoggerFactory logs, string? tenant, string? user, string? model, string? from, string? to)
    {
        var today = time.GetUtcNow();
        if (!TryDay(to, today, out var last) || !TryDay(from, last.AddDays(-29), out var first) || first > last || (last - first).TotalDays > MaxUsageDays)
        {
            return Failure.InvalidRequest($"'from' and 'to' are days (yyyy-MM-dd), from ≤ to, at most {MaxUsageDays} days apart.", "from").ToResult();
        }

        IReadOnlyList<string> tenants = tenant is not null ? [tenant] : [.. (await keys.TenantsAsync(context.RequestAborted)).Append("default").Distinct()];
        var rows = await meter.ListAsync(tenants, [.. Days(first, last)], context.RequestAborted);
        Audit(context, logs, "read usage", tenant ?? "*");
        return Json(AdminJson.List(rows
            .Where(r => (user is null || r.User == user) && (model is null || r.Model == model))
            .OrderBy(r => r.Day, StringComparer.Ordinal).ThenBy(r => r.Tenant, StringComparer.Ordinal).ThenBy(r => r.User, StringComparer.Ordinal)
            .Select(AdminJson.Usage)));
    }

    /// <summary>
    /// The days a response still stored at <paramref name="now"/> can be indexed under: it was last used at most
    /// <paramref name="ttl"/> (the silos' history TTL) ago and indexed under that day; whole days, and one more for silo
    /// clocks running behind.
    /// </summary>
    internal static IEnumerable<string> OffboardingDays(TimeSpan ttl, DateTimeOffset now) =>
        Days(now.AddDays(-Math.Min(Math.Ceiling(ttl.TotalDays) + 1, 36_600)), now);

    private static IEnumerable<string> Days(DateTimeOffset first, DateTimeOffset last)
    {
        for (var day = first.UtcDateTime.Date; day <= last.UtcDateTime.Date; day = day.AddDays(1))
        {
            yield return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    private static bool TryDay(string? value, DateTimeOffset fallback, out DateTimeOffset day)
    {
        day = fallback;
        return value is null || DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out day);
    }

    private static async Task<(JsonElement Body, Failure? Failure)> ReadJsonAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException exception)
        {
            return (default, new Failure(FailureKind.InvalidJson, $"The body is not valid JSON: {exception.Message}"));
        }
    }

    private static void Audit(HttpContext context, ILoggerFactory logs, string action, string target) =>
        AuditLog.Action(logs.CreateLogger(AuditLog.Category), context.Items[AdminAccess.AdminNameItem] as string ?? "admin", action, target);

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}
