using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CodexRelay.Contracts;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Failures;
using CodexRelay.Gateway.Identity;
using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Gateway.Metering;

/// <summary>
/// Limits and usage for a response: one limiter call before it starts (keys mode), one charge when it ends. The charge
/// runs on a bounded server-side timeout, not the client's cancellation: a client that hangs up is still charged.
/// Requests without a relay key have no limiter to tell: their usage is summed and written once a second (<see cref="UsageBatch"/>).
/// </summary>
internal sealed class UsageMeter(IGrainFactory grains, TimeProvider time, ILogger<UsageMeter> logger) : IDisposable
{
    public static readonly TimeSpan ChargeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Task, byte> _pendingCharges = new();
    private readonly UsageBatch _keyless = new(grains, time, logger);

    public async Task<(string? LeaseId, Failure? Failure)> AcquireAsync(RelayPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.KeyId is not { } keyId)
        {
            return (null, null);
        }

        LimitDecision decision;
        try
        {
            decision = await grains.Reference<ILimiterGrain>(keyId).AcquireAsync(principal.Tenant, principal.Limits).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.KeyStoreFailed(logger, exception);
            return (null, new Failure(FailureKind.KeyStoreUnavailable, "The limits store is unavailable; retry shortly.") { RetryAfter = "1" });
        }

        var retryAfter = decision.RetryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return decision.Refusal switch
        {
            LimitRefusal.None => (decision.LeaseId, null),
            LimitRefusal.RequestsPerMinute => (null, new Failure(FailureKind.RateLimited, $"Rate limit reached: {principal.Limits.RequestsPerMinute} requests per minute for this key.") { RetryAfter = retryAfter }),
            LimitRefusal.ConcurrentRequests => (null, new Failure(FailureKind.RateLimited, $"Rate limit reached: {principal.Limits.ConcurrentRequests} concurrent requests for this key.") { RetryAfter = retryAfter }),
            LimitRefusal.KeyTokensPerDay => (null, new Failure(FailureKind.QuotaExhausted, "This key has used its tokens for today.") { RetryAfter = retryAfter }),
            _ => (null, new Failure(FailureKind.QuotaExhausted, "Your team has used its tokens for today.") { RetryAfter = retryAfter }),
        };
    }

    /// <summary>Ends the lease and adds the response's usage (and an error, if it failed) to the day's records.</summary>
    public void Charge(RelayPrincipal principal, string? leaseId, string model, JsonObject? usage, bool failed)
    {
        var record = Record(principal, model, usage, failed);
        if (principal.KeyId is not { } keyId)
        {
            // The serving warm-up's requests are metered up to here and charge nothing.
            if (!principal.IsWarmUp)
            {
                _keyless.Add(record);
            }

            return;
        }

        var charge = ChargeAsync(keyId, leaseId, record);
        if (!charge.IsCompleted)
        {
            Track(charge);
        }
    }

    /// <summary>
    /// <see cref="Charge"/>, waited for up to <see cref="SettleWait"/> (the response's end waits for it, so a key's
    /// concurrency slot is free when the client learns the response ended); past that the charge goes on by itself.
    /// </summary>
    public async Task SettleAsync(RelayPrincipal principal, string? leaseId, string model, JsonObject? usage, bool failed)
    {
        if (principal.KeyId is not { } keyId)
        {
            Charge(principal, leaseId, model, usage, failed);
            return;
        }

        var charge = ChargeAsync(keyId, leaseId, Record(principal, model, usage, failed));
        if (await Task.WhenAny(charge, Task.Delay(SettleWait)) != charge)
        {
            Track(charge);
        }
    }

    private void Track(Task charge)
    {
        _pendingCharges.TryAdd(charge, 0);
        _ = charge.ContinueWith(done => _pendingCharges.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for the charges still on their way, so a gateway shutting down reports what it served.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await _keyless.FlushAsync(cancellationToken);
        await Task.WhenAll(_pendingCharges.Keys).WaitAsync(cancellationToken);
    }

    public void Dispose() => _keyless.Dispose();

    /// <summary>Ends the key's lease at its limiter, which adds the usage to the day's records.</summary>
    private async Task ChargeAsync(string keyId, string? leaseId, UsageRecord record)
    {
        try
        {
            await grains.Reference<ILimiterGrain>(keyId).ReleaseAsync(leaseId, record).WaitAsync(ChargeTimeout, time);
        }
        catch (Exception exception)
        {
            RelayMetrics.StoreError("usage_charge");
            Log.ChargeFailed(logger, keyId, exception);
        }
    }

    /// <summary>The usage records of the tenants on the days, each read from its day's grain.</summary>
    public async Task<IReadOnlyList<UsageRecord>> ListAsync(IReadOnlyList<string> tenants, IReadOnlyList<string> days, CancellationToken cancellationToken)
    {
        await _keyless.FlushAsync(cancellationToken);
        var reads = tenants.SelectMany(tenant => days.Select(day => grains.Reference<IUsageGrain>($"{tenant}/{day}").ListAsync()));
        var records = await Task.WhenAll(reads).WaitAsync(cancellationToken);
        return [.. records.SelectMany(r => r)];
    }

    private UsageRecord Record(RelayPrincipal principal, string model, JsonObject? usage, bool failed) => new()
    {
        Tenant = principal.Tenant,
        User = principal.User,
        Model = model,
        Day = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Requests = 1,
        InputTokens = Number(usage?["input_tokens"]),
        CachedInputTokens = Number(usage?["input_tokens_details"]?["cached_tokens"]),
        OutputTokens = Number(usage?["output_tokens"]),
        ReasoningTokens = Number(usage?["output_tokens_details"]?["reasoning_tokens"]),
        Errors = failed ? 1 : 0,
    };

    private static long Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;
}
