using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Diagnostics;
using CodexRelay.Gateway.Failures;

namespace CodexRelay.Gateway.Identity;

/// <summary>
/// Auth mode <c>keys</c>: the bearer must be a live relay key. Lookups go to configured keys, then the gateway's
/// cache, then the key grain; the store unreachable fails closed (503). The client's bearer never goes upstream.
/// </summary>
internal sealed class KeyPrincipalResolver(
    KeyStore store, ConfiguredKeys configured, KeyValidationCache cache, FailedAuthLimiter failures, TimeProvider time, ILogger<KeyPrincipalResolver> logger)
    : IPrincipalResolver
{
    public async ValueTask<(RelayPrincipal? Principal, Failure? Failure)> ResolveAsync(ClientCredentials credentials, CancellationToken cancellationToken)
    {
        var token = RelayKeys.Bearer(credentials.Authorization);
        if (token is null || !RelayKeys.LooksLikeKey(token))
        {
            failures.Record(credentials.RemoteAddress);
            return (null, Refused(token is null ? "Missing relay key." : "Malformed relay key."));
        }

        var hash = RelayKeys.Hash(token);
        if (!configured.TryGet(hash, out var status) && !cache.TryGet(hash, out status))
        {
            if (failures.IsBlocked(credentials.RemoteAddress))
            {
                return (null, new Failure(FailureKind.RateLimited, "Too many failed authentications from this address; retry in a minute.") { RetryAfter = "60" });
            }

            try
            {
                status = await store.LookupAsync(hash, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.KeyStoreFailed(logger, exception);
                return (null, new Failure(FailureKind.KeyStoreUnavailable, "The key store is unavailable; retry shortly.") { RetryAfter = "1" });
            }

            cache.Put(hash, status);
            if (status is { RevokedAt: null })
            {
                store.Touch(hash);
            }
        }

        if (status is null || status.RevokedAt is not null || status.Key.ExpiresAt <= time.GetUtcNow())
        {
            failures.Record(credentials.RemoteAddress);
            Log.KeyRefused(logger, RelayKeys.IdOf(hash), status is null ? "unknown" : status.RevokedAt is not null ? "revoked" : "expired");
            return (null, Refused("Incorrect, expired or revoked relay key."));
        }

        return (Principal(status.Key), null);
    }

    private static RelayPrincipal Principal(KeyDescriptor key) => new(key.Tenant, key.User)
    {
        KeyId = key.Id,
        Models = key.Models,
        Limits = key.Limits,
    };

    private static Failure Refused(string message) =>
        new(FailureKind.Unauthorized, message + " Send 'Authorization: Bearer crk_...' with a key from the relay's administrator.");
}
