using System.Collections.Frozen;
using CodexRelay.Contracts.Tenancy;
using CodexRelay.Gateway.Configuration;

namespace CodexRelay.Gateway.Identity;

/// <summary>Keys declared in configuration (<c>CodexRelay:Auth:Keys</c>), by hash: checked without the cluster.</summary>
internal sealed class ConfiguredKeys
{
    private readonly FrozenDictionary<string, KeyStatus> _keys;

    public ConfiguredKeys(AuthOptions options)
    {
        _keys = options.Keys.ToFrozenDictionary(
            k => k.Hash.Trim().ToLowerInvariant(),
            k => new KeyStatus
            {
                Key = new KeyDescriptor
                {
                    Id = RelayKeys.IdOf(k.Hash.Trim().ToLowerInvariant()),
                    Hash = k.Hash.Trim().ToLowerInvariant(),
                    Tenant = k.Tenant,
                    User = k.User,
                    Models = ModelPattern.Split(k.Models) is { Count: > 0 } models ? models : ["*"],
                    Limits = new KeyLimits { RequestsPerMinute = k.RequestsPerMinute, TokensPerDay = k.TokensPerDay, ConcurrentRequests = k.ConcurrentRequests },
                    ExpiresAt = k.ExpiresAt,
                },
            },
            StringComparer.Ordinal);
    }

    public bool TryGet(string hash, out KeyStatus? status)
    {
        var found = _keys.TryGetValue(hash, out var key);
        status = key;
        return found;
    }
}
